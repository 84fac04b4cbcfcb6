import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/** GET /api/v1/summary against hand-computed PRODUCT.md numbers on a small fixture. */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { getSummary, parseDimensionFilters } = await import("@/lib/finops/summary");
const { SummaryResponse } = await import("@/lib/schemas/summary");
const { getTimeseries } = await import("@/lib/finops/timeseries");
const { MEASURES } = await import("@/lib/measures/registry");
const { pickSource } = await import("@/lib/finops/measures");
const { TimeseriesQuery, TimeseriesResponse } = await import("@/lib/schemas/timeseries");

const ALL = { all: true } as const;
const day = { from: "2026-03-10", to: "2026-03-11", tz: "UTC", filters: { include: {}, exclude: {} }, scope: ALL };

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  const t = (h: string) => `2026-03-10T${h}Z`;
  const r = await ingestEvents(
    [
      // gpt-4.1 $2 / $0.50 cached / $8 per M; o3 the same; claude-sonnet-4-5 $3 / $3.75 write / $15.
      makeUsageEvent({ event_id: "E1", timestamp: t("10:00:00"), request_id: "A", attempt: 1, status: "error", team: "search", input_tokens: 1000, output_tokens: 0 }),
      makeUsageEvent({ event_id: "E2", timestamp: t("10:00:05"), request_id: "A", attempt: 2, team: "search", input_tokens: 1000, cache_read_tokens: 400, output_tokens: 100 }),
      makeUsageEvent({ event_id: "E3", timestamp: t("11:00:00"), request_id: "B", model: "o3", team: "platform", input_tokens: 2000, output_tokens: 1000, reasoning_tokens: 600 }),
      makeUsageEvent({ event_id: "E4", timestamp: t("12:00:00"), provider: "anthropic", model: "claude-sonnet-4-5", team: "", status: "cancelled", input_tokens: 1000, cache_write_tokens: 200, output_tokens: 500, delivered_output_tokens: 100 }),
      makeUsageEvent({ event_id: "E5", timestamp: t("23:30:00"), request_id: "C", provider: "acme", model: "x", team: "search", input_tokens: 10, output_tokens: 10 }),
    ],
    { now: new Date("2026-03-11T00:00:00Z") },
  );
  expect(r.accepted).toBe(5);
});
afterAll(() => store.cleanup());

describe("summary", () => {
  it("totals every measure by PRODUCT.md's definitions", async () => {
    const s = SummaryResponse.parse(await getSummary(day));
    expect(s.total).toEqual({
      cost_usd: "0.026850000", // 0.002 + 0.0022 + 0.012 + 0.01065 + 0 (unpriced)
      input_tokens: 5010,
      cache_read_tokens: 400,
      cache_write_tokens: 200,
      output_tokens: 1610,
      reasoning_tokens: 600,
      requests: 4, // A, B, C, and E4 (no request_id: its own request)
      attempts: 5,
      cache_hit_rate: 400 / 5010,
      cache_savings_usd: "0.000450000", // 400·(2e-6 − 5e-7) − 200·(3.75e-6 − 3e-6)
      retry_amplification: 1.25,
      retry_waste_usd: "0.002000000", // E1, the non-last attempt of A
      reasoning_share: 600 / 1610,
      reasoning_cost_usd: "0.004800000",
      cancellation_waste_usd: "0.006000000", // (500 − 100)·15e-6
      cancelled_spend_usd: "0.010650000",
      unattributed_usd: "0.010650000",
      unpriced_events: 1,
    });
  });

  it("groups by a dimension, biggest first, and the groups add up to the total", async () => {
    const s = await getSummary({ ...day, group_by: ["team"] });
    expect(s.groups.map((g) => [g.key, g.cost_usd, g.requests, g.attempts, g.retry_waste_usd])).toEqual([
      ["platform", "0.012000000", 1, 1, "0.000000000"],
      ["", "0.010650000", 1, 1, "0.000000000"],
      ["search", "0.004200000", 2, 3, "0.002000000"],
    ]);
    const sum = s.groups.reduce((a, g) => a + Math.round(Number(g.cost_usd) * 1e9), 0);
    expect(sum).toBe(Math.round(Number(s.total.cost_usd) * 1e9));
  });

  it("filters by dimensions, counting a filtered-out last attempt still as the last", async () => {
    // E1 is wasted even though the attempt that supersedes it (E2, a success) is filtered out; request A
    // counts where its last attempt falls, so the errors hold no logical request of their own.
    const s = await getSummary({ ...day, filters: { include: { status: ["error"] }, exclude: {} } });
    expect([s.total.cost_usd, s.total.retry_waste_usd, s.total.requests, s.total.attempts]).toEqual(["0.002000000", "0.002000000", 0, 1]);
    const two = await getSummary({ ...day, filters: { include: { team: ["platform", ""] }, exclude: {} } });
    expect(two.total.cost_usd).toBe("0.022650000");
    const notSearch = await getSummary({ ...day, filters: { include: {}, exclude: { team: ["search"] } } });
    expect(notSearch.total.cost_usd).toBe("0.022650000");
  });

  it("leaves retry amplification undefined (null, never 0) where attempts have no request ending in them", async () => {
    // PRODUCT.md: retry amplification is undefined where a scope has attempts but no request ends in it.
    const byStatus = SummaryResponse.parse(await getSummary({ ...day, group_by: ["status"] }));
    const amp = Object.fromEntries(byStatus.groups.map((g) => [g.key, g.retry_amplification]));
    expect(amp).toEqual({ success: 1, cancelled: 1, error: null });
    expect(byStatus.total.retry_amplification).toBe(1.25);
    const errorsOnly = await getSummary({ ...day, filters: { include: { status: ["error"] }, exclude: {} } });
    expect(errorsOnly.total.retry_amplification).toBeNull();
    // An empty scope has no attempts at all: 0, as every ratio over nothing.
    const empty = await getSummary({ ...day, filters: { include: { team: ["nobody"] }, exclude: {} } });
    expect(empty.total.retry_amplification).toBe(0);
    // Per hour: request A's error attempt alone is in no bucket by itself, but filtered to errors, 10:00 is undefined.
    const q = TimeseriesQuery.parse({ from: "2026-03-10", to: "2026-03-11", bucket: "hour", metric: "retry_amplification" });
    const errorsByHour = TimeseriesResponse.parse(await getTimeseries(q, { include: { status: ["error"] }, exclude: {} }, ALL));
    expect(errorsByHour.totals[10]).toBeNull();
    expect(errorsByHour.totals[11]).toBe(0);
  });

  it("groups by two dimensions, and requests add up across groups to the total", async () => {
    const s = await getSummary({ ...day, group_by: ["team", "status"] });
    expect(s.group_by).toBe("team,status");
    expect(s.groups.map((g) => [g.key, g.key2, g.attempts, g.requests])).toEqual([
      ["platform", "success", 1, 1],
      ["", "cancelled", 1, 1],
      ["search", "success", 2, 2],
      ["search", "error", 1, 0],
    ]);
    expect(s.groups.reduce((a, g) => a + g.requests, 0)).toBe(s.total.requests);
  });

  it("answers the same from raw events as from the rollup", async () => {
    // pipeline_stage is not rolled up: the same question goes to raw events.
    const rawOnly = { include: {}, exclude: { pipeline_stage: ["no-such-stage"] } };
    expect(pickSource({ ...day, bucket: null, sets: [["team"]], filters: rawOnly })).toBe("raw");
    expect(pickSource({ ...day, bucket: null, sets: [["team"]] })).toBe("daily");
    expect(pickSource({ ...day, bucket: "hour", sets: [["team"]] })).toBe("hourly");
    expect(pickSource({ ...day, tz: "Europe/London", bucket: "day", sets: [["team"]] })).toBe("daily"); // GMT in March
    expect(pickSource({ ...day, tz: "Europe/Paris", bucket: null, sets: [["team"]] })).toBe("hourly");
    expect(pickSource({ ...day, tz: "Asia/Kolkata", bucket: null, sets: [["team"]] })).toBe("raw");
    const viaRaw = await getSummary({ ...day, group_by: ["team"], filters: rawOnly });
    const viaDaily = await getSummary({ ...day, group_by: ["team"] });
    expect(viaRaw).toEqual(viaDaily);
    const hourly = await getTimeseries(TimeseriesQuery.parse({ from: day.from, to: day.to, bucket: "hour", metric: "requests" }), day.filters, ALL);
    expect(hourly.totals.reduce((a: number, v) => a + Number(v), 0)).toBe(viaDaily.total.requests);
    // Kolkata (+05:30) cannot be cut from hourly rollups either.
    const kolkata = await getSummary({ ...day, tz: "Asia/Kolkata" });
    expect(kolkata.total.attempts).toBe(4); // [03-09 18:30Z, 03-10 18:30Z): E5 (23:30Z) is out
  });

  it("splits a metric into hourly buckets, top groups and (other), adding up to each bucket's total", async () => {
    const q = TimeseriesQuery.parse({ from: "2026-03-10", to: "2026-03-11", bucket: "hour", group_by: "team", top: "1" });
    const t = TimeseriesResponse.parse(await getTimeseries(q, { include: {}, exclude: {} }, ALL));
    expect(t.buckets).toHaveLength(24);
    expect(t.buckets[10]).toBe("2026-03-10 10:00");
    expect(t.totals[10]).toBe("0.004200000"); // E1 + E2
    expect(t.series.map((s) => s.key)).toEqual(["platform", "(other)"]);
    const other = t.series[1];
    expect(other.total.cost_usd).toBe("0.014850000"); // search + unattributed
    for (let i = 0; i < 24; i++) {
      const stacked = t.series.reduce((a, s) => a + Math.round(Number(s.values[i]) * 1e9), 0);
      expect(stacked).toBe(Math.round(Number(t.totals[i]) * 1e9));
    }
    const amp = await getTimeseries(TimeseriesQuery.parse({ from: "2026-03-10", to: "2026-03-11", metric: "retry_amplification" }), { include: {}, exclude: {} }, ALL);
    expect(amp.totals).toEqual([1.25]);
    expect(() => TimeseriesQuery.parse({ from: "2026-01-01", to: "2026-03-01", bucket: "hour" })).toThrow(/at most 31 days/);
  });

  it("reads only a chart's metric per bucket, yet every metric and every series total match the summary", async () => {
    const range = { from: "2026-03-09", to: "2026-03-12" };
    const summary = await getSummary({ ...range, tz: "UTC", group_by: ["team"], filters: { include: {}, exclude: {} }, scope: ALL });
    const checked: string[] = [];
    for (const m of MEASURES) {
      const t = await getTimeseries(TimeseriesQuery.parse({ ...range, bucket: "hour", group_by: "team", metric: m.id, top: "8" }), { include: {}, exclude: {} }, ALL);
      // Each series' total carries every measure, exactly the summary's group.
      expect(t.series.length).toBeGreaterThan(1);
      for (const s of t.series) {
        const { key: _key, key2: _key2, ...group } = summary.groups.find((g) => g.key === s.key)!;
        expect(s.total, `${m.id}: series ${s.key}`).toEqual(group);
      }
      if (m.kind === "ratio") continue;
      const sum = t.totals.reduce((a: bigint, v) => a + BigInt(Math.round(Number(v) * 1e9)), 0n);
      expect(sum, m.id).toBe(BigInt(Math.round(Number(summary.total[m.id]) * 1e9)));
      checked.push(m.id);
    }
    expect(checked).toEqual(expect.arrayContaining(["cost_usd", "requests", "retry_waste_usd", "attempts"]));
    expect(summary.total.retry_waste_usd).not.toBe("0.000000000"); // the fixture has a wasted attempt: the ledger part is exercised
  });

  it("cuts days in the requested time zone", async () => {
    // Paris is UTC+1 in March: [03-10, 03-11) Paris = [03-09 23:00Z, 03-10 23:00Z), so E5 (23:30Z) is out.
    const s = await getSummary({ ...day, tz: "Europe/Paris" });
    expect([s.total.attempts, s.total.unpriced_events]).toEqual([4, 0]);
  });

  it("never shows a lead more than their teams, whatever the filters ask", async () => {
    const lead = { all: false as const, teams: ["platform"] };
    expect((await getSummary({ ...day, scope: lead })).total.cost_usd).toBe("0.012000000");
    expect((await getSummary({ ...day, scope: lead, filters: { include: { team: ["search"] }, exclude: {} } })).total.cost_usd).toBe("0.000000000");
  });

  it("takes IANA zone names only (Intl also takes offsets, which ClickHouse rejects)", async () => {
    const { SummaryQuery } = await import("@/lib/schemas/summary");
    expect(SummaryQuery.safeParse({ from: "2026-03-10", to: "2026-03-11", tz: "Asia/Kolkata" }).success).toBe(true);
    expect(SummaryQuery.safeParse({ from: "2026-03-10", to: "2026-03-11", tz: "+05:30" }).success).toBe(false);
    expect(SummaryQuery.safeParse({ from: "2026-03-10", to: "2026-03-11", tz: "Mars/Olympus" }).success).toBe(false);
  });

  it("rejects unknown parameters by name", () => {
    expect(() => parseDimensionFilters(new URLSearchParams("from=x&teem=a&repo=r"), ["from"])).toThrow(/Unknown parameter: teem/);
    expect(parseDimensionFilters(new URLSearchParams("repo=a&repo=b&exclude_model=x"), [])).toEqual({ include: { repo: ["a", "b"] }, exclude: { model: ["x"] } });
    expect(() => parseDimensionFilters(new URLSearchParams("exclude_nope=1"), [])).toThrow(/exclude_nope/);
  });
});
