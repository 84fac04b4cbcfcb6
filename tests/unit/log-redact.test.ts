import { afterEach, describe, expect, it } from "vitest";
import { logger, setLogOutput } from "@/lib/log/logger";
import { REDACTED, redact } from "@/lib/log/redact";

/** Secrets never reach a log line, by field name at any depth or by their shape inside any string. */
afterEach(() => setLogOutput());

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

  it("writes pino-shaped JSON lines, redacted, at or above the level", () => {
    const lines: string[] = [];
    setLogOutput((l) => lines.push(l), "info");
    logger.debug("not written");
    logger.info({ password: "pw-123456789", route: "/x" }, "signed in with tla_abcdefghijkl");
    logger.child({ component: "smtp" }).error({ err: new Error("auth failed for smtp://u:p4ss@host") }, "send failed");
    expect(lines).toHaveLength(2);
    const [info, error] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(info).toMatchObject({ level: 30, password: REDACTED, route: "/x", msg: `signed in with tla_${REDACTED}` });
    expect(info.time).toBeTypeOf("number");
    expect(info.pid).toBe(process.pid);
    expect(error).toMatchObject({ level: 50, component: "smtp", msg: "send failed", err: { type: "Error" } });
    expect(lines.join("\n")).not.toContain("p4ss");
  });
});
