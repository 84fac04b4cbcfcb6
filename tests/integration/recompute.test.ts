import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { chQuery } = await import("@/lib/clickhouse/client");
const { seedPricesIfEmpty, upsertPrices } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { createOwnershipRule } = await import("@/lib/db/ownership-rules");
const { db } = await import("@/lib/db/prisma");
const { listAudit } = await import("@/lib/db/audit");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { repriceOpenPeriods, reapplyRulesToOpenPeriods } = await import("@/lib/finops/recompute");
const { z } = await import("zod");

// Raw and rollup totals per month and team: they must always agree.
const rawByMonthTeam = {
  name: "t-raw",
  sql: "SELECT toYYYYMM(ts) AS m, team, toString(sum(cost_usd)) AS cost, count() AS n, countIf(NOT priced) AS unpriced FROM usage_events GROUP BY m, team ORDER BY m, team",
  row: z.object({ m: z.coerce.number(), team: z.string(), cost: z.string(), n: z.coerce.number(), unpriced: z.coerce.number() }),
};
const rollupByMonthTeam = {
  name: "t-rollup",
  sql: "SELECT toYYYYMM(hour) AS m, team, toString(sum(cost_usd)) AS cost, sum(attempts) AS n, sumIf(attempts, NOT priced) AS unpriced FROM usage_hourly GROUP BY m, team ORDER BY m, team",
  row: rawByMonthTeam.row,
};
const dailyByMonthTeam = { ...rollupByMonthTeam, name: "t-daily", sql: rollupByMonthTeam.sql.replace("toYYYYMM(hour)", "toYYYYMM(day)").replace("usage_hourly", "usage_daily") };
// The retry ledger follows its events through rewrites: same teams, same (repriced) costs.
const ledgerRows = {
  name: "t-ledger",
  sql: "SELECT event_id, team, toString(cost_usd) AS cost FROM retry_waste ORDER BY event_id",
  row: z.object({ event_id: z.string(), team: z.string(), cost: z.string() }),
};
const snapshot = async () => {
  const raw = await chQuery(rawByMonthTeam, {});
  expect(await chQuery(rollupByMonthTeam, {})).toEqual(raw);
  expect(await chQuery(dailyByMonthTeam, {})).toEqual(raw);
  return raw;
};

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams([{ slug: "labs", name: "Labs" }]);
  // February is closed; March is open.
  await (await db()).period.create({ data: { start: new Date("2026-02-01T00:00:00Z"), end: new Date("2026-03-01T00:00:00Z"), status: "closed", closedAt: new Date() } });
  const events = [
    makeUsageEvent({ event_id: "feb-1", timestamp: "2026-02-10T10:00:00Z", model: "acme-1", provider: "acme", team: "", repo: "labs/x", input_tokens: 1_000_000, output_tokens: 0 }),
    makeUsageEvent({ event_id: "mar-1", timestamp: "2026-03-10T10:00:00Z", model: "acme-1", provider: "acme", team: "", repo: "labs/x", input_tokens: 1_000_000, output_tokens: 0, request_id: "R", attempt: 1, status: "error" }),
    makeUsageEvent({ event_id: "mar-1b", timestamp: "2026-03-10T10:00:02Z", model: "acme-1", provider: "acme", team: "", repo: "labs/x", input_tokens: 0, output_tokens: 0, request_id: "R", attempt: 2 }),
    makeUsageEvent({ event_id: "mar-2", timestamp: "2026-03-11T10:00:00Z", team: "platform", repo: "labs/x", input_tokens: 1_000_000, output_tokens: 0 }),
  ];
  expect((await ingestEvents(events, { now: new Date("2026-03-12T00:00:00Z") })).accepted).toBe(4);
});
afterAll(() => store.cleanup());

describe("recomputing open periods", () => {
  it("reprices unpriced events of open months after a price is added, never a closed month", async () => {
    expect(await snapshot()).toEqual([
      { m: 202602, team: "", cost: "0", n: 1, unpriced: 1 },
      { m: 202603, team: "", cost: "0", n: 2, unpriced: 2 },
      { m: 202603, team: "platform", cost: "2", n: 1, unpriced: 0 },
    ]);
    expect(await chQuery(ledgerRows, {})).toEqual([{ event_id: "mar-1", team: "", cost: "0" }]);
    await upsertPrices([{ provider: "acme", model: "acme-1", serviceTier: "", longContextAbove: 0, validFrom: new Date("2026-01-01T00:00:00Z"), inputPerToken: "0.0000005", cacheReadPerToken: null, cacheWritePerToken: null, cacheWrite1hPerToken: null, outputPerToken: "0.000001", reasoningPerToken: null, batchDiscount: "0", source: "test" }]);
    const summary = await repriceOpenPeriods("test-user");
    expect(summary).toEqual({ months: [202603], skippedClosed: [202602], rows: 3, changed: 2 });
    expect(await snapshot()).toEqual([
      { m: 202602, team: "", cost: "0", n: 1, unpriced: 1 },
      { m: 202603, team: "", cost: "0.5", n: 2, unpriced: 0 },
      { m: 202603, team: "platform", cost: "2", n: 1, unpriced: 0 },
    ]);
    expect(await chQuery(ledgerRows, {})).toEqual([{ event_id: "mar-1", team: "", cost: "0.5" }]);
    expect((await repriceOpenPeriods("test-user")).changed).toBe(0);
    const audit = await listAudit();
    expect(audit[0]).toMatchObject({ actor: "test-user", action: "reprice", entity: "events" });
  });

  it("re-applies ownership rules to open months, keeping teams the events named", async () => {
    await createOwnershipRule({ field: "repo", matchType: "prefix", pattern: "labs/", priority: 1, teamSlug: "labs" });
    const summary = await reapplyRulesToOpenPeriods("test-user");
    expect(summary.changed).toBe(2);
    expect(await snapshot()).toEqual([
      { m: 202602, team: "", cost: "0", n: 1, unpriced: 1 },
      { m: 202603, team: "labs", cost: "0.5", n: 2, unpriced: 0 },
      { m: 202603, team: "platform", cost: "2", n: 1, unpriced: 0 },
    ]);
    expect(await chQuery(ledgerRows, {})).toEqual([{ event_id: "mar-1", team: "labs", cost: "0.5" }]);
  });

  it("keeps idempotency after a rewrite: re-sent events are still duplicates", async () => {
    const again = await ingestEvents(
      [makeUsageEvent({ event_id: "mar-1", timestamp: "2026-03-10T10:00:00Z", model: "acme-1", provider: "acme", team: "", repo: "labs/x", input_tokens: 1_000_000, output_tokens: 0, request_id: "R", attempt: 1, status: "error" })],
      { now: new Date("2026-03-12T00:00:00Z") },
    );
    expect(again).toEqual({ accepted: 0, duplicates: 1, conflicts: [], rejected: [] });
  });
});
