import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * The retry ledger (migration 0004) against the definition computed straight from raw events: whatever the
 * order and batching of arrival, retry_waste holds exactly the attempts that are not their request's last.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { getStore } = await import("@/lib/clickhouse/client");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { rebuildRetryMonth } = await import("@/lib/clickhouse/retry-ledger");

const now = new Date("2026-03-12T00:00:00Z");
const t = (hms: string, day = "10") => `2026-03-${day}T${hms}Z`;

async function rows<T>(query: string): Promise<T[]> {
  const { client } = await getStore();
  return (await client.query({ query, format: "JSONEachRow" })).json<T>();
}
const ledger = async () => (await rows<{ event_id: string }>("SELECT event_id FROM retry_waste ORDER BY event_id")).map((r) => r.event_id);
// The definition, straight from raw events: not the greatest (attempt, ts, event_id) of its request.
const expected = async () =>
  (
    await rows<{ event_id: string }>(`
      SELECT event_id FROM (
        SELECT event_id, request_id, argMax(event_id, (attempt, ts, event_id)) OVER (PARTITION BY request_id) AS l
        FROM usage_events WHERE request_id != '')
      WHERE event_id != l ORDER BY event_id`)
  ).map((r) => r.event_id);

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
});
afterAll(() => store.cleanup());

describe("retry ledger", () => {
  it("marks earlier attempts in one batch, and none of a request without retries", async () => {
    await ingestEvents(
      [
        makeUsageEvent({ event_id: "A1", timestamp: t("10:00:00"), request_id: "A", attempt: 1, status: "error" }),
        makeUsageEvent({ event_id: "A2", timestamp: t("10:00:01"), request_id: "A", attempt: 2, status: "timeout" }),
        makeUsageEvent({ event_id: "A3", timestamp: t("10:00:03"), request_id: "A", attempt: 3 }),
        makeUsageEvent({ event_id: "B1", timestamp: t("10:00:00"), request_id: "B", attempt: 1 }),
        makeUsageEvent({ event_id: "N1", timestamp: t("10:00:00") }),
      ],
      { now },
    );
    expect(await ledger()).toEqual(["A1", "A2"]);
  });

  it("a later attempt in a later batch supersedes the stored one", async () => {
    await ingestEvents([makeUsageEvent({ event_id: "C1", timestamp: t("11:00:00"), request_id: "C", attempt: 1, status: "error" })], { now });
    expect(await ledger()).not.toContain("C1");
    await ingestEvents([makeUsageEvent({ event_id: "C2", timestamp: t("11:00:02"), request_id: "C", attempt: 2 })], { now });
    expect(await ledger()).toContain("C1");
    expect(await ledger()).toEqual(await expected());
  });

  it("an earlier attempt arriving after a later one is wasted on arrival", async () => {
    await ingestEvents([makeUsageEvent({ event_id: "D2", timestamp: t("12:00:02"), request_id: "D", attempt: 2 })], { now });
    await ingestEvents([makeUsageEvent({ event_id: "D1", timestamp: t("12:00:00"), request_id: "D", attempt: 1, status: "error" })], { now });
    expect(await ledger()).toContain("D1");
    expect(await ledger()).not.toContain("D2");
    expect(await ledger()).toEqual(await expected());
  });

  it("attempts across midnight and across concurrent batches are matched", async () => {
    await Promise.all([
      ingestEvents([makeUsageEvent({ event_id: "E1", timestamp: t("23:59:59", "10"), request_id: "E", attempt: 1, status: "error" })], { now }),
      ingestEvents([makeUsageEvent({ event_id: "E2", timestamp: t("00:00:03", "11"), request_id: "E", attempt: 2 })], { now }),
      ingestEvents([makeUsageEvent({ event_id: "F2", timestamp: t("09:00:03", "11"), request_id: "F", attempt: 2 })], { now }),
      ingestEvents([makeUsageEvent({ event_id: "F1", timestamp: t("09:00:00", "11"), request_id: "F", attempt: 1, status: "rate_limited" })], { now }),
    ]);
    expect(await ledger()).toEqual(expect.arrayContaining(["E1", "F1"]));
    expect(await ledger()).toEqual(await expected());
  });

  it("two events with the same attempt number: one of them is the last, the other wasted", async () => {
    await ingestEvents(
      [
        makeUsageEvent({ event_id: "G1a", timestamp: t("13:00:00"), request_id: "G", attempt: 1 }),
        makeUsageEvent({ event_id: "G1b", timestamp: t("13:00:01"), request_id: "G", attempt: 1 }),
      ],
      { now },
    );
    expect(await ledger()).toContain("G1a");
    expect(await ledger()).not.toContain("G1b");
  });

  it("re-sending batches never adds a row twice", async () => {
    const before = await ledger();
    await ingestEvents([makeUsageEvent({ event_id: "A1", timestamp: t("10:00:00"), request_id: "A", attempt: 1, status: "error" })], { now });
    await ingestEvents([makeUsageEvent({ event_id: "C2", timestamp: t("11:00:02"), request_id: "C", attempt: 2 })], { now });
    expect(await ledger()).toEqual(before);
  });

  it("a re-sent batch repairs a ledger a crash left behind, and a month rebuild reproduces it", async () => {
    const before = await ledger();
    const { client } = await getStore();
    await client.command({ query: "TRUNCATE TABLE retry_waste" });
    await ingestEvents([makeUsageEvent({ event_id: "A3", timestamp: t("10:00:03"), request_id: "A", attempt: 3 })], { now });
    expect(await ledger()).toEqual(["A1", "A2"]);
    await rebuildRetryMonth(202603);
    expect(await ledger()).toEqual(before);
    expect(await ledger()).toEqual(await expected());
  });

  it("a month with no wasted attempts rebuilds to an empty month", async () => {
    await rebuildRetryMonth(202602);
    expect(await rows("SELECT count() AS n FROM retry_waste WHERE toYYYYMM(ts) = 202602")).toEqual([{ n: "0" }]);
    expect((await ledger()).length).toBeGreaterThan(0);
  });

  it("attempts days or months apart, and two attempt-1 events sent in different batches, are one request", async () => {
    await ingestEvents([makeUsageEvent({ event_id: "H1", timestamp: t("08:00:00", "01"), request_id: "H", attempt: 1, status: "error" })], { now });
    await ingestEvents([makeUsageEvent({ event_id: "H2", timestamp: t("08:00:00", "09"), request_id: "H", attempt: 2 })], { now });
    await ingestEvents([makeUsageEvent({ event_id: "J1b", timestamp: "2026-02-27T08:00:00Z", request_id: "J", attempt: 1 })], { now });
    await ingestEvents([makeUsageEvent({ event_id: "J1a", timestamp: t("08:00:00", "02"), request_id: "J", attempt: 1 })], { now });
    expect(await ledger()).toEqual(expect.arrayContaining(["H1", "J1b"]));
    expect(await ledger()).toEqual(await expected());
  });
});
