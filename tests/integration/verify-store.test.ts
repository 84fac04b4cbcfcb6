import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/** verifyStore finds a stale rollup or ledger month (as a half-failed rewrite leaves it) and repairs it. */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { chCommand } = await import("@/lib/clickhouse/client");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { verifyStore } = await import("@/lib/clickhouse/verify-store");

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  const r = await ingestEvents(
    [
      makeUsageEvent({ event_id: "a1", timestamp: "2026-02-27T10:00:00Z", request_id: "A", attempt: 1, status: "error" }),
      makeUsageEvent({ event_id: "a2", timestamp: "2026-02-27T10:00:02Z", request_id: "A", attempt: 2 }),
      makeUsageEvent({ event_id: "b1", timestamp: "2026-03-10T10:00:00Z" }),
    ],
    { now: new Date("2026-03-12T00:00:00Z") },
  );
  expect(r.accepted).toBe(3);
});
afterAll(() => store.cleanup());

describe("verifying the store", () => {
  it("finds nothing wrong in a store written through ingest", async () => {
    const checks = await verifyStore();
    expect(checks.map((c) => [c.month, c.events, c.problems])).toEqual([
      [202602, 2, []],
      [202603, 1, []],
    ]);
  });

  it("reports a stale daily rollup and a missing ledger month by name, then repairs both", async () => {
    // What a rewrite that swapped the events but failed before the rollups would leave: rollup rows that are not the events'.
    await chCommand("INSERT INTO usage_daily (day, team, attempts, cost_usd) VALUES ('2026-03-10', 'ghost', 5, 1.5)");
    await chCommand("ALTER TABLE retry_waste DROP PARTITION 202602");
    const found = await verifyStore();
    expect(found.find((c) => c.month === 202603)!.problems).toEqual(["daily rollup has 6 attempts, $1.5028, events 1 attempts, $0.0028"]);
    expect(found.find((c) => c.month === 202602)!.problems[0]).toMatch(/^retry ledger has 0 attempts, \$0, events imply 1 attempts, \$/);
    const repaired = await verifyStore({ repair: true });
    expect(repaired.filter((c) => c.repaired).map((c) => c.month)).toEqual([202602, 202603]);
    expect((await verifyStore()).flatMap((c) => c.problems)).toEqual([]);
  });
});
