import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * A change of the organisation's calendar (Settings → calendar, PATCH /api/v1/settings/org) moves every budget
 * period's edges, so the decision API's in-memory state is wrong from that instant: the next decision must use
 * the new periods, not wait for the periodic refresh (30 s by default, long enough to decide wrongly meanwhile).
 */
const store = useTempStore();
process.env.TOKENLEDGER_BUDGET_REFRESH_S = "3600"; // the periodic refresh must not be what fixes it
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { insertBudget } = await import("@/lib/db/budgets");
const { updateOrgSettings } = await import("@/lib/admin/org-settings");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { refreshBudgetState } = await import("@/lib/budgets/check-state");
const { checkBudgets } = await import("@/lib/budgets/check");

const thresholds = JSON.stringify([{ percent: 80, action: "notify" }, { percent: 100, action: "require_approval" }, { percent: 120, action: "block" }]);
// 00:30 UTC on 1 December: December in UTC, but already 01:30 in Paris, whose December began at 23:00 UTC.
const now = new Date("2026-12-01T00:30:00Z");
const check = () => checkBudgets({ team: "search", estimated_cost_usd: "0" }, { keyId: "k", defaultTeam: null }, now);

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams([{ slug: "search", name: "Search" }]);
  await insertBudget({ name: "Search monthly", scopeType: "team", scopeValue: "search", team: "search", period: "month", amountUsd: "1.00", customFrom: null, customTo: null, thresholds }, "test");
  // gpt-4.1 input is $2 per million tokens: 100,000 tokens cost $0.20. At 23:30 UTC on 30 November (00:30 in Paris).
  const r = await ingestEvents([makeUsageEvent({ team: "search", timestamp: "2026-11-30T23:30:00Z", input_tokens: 100_000, output_tokens: 0 })], { now, source: { keyId: "k", defaultTeam: null } });
  expect(r.rejected).toEqual([]);
});
afterAll(() => store.cleanup());

describe("the organisation's time zone changes", () => {
  it("the next decision uses the new period edges", async () => {
    await refreshBudgetState(now.getTime());
    expect((await check()).budgets).toMatchObject([{ remaining_usd: "1" }]); // UTC: the event is November's
    await updateOrgSettings({ timeZone: "Europe/Paris" }, "admin@example.com");
    expect((await check()).budgets).toMatchObject([{ remaining_usd: "0.8" }]); // Paris: it is December's
    await updateOrgSettings({ timeZone: "UTC" }, "admin@example.com");
    expect((await check()).budgets).toMatchObject([{ remaining_usd: "1" }]);
  });

  it("so does a change of the first day of the month", async () => {
    await updateOrgSettings({ monthStartDay: 30 }, "admin@example.com"); // the period began on 30 November
    expect((await check()).budgets).toMatchObject([{ remaining_usd: "0.8" }]);
    await updateOrgSettings({ monthStartDay: 1 }, "admin@example.com");
  });
});

describe("the price book changes", () => {
  it("the next estimate from model and tokens uses the new price, not the one loaded before", async () => {
    const { savePrice } = await import("@/lib/admin/price-book");
    const { PriceCreate } = await import("@/lib/schemas/settings");
    const estimate = async () => (await checkBudgets({ team: "search", model: "gpt-4.1", input_tokens: 1000, output_tokens: 100 }, { keyId: "k", defaultTeam: null }, now)).estimated_cost_usd;
    await refreshBudgetState(now.getTime());
    expect(await estimate()).toBe("0.0028"); // 1000·2e-6 + 100·8e-6
    await savePrice(PriceCreate.parse({ provider: "openai", model: "gpt-4.1", validFrom: "2026-11-15", inputPerToken: "0.000003", outputPerToken: "0.000012" }), "admin@example.com");
    expect(await estimate()).toBe("0.0042"); // 1000·3e-6 + 100·12e-6, at once
  });
});

describe("a call named without a provider", () => {
  it("is priced as ingest prices it: a dated snapshot by its undated row, provider/model by that provider's row", async () => {
    await refreshBudgetState(now.getTime());
    const estimate = async (model: string) => (await checkBudgets({ team: "search", model, input_tokens: 1000, output_tokens: 100 }, { keyId: "k", defaultTeam: null }, now)).estimated_cost_usd;
    // claude-sonnet-4-5: $3 in, $15 out per million: 1000·3e-6 + 100·15e-6
    expect(await estimate("claude-sonnet-4-5")).toBe("0.0045");
    expect(await estimate("claude-sonnet-4-5-20250929")).toBe("0.0045");
    expect(await estimate("anthropic/claude-sonnet-4-5")).toBe("0.0045");
    expect(await estimate("Claude-Sonnet-4-5")).toBe("0.0045");
    await expect(estimate("no-such-model-20250929")).rejects.toThrow(/has no price in the price book/);
  });
});

