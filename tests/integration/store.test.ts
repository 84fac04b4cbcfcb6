import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";
import { makeUsageEvent } from "../fixtures/make-usage-event";

const store = useTempStore();
const { migrate, readMigrationFiles } = await import("@/lib/clickhouse/migrate");
const { chQuery, chCommand, getStore } = await import("@/lib/clickhouse/client");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { getOverview } = await import("@/lib/finops/overview");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { z } = await import("zod");

const totals = {
  name: "test-totals",
  sql: `SELECT toString(sum(cost_usd)) AS cost, count() AS n, toString(sum(input_tokens)) AS input FROM usage_events`,
  row: z.object({ cost: z.string(), n: z.coerce.number(), input: z.string() }),
};
const rollupTotals = {
  name: "test-rollup-totals",
  sql: `SELECT toString(sum(cost_usd)) AS cost, toString(sum(attempts)) AS n FROM usage_hourly`,
  row: z.object({ cost: z.string(), n: z.string() }),
};

beforeAll(async () => {
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
});
afterAll(() => store.cleanup());

describe("ClickHouse migrations on a real chDB store", () => {
  it("apply from zero, then are a no-op when re-run", async () => {
    const first = await migrate();
    expect(first.ran).toEqual(readMigrationFiles().map((f) => f.version));
    const second = await migrate();
    expect(second.ran).toEqual([]);
    expect(second.applied.map((a) => a.version)).toEqual(first.ran);
  });

  it("create the usage table with exact decimal money and the hourly rollup", async () => {
    const { client } = await getStore();
    const rs = await client.query({
      query: "SELECT name, type FROM system.columns WHERE table = 'usage_events' AND name IN ('cost_usd', 'team', 'ts')",
      format: "JSONEachRow",
    });
    const cols = Object.fromEntries((await rs.json<{ name: string; type: string }>()).map((c) => [c.name, c.type]));
    expect(cols).toEqual({ cost_usd: "Decimal(18, 9)", team: "LowCardinality(String)", ts: "DateTime64(3, 'UTC')" });
  });

  it("refuse a store whose record differs from the files", async () => {
    await chCommand("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'from_the_future', 'x')");
    await expect(migrate()).rejects.toThrow(/version 9999 \(from_the_future\) is recorded in the store but has no file/);
    await chCommand("DELETE FROM schema_migrations WHERE version = 9999");
    await expect(migrate()).resolves.toMatchObject({ ran: [] });
  });
});

describe("events in, totals out", () => {
  // gpt-4.1 seed price: input $2/M, cache read $0.50/M, output $8/M.
  const batch = [
    makeUsageEvent({ event_id: "a", input_tokens: 1_000_000, cache_read_tokens: 400_000, output_tokens: 100_000, timestamp: "2026-03-10T12:00:00Z" }),
    makeUsageEvent({ event_id: "b", input_tokens: 3, output_tokens: 0, timestamp: "2026-03-11T08:30:00Z" }),
    makeUsageEvent({ event_id: "c", model: "not-a-real-model", input_tokens: 50, output_tokens: 5, timestamp: "2026-03-11T09:00:00Z" }),
  ];
  // a: 600k·2e-6 + 400k·5e-7 + 100k·8e-6 = 1.2 + 0.2 + 0.8 = 2.2; b: 3·2e-6 = 0.000006; c: unpriced
  const expected = "2.200006"; // toString() drops trailing zeros

  it("stores exact costs and counts unpriced events", async () => {
    const result = await ingestEvents(batch, { now: new Date("2026-03-12T00:00:00Z") });
    expect(result).toEqual({ accepted: 3, duplicates: 0, conflicts: [], rejected: [] });
    expect(await chQuery(totals, {})).toEqual([{ cost: expected, n: 3, input: "1000053" }]);
  });

  it("never changes a total when a batch is re-sent, whole, partly, or reordered", async () => {
    const again = await ingestEvents([...batch].reverse(), { now: new Date("2026-03-12T00:00:00Z") });
    expect(again).toEqual({ accepted: 0, duplicates: 3, conflicts: [], rejected: [] });
    const partly = await ingestEvents([batch[1], makeUsageEvent({ event_id: "d", input_tokens: 1, output_tokens: 0, timestamp: "2026-03-11T10:00:00Z" }), batch[1]], {
      now: new Date("2026-03-12T00:00:00Z"),
    });
    expect(partly).toEqual({ accepted: 1, duplicates: 2, conflicts: [], rejected: [] });
    expect(await chQuery(totals, {})).toEqual([{ cost: "2.200008", n: 4, input: "1000054" }]);
    expect(await chQuery(rollupTotals, {})).toEqual([{ cost: "2.200008", n: "4" }]);
  });

  it("keeps valid events of a batch and says which others were rejected and why", async () => {
    const result = await ingestEvents(
      [
        makeUsageEvent({ event_id: "ok-1", timestamp: "2026-03-12T00:00:00Z" }),
        makeUsageEvent({ event_id: "bad-1", input_tokens: -5 }),
        makeUsageEvent({ event_id: "bad-2", reasoning_tokens: 500, output_tokens: 100 }),
        makeUsageEvent({ event_id: "bad-3", timestamp: "2026-03-20T00:00:00Z" }),
      ],
      { now: new Date("2026-03-12T00:00:00Z") },
    );
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual([
      { index: 1, errors: [{ path: "input_tokens", message: "must not be negative" }] },
      { index: 2, errors: [{ path: "reasoning_tokens", message: "exceeds output_tokens" }] },
      { index: 3, errors: [{ path: "timestamp", message: "is more than a day in the future" }] },
    ]);
  });

  it("reports an overview whose days add up to its total", async () => {
    const now = new Date("2026-03-12T10:00:00Z");
    const q = { from: "2026-03-08", to: "2026-03-13", tz: "UTC", stack: "team" as const };
    const o = await getOverview(q, { all: true }, now);
    expect(o.previous).toEqual({ from: "2026-03-03", to: "2026-03-08" });
    expect(o.days).toEqual(["2026-03-08", "2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"]);
    expect(o.daily_cost_usd).toEqual(["0.000000000", "0.000000000", "2.200000000", "0.000008000", "0.002800000"]);
    expect([o.total.cost_usd, o.total.attempts, o.total.unpriced_events]).toEqual(["2.202808000", 5, 1]);
    expect(o.top.team).toEqual({ entries: [{ key: "platform", cost_usd: "2.202808000", share: 1 }], others: 0 });
    expect(o.series.map((s) => [s.key, s.values])).toEqual([["platform", o.daily_cost_usd]]);
    // Without dates: the last 30 UTC days, today included.
    expect((await getOverview({ tz: "UTC", stack: "model" }, { all: true }, now)).from).toBe("2026-02-11");
    // A lead of another team sees none of it; a lead of platform sees all of it.
    const other = await getOverview(q, { all: false, teams: ["search"] }, now);
    expect([other.total.cost_usd, other.total.attempts, other.series]).toEqual(["0.000000000", 0, []]);
    expect((await getOverview(q, { all: false, teams: ["platform"] }, now)).total.cost_usd).toBe("2.202808000");
  });
});
