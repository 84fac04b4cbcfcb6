import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * Zones whose days do not start at 00:00 (America/Santiago springs forward at local midnight: 2026-09-06 has
 * no 00:00, its day starts at 01:00 -03), zone names in any case, and query strings that do not decode.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { createApiToken } = await import("@/lib/db/api-tokens");
const summaryRoute = await import("@/app/api/v1/summary/route");
const overviewRoute = await import("@/app/api/v1/overview/route");
const timeseriesRoute = await import("@/app/api/v1/timeseries/route");
const { SummaryResponse } = await import("@/lib/schemas/summary");
const { OverviewResponse } = await import("@/lib/schemas/overview");
const { TimeseriesResponse } = await import("@/lib/schemas/timeseries");
const { Money } = await import("@/lib/finops/money");

const TZ = "America/Santiago";
let token = "";
const get = (handler: (r: Request) => Promise<Response>, path: string) => handler(new Request(`http://t${path}`, { headers: { authorization: `Bearer ${token}` } }));
const sum = (xs: readonly string[]) => xs.reduce((a, x) => a.plus(x), new Money(0)).toFixed(9);

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  token = (await createApiToken({ name: "zones", role: "admin", createdBy: "test" })).secret;
  // Instants around the change (-04 before, -03 after): 23:30 on the 5th, 01:30 and 23:30 on the 6th, and
  // the last hour before the change, which is the 5th locally.
  const at = ["2026-09-05T12:00:00Z", "2026-09-06T03:00:00Z", "2026-09-06T03:30:00Z", "2026-09-06T04:00:00Z", "2026-09-06T04:30:00Z", "2026-09-07T02:30:00Z", "2026-09-07T03:30:00Z", "2026-09-08T12:00:00Z"];
  const r = await ingestEvents(at.map((timestamp, i) => makeUsageEvent({ event_id: `z${i}`, timestamp, input_tokens: 1000 * (i + 1), output_tokens: 0 })), { now: new Date("2026-09-10T00:00:00Z") });
  expect(r.accepted).toBe(at.length);
});
afterAll(() => store.cleanup());

const summary = async (from: string, to: string, tz = TZ) => {
  const res = await get(summaryRoute.GET, `/api/v1/summary?from=${from}&to=${to}&tz=${encodeURIComponent(tz)}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return SummaryResponse.parse(await res.json());
};

describe("a zone whose DST starts at local midnight", () => {
  it("gives day totals that add up to the range total, each event in its local day", async () => {
    const range = await summary("2026-09-05", "2026-09-09");
    const days = await Promise.all([["2026-09-05", "2026-09-06"], ["2026-09-06", "2026-09-07"], ["2026-09-07", "2026-09-08"], ["2026-09-08", "2026-09-09"]].map(([f, t]) => summary(f, t)));
    expect(days.map((d) => d.total.input_tokens)).toEqual([1000 + 2000 + 3000, 4000 + 5000 + 6000, 7000, 8000]);
    expect(sum(days.map((d) => d.total.cost_usd))).toBe(range.total.cost_usd);
    expect(range.total.input_tokens).toBe(36000);
  });
  it("timeseries days and hours add up to the same total, with no hour 00:00 on the 6th", async () => {
    for (const bucket of ["day", "hour"]) {
      const res = await get(timeseriesRoute.GET, `/api/v1/timeseries?from=2026-09-05&to=2026-09-09&tz=${TZ}&bucket=${bucket}&metric=input_tokens&group_by=model`);
      expect(res.status).toBe(200);
      const t = TimeseriesResponse.parse(await res.json());
      expect(t.totals.reduce<number>((a, v) => a + Number(v), 0)).toBe(36000);
      expect(t.series.reduce((a, s) => a + s.total.input_tokens, 0)).toBe(36000);
      if (bucket === "hour") {
        expect(t.buckets).not.toContain("2026-09-06 00:00");
        expect(t.buckets).toContain("2026-09-06 01:00");
        expect(t.totals[t.buckets.indexOf("2026-09-05 23:00")]).toBe(2000 + 3000);
        expect(t.totals[t.buckets.indexOf("2026-09-06 01:00")]).toBe(4000 + 5000);
      } else {
        expect(t.totals).toEqual([6000, 15000, 7000, 8000]);
      }
    }
  });
  it("the overview's days add up to its total, also from the first day after the change", async () => {
    for (const [from, to] of [["2026-09-05", "2026-09-09"], ["2026-09-06", "2026-09-08"]]) {
      const res = await get(overviewRoute.GET, `/api/v1/overview?from=${from}&to=${to}&tz=${TZ}`);
      expect(res.status).toBe(200);
      const o = OverviewResponse.parse(await res.json());
      expect(sum(o.daily_cost_usd)).toBe(o.total.cost_usd);
      expect(sum(o.series.map((s) => s.total.cost_usd))).toBe(o.total.cost_usd);
    }
  });
});

describe("zone names", () => {
  it("are matched case-insensitively and answered in their canonical spelling", async () => {
    expect((await summary("2026-09-05", "2026-09-09", "utc")).tz).toBe("UTC");
    const s = await summary("2026-09-05", "2026-09-09", "america/santiago");
    expect(s.tz).toBe(TZ);
    expect(s.total.input_tokens).toBe(36000);
  });
  it("are a 400 naming tz when unknown, never a 500", async () => {
    for (const tz of ["Mars/Olympus", "+05:30", "utc'", "../etc"]) {
      const res = await get(summaryRoute.GET, `/api/v1/summary?from=2026-09-05&to=2026-09-09&tz=${encodeURIComponent(tz)}`);
      expect(res.status, tz).toBe(400);
      expect(await res.text()).toContain("tz");
    }
  });
});

describe("query strings", () => {
  it("that do not percent-decode are a 400 on every route", async () => {
    for (const [handler, path] of [[summaryRoute.GET, "/api/v1/summary?from=2026-09-05&to=2026-09-09&team=%E0%A4%A"], [summaryRoute.GET, "/api/v1/summary?from=2026-09-05&to=2026-09-09&team=%FF"], [overviewRoute.GET, "/api/v1/overview?tz=%"], [timeseriesRoute.GET, "/api/v1/timeseries?from=2026-09-05&to=2026-09-09&%zz=1"]] as const) {
      const res = await get(handler, path);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.message).toMatch(/percent-encod/i);
    }
  });
  it("impossible dates are a 400 naming the field", async () => {
    const res = await get(summaryRoute.GET, "/api/v1/summary?from=2026-02-30&to=2026-03-09");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("from");
  });
});
