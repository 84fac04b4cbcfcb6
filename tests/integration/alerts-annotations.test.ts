import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

/**
 * augurs' changepoint and outlier detectors as annotations of the demo's alerts (real chDB + SQLite, the demo
 * loaded as the app loads it, a real HTTP receiver and a real SMTP server): the cache collapse is a level shift
 * from ~67 % to under 20 % since the incident's start; the retry storm on rag-api names team search as the
 * outlying team, and both phrases reach the webhook, the email and GET /api/v1/alerts/{id}'s payload.
 * (Which alerts fire is tests/integration/alerts-demo.test.ts's business and does not change.)
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { loadDemoIfEmpty } = await import("@/lib/demo/load-demo");
const { demoIncidentWindows } = await import("@/lib/demo/incidents");
const { ensureDefaultRules } = await import("@/lib/alerts/default-rules");
const { evaluateAlerts } = await import("@/lib/alerts/evaluate");
const { listAlerts } = await import("@/lib/db/alerts");
const { alertDetail } = await import("@/lib/alerts/manage");
const { AlertDetail } = await import("@/lib/schemas/alerts");
const { createChannel, saveSmtpSettings } = await import("@/lib/db/notification-channels");

const END = new Date("2026-06-15T18:00:00Z");
const windows = demoIncidentWindows(END);
const win = (id: string) => windows.find((w) => w.id === id)!;
const hooks: string[] = [];
const mails: string[] = [];
let hook: http.Server;
let smtp: SMTPServer;

beforeAll(async () => {
  hook = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      hooks.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", () => r()));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, cb) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        mails.push(raw);
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  await migrate();
  const r = await loadDemoIfEmpty({ seed: 7, demo: true, now: END });
  expect(r.events).toBeGreaterThan(100_000);
  await ensureDefaultRules();
  await saveSmtpSettings({ host: "127.0.0.1", port: (smtp.server.address() as AddressInfo).port, secure: false, user: "", password: "", fromAddr: "alerts@tokenledger.test" });
  await createChannel({ name: "lead mail", kind: "email", target: "lead@example.com", secret: "", enabled: true });
  await createChannel({ name: "slack", kind: "webhook", target: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, secret: "", enabled: true });
}, 900_000);
afterAll(async () => {
  await new Promise<void>((r) => hook.close(() => r()));
  await new Promise<void>((r) => smtp.close(() => r()));
  await store.cleanup();
});

describe("augurs annotations of the demo's alerts", () => {
  it("the retry storm, evaluated as it ends: a level shift on rag-api, team search outlying, in the webhook and the email", async () => {
    const w = win("retry-storm");
    const s = await evaluateAlerts({ now: new Date(Date.parse(w.end) + 3_600_000), lookbackDays: 3 });
    expect(s.created).toBeGreaterThan(0);
    const storm = (await listAlerts({ all: true })).filter((a) => a.metric === "retry_amplification" && a.scopeValue === "rag-api");
    expect(storm).toHaveLength(1);
    const d = AlertDetail.parse(await alertDetail({ all: true }, storm[0].id));
    expect(d.alert.outliers).toEqual({ dimension: "team", values: ["search"] });
    expect(d.alert.outliersSummary).toBe("Outlying teams: search");
    expect(d.alert.incidentKind).toBe("level_shift");
    expect(d.alert.levelBefore!).toBeLessThan(1.2);
    expect(d.alert.levelAfter!).toBeGreaterThan(3);
    expect(Date.parse(d.alert.shiftAt!)).toBeGreaterThanOrEqual(Date.parse(w.start) - 3_600_000);
    expect(Date.parse(d.alert.shiftAt!)).toBeLessThanOrEqual(Date.parse(w.start) + 3_600_000);
    const sent = hooks.map((h) => JSON.parse(h) as { text: string; tokenledger: { title: string; text: string } }).filter((h) => h.tokenledger.title.startsWith("Retry amplification"));
    expect(sent).toHaveLength(1);
    expect(sent[0].tokenledger.text).toContain(d.alert.kindSummary);
    expect(sent[0].tokenledger.text).toContain("Outlying teams: search");
    expect(sent[0].text).toContain("Outlying teams: search");
    expect(mails.some((m) => m.replace(/=\r?\n/g, "").includes("Outlying teams: search"))).toBe(true);
  }, 600_000);

  it("the cache collapse is a level shift from about 67 % to under 20 % since the incident's start; northwind is among the outlying customers", async () => {
    await evaluateAlerts({ now: END, lookbackDays: 90, notify: false });
    const w = win("cache-collapse");
    const cache = (await listAlerts({ all: true })).filter((a) => a.metric === "cache_hit_rate" && a.scopeValue === "in-app-assistant" && a.windowStart < new Date(w.end) && a.windowEnd > new Date(w.start));
    expect(cache.length).toBeGreaterThan(0);
    for (const a of cache) {
      const d = AlertDetail.parse(await alertDetail({ all: true }, a.id));
      expect(d.alert.incidentKind, a.windowStart.toISOString()).toBe("level_shift");
      expect(d.alert.levelBefore!).toBeGreaterThan(0.55);
      expect(d.alert.levelAfter!).toBeLessThan(0.2);
      // The collapse starts at 16:45: the first hour it shows in is 16:00 or 17:00.
      expect(Math.abs(Date.parse(d.alert.shiftAt!) - Date.parse(w.start))).toBeLessThanOrEqual(2 * 3_600_000);
      expect(d.alert.kindSummary).toMatch(/^Level shift: \d+\.\d% → \d+\.\d% since 2026-05-27 1[67]:00 UTC$/);
      expect(d.alert.outliers?.dimension).toBe("customer");
      expect(d.alert.outliers?.values).toContain("northwind");
    }
    // Costly-request alerts are about single requests: not classified, no siblings.
    const costly = (await listAlerts({ all: true })).filter((a) => a.metric === "request_outlier");
    expect(costly.length).toBeGreaterThan(0);
    for (const a of costly) expect([a.incidentKind, a.outliers]).toEqual(["", ""]);
  }, 600_000);
});
