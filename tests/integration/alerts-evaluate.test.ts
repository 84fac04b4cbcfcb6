import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * Evaluation on a real store (chDB + SQLite): a retry storm on one service becomes ONE alert that grows while
 * the storm lasts; re-running adds nothing; transitions are recorded with who and when and audited; a lead
 * sees only alerts of their team.
 */
const store = useTempStore();
const H = 3_600_000;
const DAY0 = Date.UTC(2026, 2, 2); // a Monday
const STORM_DAY = DAY0 + 20 * 24 * H;
const stormHour = (t: number) => t >= STORM_DAY + 10 * H && t < STORM_DAY + 15 * H;

beforeAll(async () => {
  const { migrate } = await import("@/lib/clickhouse/migrate");
  await migrate();
  const { ingestEvents } = await import("@/lib/ingest/ingest-events");
  const events = [];
  for (let t = DAY0; t < STORM_DAY + 24 * H; t += H) {
    const busy = new Date(t).getUTCHours() >= 8 && new Date(t).getUTCHours() < 20 ? 8 : 4;
    for (let r = 0; r < busy; r++) {
      const attempts = stormHour(t) ? 4 : r === 0 && (t / H) % 7 === 0 ? 2 : 1;
      for (let a = 1; a <= attempts; a++)
        events.push(makeUsageEvent({ timestamp: new Date(t + r * 60_000 + a * 1000).toISOString(), service: "rag-api", team: "search", request_id: `req-${t}-${r}`, attempt: a, status: a < attempts ? "timeout" : "success" }));
    }
  }
  const res = await ingestEvents(events, { now: new Date(STORM_DAY + 24 * H) });
  expect(res.rejected).toHaveLength(0);
  const { createRule } = await import("@/lib/db/alerts");
  await createRule({ name: "retries", metric: "retry_amplification", scopeType: "service", scopeValue: "", grain: "hour", sensitivity: "medium", minImpactUsd: "0", minVolume: 3, enabled: true });
}, 300_000);
afterAll(() => store.cleanup());

describe("evaluateAlerts", () => {
  it("an ongoing storm is one alert that grows; evaluating again creates nothing", async () => {
    const { evaluateAlerts } = await import("@/lib/alerts/evaluate");
    const { listAlerts } = await import("@/lib/db/alerts");
    // Mid-storm: 10:00 and 11:00 are complete buckets.
    const first = await evaluateAlerts({ now: new Date(STORM_DAY + 12 * H + 30 * 60_000), lookbackDays: 2, notify: false });
    expect(first.created).toBe(1);
    let alerts = await listAlerts({ all: true });
    expect(alerts).toHaveLength(1);
    expect(alerts[0].windowStart.toISOString()).toBe(new Date(STORM_DAY + 10 * H).toISOString());
    expect(alerts[0].windowEnd.toISOString()).toBe(new Date(STORM_DAY + 12 * H).toISOString());
    expect(alerts[0].scopeValue).toBe("rag-api");
    expect(alerts[0].team).toBe("search");
    // Later: the same alert now covers the whole storm.
    const second = await evaluateAlerts({ now: new Date(STORM_DAY + 18 * H), lookbackDays: 2, notify: false });
    expect(second.created).toBe(0);
    expect(second.updated).toBe(1);
    alerts = await listAlerts({ all: true });
    expect(alerts).toHaveLength(1);
    expect(alerts[0].windowEnd.toISOString()).toBe(new Date(STORM_DAY + 15 * H).toISOString());
    expect(alerts[0].points).toBe(5);
    expect(alerts[0].peakValue).toBeCloseTo(4, 5);
    const third = await evaluateAlerts({ now: new Date(STORM_DAY + 23 * H), lookbackDays: 2, notify: false });
    expect(third.created + third.updated).toBe(0);
  }, 300_000);

  it("acknowledge, snooze and resolve record who and when, are audited, and respect team scope", async () => {
    const { listAlerts } = await import("@/lib/db/alerts");
    const { transitionAlert, listVisibleAlerts } = await import("@/lib/alerts/manage");
    const { listAudit } = await import("@/lib/db/audit");
    const { principalFor } = await import("@/lib/auth/roles");
    const [a] = await listAlerts({ all: true });
    const lead = principalFor({ kind: "user", id: "u1", name: "lead@x", role: "lead", teams: ["search"] });
    const otherLead = principalFor({ kind: "user", id: "u2", name: "other@x", role: "lead", teams: ["growth"] });
    expect(await listVisibleAlerts({ all: false, teams: ["growth"] }, [])).toHaveLength(0);
    await expect(transitionAlert(otherLead, { all: false, teams: ["growth"] }, a.id, "ack", "user:other@x")).rejects.toThrow(/No such alert/);
    const acked = await transitionAlert(lead, { all: false, teams: ["search"] }, a.id, "ack", "user:lead@x");
    expect(acked.status).toBe("acknowledged");
    expect(acked.acknowledgedBy).toBe("user:lead@x");
    await expect(transitionAlert(lead, { all: false, teams: ["search"] }, a.id, "snooze", "user:lead@x", new Date(Date.now() - 1000))).rejects.toThrow(/until: must be in the future/);
    const snoozed = await transitionAlert(lead, { all: false, teams: ["search"] }, a.id, "snooze", "user:lead@x", new Date(Date.now() + 3_600_000));
    expect(snoozed.status).toBe("snoozed");
    const resolved = await transitionAlert(lead, { all: false, teams: ["search"] }, a.id, "resolve", "user:lead@x");
    expect(resolved.status).toBe("resolved");
    expect(resolved.resolvedBy).toBe("user:lead@x");
    const actions = (await listAudit()).filter((e) => e.entityId === a.id).map((e) => e.action).sort();
    expect(actions).toEqual(["alert.ack", "alert.resolve", "alert.snooze"]);
  });
});
