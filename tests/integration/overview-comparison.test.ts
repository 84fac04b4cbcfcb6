import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/** The overview compares like with like: a period that ends today against the same elapsed time before it. */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { getOverview } = await import("@/lib/finops/overview");
const { getChange } = await import("@/lib/finops/change");
const { getSummary } = await import("@/lib/finops/summary");
const { SummaryQuery } = await import("@/lib/schemas/summary");
const { OverviewQuery, OverviewResponse } = await import("@/lib/schemas/overview");

const NOW = new Date("2026-10-20T10:30:00Z");
const ALL = { all: true } as const;

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  const ev = (event_id: string, timestamp: string) => makeUsageEvent({ event_id, timestamp, input_tokens: 1000, output_tokens: 0 });
  const r = await ingestEvents(
    [
      ev("today-morning", "2026-10-20T09:00:00Z"),
      ev("prev-first-day", "2026-08-22T12:00:00Z"),
      ev("prev-last-morning", "2026-09-20T10:59:00Z"),
      ev("prev-last-afternoon", "2026-09-20T15:00:00Z"),
      // Santiago's today is still 2026-10-20 (07:30 -03): its comparison cuts at 08:00 local = 11:00Z.
      ev("prev-santiago-late", "2026-09-20T11:30:00Z"),
    ],
    { now: NOW },
  );
  expect(r.accepted).toBe(5);
});
afterAll(() => store.cleanup());

describe("the overview's comparison", () => {
  it("by default (last 30 days, today included) cuts the previous period to the same hours of its last day", async () => {
    const o = OverviewResponse.parse(await getOverview(OverviewQuery.parse({}), ALL, NOW));
    expect([o.from, o.to, o.previous.from, o.previous.to]).toEqual(["2026-09-21", "2026-10-21", "2026-08-22", "2026-09-21"]);
    expect(o.comparison).toEqual({ kind: "same_hours", period: "days", partial: true, label: "vs previous 30 days to 11:00", previous_until: "2026-09-20T11:00:00Z" });
    // prev-first-day and prev-last-morning; not the afternoon (today has not had it yet).
    expect(o.previous_total.attempts).toBe(2);
    expect(o.total.attempts).toBe(1);
  });
  it("cuts at the same local hours in the period's zone", async () => {
    const o = OverviewResponse.parse(await getOverview(OverviewQuery.parse({ tz: "America/Santiago" }), ALL, NOW));
    expect(o.comparison.previous_until).toBe("2026-09-20T11:00:00Z");
    expect(o.previous_total.attempts).toBe(2);
  });
  it("compares a period that ended before today with the complete days before it", async () => {
    const o = OverviewResponse.parse(await getOverview(OverviewQuery.parse({ from: "2026-09-21", to: "2026-10-20" }), ALL, NOW));
    expect(o.comparison).toEqual({ kind: "complete_days", period: "days", partial: false, label: "vs previous 29 days", previous_until: null });
    expect([o.previous.from, o.previous.to]).toEqual(["2026-08-23", "2026-09-21"]);
    expect(o.previous_total.attempts).toBe(3);
  });
  it("compares a month with the month before, and this month so far with the same elapsed time of the last", async () => {
    const sep = OverviewResponse.parse(await getOverview(OverviewQuery.parse({ from: "2026-09-01", to: "2026-10-01" }), ALL, NOW));
    expect(sep.previous).toEqual({ from: "2026-08-01", to: "2026-09-01" });
    expect(sep.comparison).toMatchObject({ period: "month", partial: false, label: "vs Aug 2026" });
    expect(sep.previous_total.attempts).toBe(1); // prev-first-day (Aug 22)
    const oct = OverviewResponse.parse(await getOverview(OverviewQuery.parse({ from: "2026-10-01", to: "2026-10-21" }), ALL, NOW));
    expect(oct.previous).toEqual({ from: "2026-09-01", to: "2026-09-21" });
    expect(oct.comparison).toEqual({ kind: "same_hours", period: "month", partial: true, label: "vs Sep 2026 to Sep 20, 11:00", previous_until: "2026-09-20T11:00:00Z" });
    expect(oct.previous_total.attempts).toBe(1); // prev-last-morning only: the afternoon and 11:30 lie after the cut
    // Explore asks the summary for the same cut baseline with `until`.
    const q = SummaryQuery.parse({ from: oct.previous.from, to: oct.previous.to, until: oct.comparison.previous_until });
    expect((await getSummary({ ...q, filters: { include: {}, exclude: {} }, scope: ALL })).total.cost_usd).toBe(oct.previous_total.cost_usd);
    expect(SummaryQuery.safeParse({ from: "2026-09-01", to: "2026-09-21", until: "2026-08-02T00:00:00Z" }).error?.issues[0].path).toEqual(["until"]);
    // The change API measures the same baseline, by default and when the overview names it.
    for (const base of [{}, { base_from: oct.previous.from, base_to: oct.previous.to }]) {
      const c = await getChange({ from: "2026-10-01", to: "2026-10-21", tz: "UTC", ...base, filters: { include: {}, exclude: {} }, scope: ALL }, NOW);
      expect(c.baseline).toMatchObject({ from: "2026-09-01", to: "2026-09-21", until: "2026-09-20T11:00:00Z", label: oct.comparison.label, cost_usd: oct.previous_total.cost_usd });
    }
  });
});
