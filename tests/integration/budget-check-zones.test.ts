import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * Actual spend and the decision API at the edges of a budget period in the organisation's calendar, on a real
 * store: Europe/London with months starting on the 25th, so the period begins on the night clocks go back
 * (2026-10-25, two 01:30s) and ends a month later in GMT. Spend from the store (state refresh, listing) and spend
 * added by ingest as it happens must agree on which events are in the period, at the second.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { insertBudget, listBudgets } = await import("@/lib/db/budgets");
const { updateOrgSettings } = await import("@/lib/db/org-settings");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { refreshBudgetState, notifyBudgetsChanged } = await import("@/lib/budgets/check-state");
const { checkBudgets } = await import("@/lib/budgets/check");
const { budgetStatus } = await import("@/lib/budgets/status");
const { toBudget } = await import("@/lib/budgets/model");

const cal = { timeZone: "Europe/London", monthStartDay: 25, weekStartsOn: 1 };
const caller = { keyId: "k", defaultTeam: null };
// gpt-4.1 input is $2 per million tokens: 5,000 tokens cost exactly $0.01.
const spend = (cents: number, timestamp: string) => makeUsageEvent({ team: "search", timestamp, input_tokens: 5_000 * cents, output_tokens: 0 });
const ingest = async (events: ReturnType<typeof makeUsageEvent>[]) => {
  const r = await ingestEvents(events, { now: new Date("2026-11-24T12:00:00Z"), source: { keyId: "k", defaultTeam: null } });
  expect(r.rejected).toEqual([]);
};
const check = (cost: string, now: string) => checkBudgets({ team: "search", estimated_cost_usd: cost }, caller, new Date(now));
const lastInstant = "2026-11-24T23:59:59.500Z"; // 23:59:59.5 GMT on the 24th: the period's last second

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams([{ slug: "search", name: "Search" }]);
  await updateOrgSettings({ timeZone: cal.timeZone, monthStartDay: 25 }, "test");
  const thresholds = JSON.stringify([{ percent: 80, action: "notify" }, { percent: 100, action: "require_approval" }, { percent: 120, action: "block" }]);
  await insertBudget({ name: "Search monthly", scopeType: "team", scopeValue: "search", team: "search", period: "month", amountUsd: "1.00", customFrom: null, customTo: null, thresholds }, "test");
  notifyBudgetsChanged();
  await ingest([
    spend(50, "2026-10-24T22:59:59Z"), // 23:59:59 BST on the 24th: the period before
    spend(10, "2026-10-24T23:00:00Z"), // 00:00 BST on the 25th: the period's first instant
    spend(20, "2026-10-25T00:30:00Z"), // the first 01:30 (BST)
    spend(30, "2026-10-25T01:30:00Z"), // the second 01:30 (GMT)
  ]);
});
afterAll(() => store.cleanup());

describe("a London month from the 25th, starting on the fall-back night", () => {
  it("spend loaded from the store counts the period's events only", async () => {
    await refreshBudgetState(new Date("2026-11-10T12:00:00Z").getTime());
    const r = await check("0", "2026-11-10T12:00:00Z");
    expect(r.budgets).toMatchObject([{ name: "Search monthly", remaining_usd: "0.4" }]); // $1.00 − $0.60
  });

  it("an event at the period's last second is added as it arrives; the listing agrees at that instant", async () => {
    await refreshBudgetState(new Date(lastInstant).getTime());
    await ingest([spend(15, "2026-11-24T23:59:59Z"), spend(40, "2026-11-25T00:00:00Z")]); // the last second; the next period's first
    const r = await check("0", lastInstant);
    expect(r.budgets[0].remaining_usd).toBe("0.25");
    expect((await check("0.04", lastInstant)).decision).toBe("allow"); // $0.79
    expect((await check("0.05", lastInstant)).decision).toBe("warn"); // $0.80: 80 % at the cent
    const b = toBudget((await listBudgets())[0]);
    const s = await budgetStatus(b, { now: new Date(lastInstant), cal });
    expect([s.current_period.from, s.current_period.to, s.actual_usd]).toEqual(["2026-10-25", "2026-11-25", "0.75"]);
  });

  it("the next period (GMT) starts at 00:00Z on the 25th with only its own spend", async () => {
    const next = "2026-11-25T00:00:01.000Z"; // spend loaded from the store is [start, now): one second in
    const r = await check("0", next); // the state sees the period has ended and reloads before answering
    expect(r.budgets[0].remaining_usd).toBe("0.6");
    const s = await budgetStatus(toBudget((await listBudgets())[0]), { now: new Date("2026-11-25T12:00:00Z"), cal });
    expect([s.current_period.from, s.actual_usd]).toEqual(["2026-11-25", "0.4"]);
  });
});
