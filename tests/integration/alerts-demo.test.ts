import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

/**
 * The default alert rules on the real demo (90 days, loaded as the app loads it, into a real chDB + SQLite
 * store): a quiet week raises no alert; a 90-day backfill raises an alert for every incident the demo injects
 * (lib/demo/INCIDENTS.md) on the right metric and scope, overlapping its window, whose explanation (the change
 * decomposition the alert page shows) names the right top driver; a costly-request alert lists its requests with
 * their traces; and nothing else: no alert off an incident.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { loadDemoIfEmpty } = await import("@/lib/demo/load-demo");
const { demoIncidentWindows } = await import("@/lib/demo/incidents");
const { ensureDefaultRules } = await import("@/lib/alerts/default-rules");
const { evaluateAlerts } = await import("@/lib/alerts/evaluate");
const { changePeriods } = await import("@/lib/alerts/links");
const { listAlerts } = await import("@/lib/db/alerts");
const { getChange } = await import("@/lib/finops/change");
const { alertDetail } = await import("@/lib/alerts/manage");

const END = new Date("2026-06-15T18:00:00Z");
const DAY = 86_400_000;
const ANCHOR = Date.UTC(2026, 5, 15); // 00:00 UTC of END's day: incident offsets count from here

/** Per incident: the alert that must name it, the drivers its explanation may lead with, and the owning team. */
const EXPECTED = [
  { id: "runaway-agent", metric: "spend", scopeType: "feature", scopeValue: "coding-agent", drivers: ["volume"], team: "platform" },
  { id: "retry-storm", metric: "retry_amplification", scopeType: "service", scopeValue: "rag-api", drivers: ["retries"], team: "search" },
  { id: "cache-collapse", metric: "cache_hit_rate", scopeType: "feature", scopeValue: "in-app-assistant", drivers: ["cache_rate"], team: "growth" },
  // A model switch to o3: the mix moves first, the reasoning it brings second (tests/integration/change-demo.test.ts).
  { id: "reasoning-blowup", metric: "reasoning_share", scopeType: "feature", scopeValue: "ticket-triage", drivers: ["mix", "reasoning"], team: "support-ai" },
  { id: "cancellation-tax", metric: "cancellation_waste", scopeType: "feature", scopeValue: "support-chat", drivers: ["cancellations"], team: "support-ai" },
] as const;

beforeAll(async () => {
  await migrate();
  const r = await loadDemoIfEmpty({ seed: 7, demo: true, now: END });
  expect(r.events).toBeGreaterThan(100_000);
  expect(await ensureDefaultRules()).toBeGreaterThan(0);
}, 900_000);
afterAll(() => store.cleanup());

type Alert = Awaited<ReturnType<typeof listAlerts>>[number];
const windows = demoIncidentWindows(END);
const onIncident = (a: Alert) =>
  windows.find((w) => {
    const e = EXPECTED.find((x) => x.id === w.id)!;
    const scoped = Object.entries(w.scope).some(([k, v]) => a.scopeType === k && a.scopeValue === v) || (a.scopeType === "team" && a.scopeValue === e.team);
    return scoped && a.windowStart < new Date(w.end) && a.windowEnd > new Date(w.start);
  });

async function topDriver(a: Alert): Promise<string> {
  const periods = changePeriods({ scopeType: a.scopeType, scopeValue: a.scopeValue, windowStart: a.windowStart.toISOString(), windowEnd: a.windowEnd.toISOString() });
  const c = await getChange({ ...periods, filters: { include: { [a.scopeType]: [a.scopeValue] }, exclude: {} }, scope: { all: true } });
  return [...c.drivers].sort((x, y) => Number(y.amount_usd) - Number(x.amount_usd))[0].id;
}

describe("default alert rules on the demo", () => {
  it("a quiet week (no incident in it) raises no alert", async () => {
    // Days −26 … −19: after the reasoning blow-up (ends day −27 16:00), before the cache collapse (day −19 16:45).
    const quietEnd = new Date(ANCHOR - 19 * DAY);
    for (const w of windows) expect(Date.parse(w.end) <= quietEnd.getTime() - 7 * DAY || Date.parse(w.start) >= quietEnd.getTime(), w.id).toBe(true);
    const s = await evaluateAlerts({ now: quietEnd, lookbackDays: 7, notify: false });
    expect(s.series).toBeGreaterThan(40);
    expect(s.created).toBe(0);
    expect(await listAlerts({ all: true })).toHaveLength(0);
  }, 300_000);

  it("a 90-day backfill raises every injected incident on its scope with the right top driver, and no other alert", async () => {
    const s = await evaluateAlerts({ now: END, lookbackDays: 90, notify: false });
    console.log(`backfill: ${JSON.stringify(s)}`);
    const alerts = await listAlerts({ all: true });
    for (const e of EXPECTED) {
      const w = windows.find((x) => x.id === e.id)!;
      const hits = alerts.filter((a) => a.metric === e.metric && a.scopeType === e.scopeType && a.scopeValue === e.scopeValue && a.windowStart < new Date(w.end) && a.windowEnd > new Date(w.start));
      expect(hits.length, `${e.id}: no ${e.metric} alert on ${e.scopeType}=${e.scopeValue} in ${w.start} – ${w.end}`).toBeGreaterThan(0);
      for (const a of hits) {
        // Each alert starts inside its incident (not a pre-existing alert that merely overlaps it).
        expect(a.windowStart.getTime(), e.id).toBeGreaterThanOrEqual(Date.parse(w.start) - 3_600_000);
        expect(e.drivers as readonly string[], `${e.id}: top driver`).toContain(await topDriver(a));
      }
    }
    // The costly-request rule: the o3 switch's most expensive triage calls, each linked to its trace.
    const costly = alerts.filter((a) => a.metric === "request_outlier");
    expect(costly.length).toBeGreaterThan(0);
    for (const a of costly) {
      expect(onIncident(a)?.id).toBe("reasoning-blowup");
      const d = await alertDetail({ all: true }, a.id);
      expect(d.requests.length).toBeGreaterThan(0);
      expect(d.requests[0].trace_id).not.toBe("");
      expect(Number(d.requests[0].cost_usd)).toBeGreaterThan(50 * Number(d.requests[0].expected_usd));
    }
    const off = alerts.filter((a) => !onIncident(a)).map((a) => `${a.metric} ${a.scopeType}=${a.scopeValue} ${a.windowStart.toISOString()}`);
    expect(off).toEqual([]);
  }, 600_000);
});
