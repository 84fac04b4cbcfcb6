import { afterEach, describe, expect, it } from "vitest";
import { logger, setLogOutput } from "@/lib/log/logger";
import { REDACTED, redact } from "@/lib/log/redact";
import { runInRequest } from "@/lib/log/request-context";

/** Secrets never reach a log line, by field name at any depth or by their shape inside any string. */
afterEach(() => setLogOutput());

const capture = (level: "debug" | "info" | "warn" | "error") => {
  const lines: string[] = [];
  setLogOutput((l) => lines.push(l), level);
  return lines;
};
const parse = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe("log redaction", () => {
  it("replaces secret fields at any depth and masks secrets inside strings", () => {
    const out = redact({
      headers: { Authorization: "Bearer tla_abcdefghijkl", Cookie: "tl_session=abc", "set-cookie": ["tl_csrf=x"], "x-csrf-token": "csrf123" },
      user: { email: "a@example.com", password: "hunter2hunter2", passwordHash: "scrypt$..." },
      smtp: { host: "mail.example.com", user: "mailer", pass: "smtp-pass", url: "smtps://mailer:smtp-pass@mail.example.com:465" },
      ingest: { secret: "tlk_0123456789abcdef", note: "sent with tlk_0123456789abcdef by curl" },
      message: "failed: Authorization: Bearer tla_abcdefghijkl",
      count: 3,
      empty: "",
    }) as Record<string, Record<string, unknown>>;
    const text = JSON.stringify(out);
    for (const secret of ["tla_abcdefghijkl", "tl_session=abc", "tl_csrf=x", "csrf123", "hunter2hunter2", "scrypt$", "smtp-pass", "tlk_0123456789abcdef"]) expect(text, secret).not.toContain(secret);
    expect(out.headers.Authorization).toBe(REDACTED);
    expect(out.user.email).toBe("a@example.com");
    expect(out.smtp.host).toBe("mail.example.com");
    expect(out.smtp.url).toBe(`smtps://${REDACTED}@mail.example.com:465`);
    expect(out.ingest.note).toBe(`sent with tlk_${REDACTED} by curl`);
    expect((out as unknown as { count: number }).count).toBe(3);
  });

  it("writes pino JSON lines, redacted, at or above the level", () => {
    const lines = capture("info");
    logger.debug("not written");
    logger.info({ password: "pw-123456789", route: "/x" }, "signed in with tla_abcdefghijkl");
    logger.child({ component: "smtp" }).error({ err: new Error("auth failed for smtp://u:p4ss@host") }, "send failed");
    expect(lines).toHaveLength(2);
    const [info, error] = parse(lines);
    expect(info).toMatchObject({ level: 30, name: "tokenledger", password: REDACTED, route: "/x", msg: `signed in with tla_${REDACTED}` });
    expect(info.time).toBeTypeOf("number");
    expect(Math.abs((info.time as number) - Date.now())).toBeLessThan(60_000);
    expect(info.pid).toBe(process.pid);
    expect(info.hostname).toBeTypeOf("string");
    expect(error).toMatchObject({ level: 50, component: "smtp", msg: "send failed", err: { type: "Error" } });
    expect(lines.join("\n")).not.toContain("p4ss");
  });

  it("censors secret field names one and two levels down: headers, SMTP settings, webhook secrets, API keys", () => {
    const lines = capture("info");
    logger.warn(
      {
        headers: { authorization: "Basic dXNlcjpwdw==", cookie: "tl_session=abc123", "x-api-key": "k-1234567890" },
        channel: { kind: "webhook", url: "https://hooks.example.com/x", config: { webhookSecret: "whsec-abcdef", smtpPassword: "smtp-pw-1" } },
        apiKey: "sk-live-zzz",
        token: "plain-token-value",
      },
      "notification failed",
    );
    const [line] = parse(lines) as [Record<string, Record<string, unknown>>];
    for (const secret of ["dXNlcjpwdw", "abc123", "k-1234567890", "whsec-abcdef", "smtp-pw-1", "sk-live-zzz", "plain-token-value"]) expect(lines[0], secret).not.toContain(secret);
    expect(line.headers.authorization).toBe(REDACTED);
    expect((line.channel.config as Record<string, unknown>).webhookSecret).toBe(REDACTED);
    expect(line.channel.url).toBe("https://hooks.example.com/x");
    expect(line.apiKey).toBe(REDACTED);
  });

  it("stamps every line written inside a request with its id, and none outside", () => {
    const lines = capture("info");
    runInRequest({ requestId: "req-42", operation: "getSummary", queries: [] }, () => logger.info({ route: "/api/v1/summary", duration_ms: 3.5 }, "request"));
    logger.info("outside");
    const [inside, outside] = parse(lines);
    expect(inside).toMatchObject({ level: 30, msg: "request", request_id: "req-42", route: "/api/v1/summary", duration_ms: 3.5 });
    expect(outside).not.toHaveProperty("request_id");
  });

  it("honours the level set from LOG_LEVEL or by the caller", () => {
    const lines = capture("error");
    expect(logger.isLevelEnabled("info")).toBe(false);
    logger.info("dropped");
    logger.warn("dropped too");
    logger.error("kept");
    expect(parse(lines).map((l) => l.msg)).toEqual(["kept"]);
    capture("debug");
    expect(logger.isLevelEnabled("debug")).toBe(true);
  });
});
