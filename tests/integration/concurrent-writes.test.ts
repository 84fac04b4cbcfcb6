import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/** Overlapping batches written at the same time, and a month rewrite among them: every id stored once. */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { chQuery } = await import("@/lib/clickhouse/client");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { repriceOpenPeriods } = await import("@/lib/finops/recompute");
const { writeEvents } = await import("@/lib/clickhouse/events-writer");
const { toEventRow } = await import("@/lib/ingest/to-row");
const { buildPriceIndex } = await import("@/lib/finops/price-lookup");
const { UsageEventInput } = await import("@/lib/schemas/event");
const { z } = await import("zod");

const counts = {
  name: "t-counts",
  sql: "SELECT countIf(event_id LIKE 'race-%') AS n, uniqExactIf(event_id, event_id LIKE 'race-%') AS u, count() AS raw, (SELECT sum(attempts) FROM usage_hourly) AS rolled FROM usage_events",
  row: z.object({ n: z.coerce.number(), u: z.coerce.number(), raw: z.coerce.number(), rolled: z.coerce.number() }),
};

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
});
afterAll(() => store.cleanup());

describe("concurrent writes", () => {
  it("never store an id twice when every batch's duplicate check runs before any insert", async () => {
    const prices = buildPriceIndex([]);
    const row = (i: number) => {
      const e = UsageEventInput.parse(makeUsageEvent({ event_id: `tick-${i}`, timestamp: "2026-04-01T00:00:00Z" }));
      return toEventRow(e, new Date("2026-04-01T00:00:00Z"), prices);
    };
    // All writes start in the same tick: their duplicate checks are all issued before any insert lands.
    const results = await Promise.all(Array.from({ length: 8 }, (_, b) => writeEvents(Array.from({ length: 300 }, (_, k) => row((b * 50 + k) % 600)))));
    expect(results.reduce((s, r) => s + r.accepted, 0)).toBe(600);
    const tick = { name: "t-tick", sql: "SELECT count() AS n FROM usage_events WHERE event_id LIKE 'tick-%'", row: z.object({ n: z.coerce.number() }) };
    expect(await chQuery(tick, {})).toEqual([{ n: 600 }]);
  });

  it("never store an id twice when checks and commits interleave (staggered starts)", async () => {
    const prices = buildPriceIndex([]);
    const row = (i: number) => toEventRow(UsageEventInput.parse(makeUsageEvent({ event_id: `stagger-${i}`, timestamp: "2026-05-01T00:00:00Z" })), new Date("2026-05-01T00:00:00Z"), prices);
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const starts = Array.from({ length: 40 }, (_, b) => new Promise<Awaited<ReturnType<typeof writeEvents>>>((resolve, reject) =>
      setTimeout(() => writeEvents(Array.from({ length: 200 }, (_, k) => row(Math.floor(rnd() * 1000) + 0 * b + 0 * k))).then(resolve, reject), Math.floor(rnd() * 40)),
    ));
    const results = await Promise.all(starts);
    const stagger = { name: "t-stagger", sql: "SELECT count() AS n, uniqExact(event_id) AS u FROM usage_events WHERE event_id LIKE 'stagger-%'", row: z.object({ n: z.coerce.number(), u: z.coerce.number() }) };
    const [{ n, u }] = await chQuery(stagger, {});
    expect(n).toBe(u);
    expect(results.reduce((s, r) => s + r.accepted, 0)).toBe(u);
  });

  it("writes an id itself when the batch that had claimed it fails, so 'duplicate' always means stored", async () => {
    const prices = buildPriceIndex([]);
    const row = (id: string) => toEventRow(UsageEventInput.parse(makeUsageEvent({ event_id: id, timestamp: "2026-06-01T00:00:00Z" })), new Date("2026-06-01T00:00:00Z"), prices);
    // Batch A carries a row the engine refuses (a cost that overflows Decimal(18, 9)): its whole insert fails.
    const poison = { ...row("poison"), cost_usd: "100000000000" };
    const [a, b] = await Promise.allSettled([writeEvents([row("shared"), poison]), writeEvents([row("shared")])]);
    expect(a.status).toBe("rejected");
    expect(b).toEqual({ status: "fulfilled", value: { accepted: 1, duplicates: 0, conflicts: [] } });
    const shared = { name: "t-shared", sql: "SELECT count() AS n FROM usage_events WHERE event_id IN ('shared', 'poison')", row: z.object({ n: z.coerce.number() }) };
    expect(await chQuery(shared, {})).toEqual([{ n: 1 }]);
  });

  it("store each event once when overlapping batches race, with a rewrite in the middle", async () => {
    const ev = (i: number) => makeUsageEvent({ event_id: `race-${i}`, timestamp: new Date(Date.UTC(2026, 2, 10) + i * 1000).toISOString() });
    // 12 batches of 400 over 2,000 distinct ids: every id is sent 2-3 times, by different batches.
    const batches = Array.from({ length: 12 }, (_, b) => Array.from({ length: 400 }, (_, k) => ev((b * 167 + k * 7) % 2000)));
    const sent = new Set(batches.flat().map((e) => e.event_id));
    const now = { now: new Date("2026-03-12T00:00:00Z") };
    const results = await Promise.all([
      ...batches.slice(0, 6).map((b) => ingestEvents(b, now)),
      repriceOpenPeriods("test"),
      ...batches.slice(6).map((b) => ingestEvents(b, now)),
    ]);
    const ingest = results.filter((r): r is Awaited<ReturnType<typeof ingestEvents>> => "accepted" in r);
    expect(ingest.reduce((s, r) => s + r.accepted, 0)).toBe(sent.size);
    expect(ingest.every((r) => r.rejected.length === 0)).toBe(true);
    expect(ingest.reduce((s, r) => s + r.accepted + r.duplicates, 0)).toBe(12 * 400);
    const [c] = await chQuery(counts, {});
    expect([c.n, c.u, c.rolled]).toEqual([sent.size, sent.size, c.raw]);
    // And re-sending everything afterwards still changes nothing.
    const again = await Promise.all(batches.map((b) => ingestEvents(b, now)));
    expect(again.reduce((s, r) => s + r.accepted, 0)).toBe(0);
    expect(await chQuery(counts, {})).toEqual([c]);
  });
});
