import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

/** Notifications to a real SMTP server (smtp-server) and a real HTTP receiver: no mocks of either protocol. */
const store = useTempStore();
const mails: { from: string; to: string[]; raw: string }[] = [];
const hooks: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
let hook: http.Server;
let hookUrl = "";
let failNext = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  hook = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      hooks.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", () => r()));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => hook.close(() => r()));
  await store.cleanup();
});

const n = { kind: "alert" as const, title: "Spend anomaly: feature=coding-agent", text: "$412.50 above expected over 7 h", url: "http://localhost:3000/alerts/abc", severity: "critical" as const };

describe("sendNotification", () => {
  it("delivers to every enabled channel: an email over SMTP and a signed, Slack-compatible webhook", async () => {
    const { createChannel, saveSmtpSettings } = await import("@/lib/db/notification-channels");
    const { sendNotification } = await import("@/lib/notify/send");
    await saveSmtpSettings({ host: "127.0.0.1", port: smtpPort, secure: false, user: "", password: "", fromAddr: "alerts@tokenledger.test" });
    await createChannel({ name: "oncall mail", kind: "email", target: "lead@example.com, finops@example.com", secret: "", enabled: true });
    await createChannel({ name: "slack", kind: "webhook", target: hookUrl, secret: "s3cret", enabled: true });
    await createChannel({ name: "disabled", kind: "webhook", target: "http://127.0.0.1:1/never", secret: "", enabled: false });

    const r = await sendNotification(n);
    expect(r).toEqual({ delivered: 2, failed: [] });

    expect(mails).toHaveLength(1);
    expect(mails[0].from).toBe("alerts@tokenledger.test");
    expect(mails[0].to).toEqual(["lead@example.com", "finops@example.com"]);
    expect(mails[0].raw).toContain("Subject: [TokenLedger critical] Spend anomaly: feature=coding-agent");
    expect(mails[0].raw).toContain("http://localhost:3000/alerts/abc");

    expect(hooks).toHaveLength(1);
    const body = JSON.parse(hooks[0].body) as { text: string; blocks: { type: string }[]; tokenledger: typeof n };
    expect(body.tokenledger).toEqual(n);
    expect(body.blocks.map((b) => b.type)).toEqual(["header", "section", "actions"]);
    const ts = String(hooks[0].headers["x-tokenledger-timestamp"]);
    const expected = `sha256=${createHmac("sha256", "s3cret").update(`${ts}.${hooks[0].body}`).digest("hex")}`;
    expect(hooks[0].headers["x-tokenledger-signature"]).toBe(expected);
  });

  it("retries a failing webhook with backoff, and reports a channel that keeps failing by name", async () => {
    const { createChannel, deleteChannel, listChannels } = await import("@/lib/db/notification-channels");
    const { notifyAll } = await import("@/lib/notify/send");
    for (const c of await listChannels()) if (c.kind === "email") await deleteChannel(c.id);
    await createChannel({ name: "dead", kind: "webhook", target: "http://127.0.0.1:1/nothing-listens", secret: "", enabled: true });
    failNext = 2; // the live webhook answers 503 twice, then 204
    const before = hooks.length;
    const r = await notifyAll(n, { backoffMs: [10, 10] });
    expect(r.delivered).toBe(1);
    expect(hooks.length).toBe(before + 1);
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0].channel).toBe("dead");
    expect(r.failed[0].error).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it("a budget's new threshold crossing goes to the same channels, once", async () => {
    const { insertBudget } = await import("@/lib/db/budgets");
    const { toBudget } = await import("@/lib/budgets/model");
    const { onThresholdCrossed } = await import("@/lib/budgets/events");
    const row = await insertBudget({ name: "Search monthly", scopeType: "org", scopeValue: "", team: null, period: "month", customFrom: null, customTo: null, amountUsd: "100", thresholds: '[{"percent":80,"action":"notify"}]' }, "test");
    const budget = toBudget(row);
    const period = { key: "2026-11-01/2026-12-01", label: "Nov 2026", from: "2026-11-01", to: "2026-12-01", start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") };
    const before = hooks.length;
    const crossing = { budget, period, threshold: { percent: 80, action: "notify" as const }, kind: "crossed" as const, spendUsd: "81.50" };
    expect(await onThresholdCrossed(crossing)).not.toBeNull();
    await expect.poll(() => hooks.length, { timeout: 10_000 }).toBe(before + 1);
    const body = JSON.parse(hooks[hooks.length - 1].body) as { tokenledger: { kind: string; title: string; url: string; severity: string } };
    expect(body.tokenledger).toMatchObject({ kind: "budget", title: 'Budget "Search monthly" reached 80 %', url: `/budgets/${budget.id}`, severity: "info" });
    // The same crossing again is no new event, and sends nothing.
    expect(await onThresholdCrossed(crossing)).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(hooks.length).toBe(before + 1);
  });
});
