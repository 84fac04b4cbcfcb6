import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UsageEventInput } from "@/lib/schemas/event";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/** The change decomposition end to end on a real chDB store: ingest, rollups, retry ledger, price book, decomposition. */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { getChange } = await import("@/lib/finops/change");
const { getSummary } = await import("@/lib/finops/summary");
const { ChangeResponse } = await import("@/lib/schemas/change");

const ALL = { all: true } as const;
const NONE = { include: {}, exclude: {} };
const q = { from: "2026-03-10", to: "2026-03-11", tz: "UTC", filters: NONE, scope: ALL };

function events(): UsageEventInput[] {
  const out: UsageEventInput[] = [];
  const at = (day: number, i: number, s = 0) => `2026-03-${String(day).padStart(2, "0")}T${String(8 + (i % 10)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:${String(s).padStart(2, "0")}Z`;
  for (let i = 0; i < 20; i++) {
    // search: the same 20 requests a day on gpt-4.1; on the 10th every request takes three attempts.
    const base = { team: "search", repo: "rag", feature: "answer", input_tokens: 3000, cache_read_tokens: 1000, output_tokens: 200 };
    out.push(makeUsageEvent({ ...base, timestamp: at(9, i), request_id: `s9-${i}` }));
    for (let a = 1; a <= 3; a++) out.push(makeUsageEvent({ ...base, timestamp: at(10, i, a), request_id: `s10-${i}`, attempt: a, status: a < 3 ? "timeout" : "success" }));
  }
  for (let i = 0; i < 10; i++) {
    // platform: 10 requests a day; on the 10th they move from gpt-4.1 to a reasoning Claude call.
    // Same prompt, cache reads and visible answer as search's, so only the model and its reasoning differ.
    const base = { team: "platform", repo: "agent", feature: "triage", input_tokens: 3000, cache_read_tokens: 1000 };
    out.push(makeUsageEvent({ ...base, timestamp: at(9, i), output_tokens: 200 }));
    out.push(makeUsageEvent({ ...base, timestamp: at(10, i), provider: "anthropic", model: "claude-sonnet-4-5", output_tokens: 1200, reasoning_tokens: 1000 }));
  }
  return out;
}

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  const r = await ingestEvents(events(), { now: new Date("2026-03-11T00:00:00Z") });
  expect(r.rejected, JSON.stringify(r.rejected[0])).toEqual([]);
  expect(r.accepted).toBe(20 + 60 + 20);
});
afterAll(() => store.cleanup());

const sumDrivers = (c: ReturnType<typeof ChangeResponse.parse>) => c.drivers.reduce((s, d) => s.plus(d.amount_usd), new Decimal(c.residual_usd));
const amount = (c: ReturnType<typeof ChangeResponse.parse>, id: string) => new Decimal(c.drivers.find((d) => d.id === id)!.amount_usd);

describe("change decomposition on a real store", () => {
  it("splits the day-on-day change exactly, with totals equal to the summary's", async () => {
    const c = ChangeResponse.parse(await getChange(q));
    const [cur, base] = await Promise.all([getSummary(q), getSummary({ ...q, from: "2026-03-09", to: "2026-03-10" })]);
    expect(c.baseline).toEqual({ from: "2026-03-09", to: "2026-03-10", until: null, label: "vs previous 1 day", cost_usd: base.total.cost_usd });
    expect(c.current.cost_usd).toBe(cur.total.cost_usd);
    expect(c.change_usd).toBe(new Decimal(cur.total.cost_usd).minus(base.total.cost_usd).toFixed(9));
    expect(sumDrivers(c).toFixed(9)).toBe(c.change_usd);
    expect(c.residual_usd).toBe("0.000000000");
    // Retries: 40 extra attempts at 3000·… each; volume flat (30 logical requests both days).
    expect(amount(c, "volume").isZero()).toBe(true);
    expect(amount(c, "retries").gt(0)).toBe(true);
    expect(amount(c, "mix").gt(0)).toBe(true);
    expect(amount(c, "reasoning").gt(0)).toBe(true);
    for (const id of ["tokens_per_request", "cache_rate", "cancellations", "price"]) expect(amount(c, id).isZero(), id).toBe(true);
  });

  it("names who carries each driver: the search team the retries, the platform team the model move", async () => {
    const c = ChangeResponse.parse(await getChange(q));
    const retries = c.drivers.find((d) => d.id === "retries")!;
    // The search slice alone is a pure retry storm; in the whole scope its model also lost share to the
    // platform's move, so the scope's retries amount differs a little from the slice's (shares need not be 1).
    const search = retries.contributors.find((x) => x.dimension === "team")!;
    expect(search.value).toBe("search");
    expect(search.share).toBeGreaterThan(0.5);
    expect(search.share).toBeLessThan(1.5);
    expect(retries.contributors.some((x) => x.value === "platform")).toBe(false);
    const reasoning = c.drivers.find((d) => d.id === "reasoning")!;
    expect(reasoning.contributors.find((x) => x.dimension === "team")?.value).toBe("platform");
    expect(reasoning.contributors.find((x) => x.dimension === "repo")?.value).toBe("agent");
    // Models: their parts of the scope's own decomposition, so the move shows as mix on both models and adds up.
    const mix = c.drivers.find((d) => d.id === "mix")!;
    const models = mix.contributors.filter((x) => x.dimension === "model");
    expect(models.map((x) => x.value)).toEqual(["claude-sonnet-4-5", "gpt-4.1"]);
    expect(new Decimal(models[1].amount_usd).isNeg()).toBe(true);
    const parts = models.reduce((s, x) => s.plus(x.amount_usd), new Decimal(0));
    expect(parts.minus(mix.amount_usd).abs().lte("0.000000002")).toBe(true);
  });

  it("applies include and exclude filters and an explicit baseline", async () => {
    const onlySearch = ChangeResponse.parse(await getChange({ ...q, filters: { include: { team: ["search"] }, exclude: {} } }));
    const noPlatform = ChangeResponse.parse(await getChange({ ...q, filters: { include: {}, exclude: { feature: ["triage"] } } }));
    expect(onlySearch).toEqual(noPlatform);
    expect(onlySearch.drivers.filter((d) => !new Decimal(d.amount_usd).isZero()).map((d) => d.id)).toEqual(["retries"]);
    expect(amount(onlySearch, "retries").toFixed(9)).toBe(onlySearch.change_usd);
    const same = ChangeResponse.parse(await getChange({ ...q, base_from: "2026-03-10", base_to: "2026-03-11" }));
    expect(same.change_usd).toBe("0.000000000");
    expect(same.drivers.every((d) => d.amount_usd === "0.000000000")).toBe(true);
  });

  it("keeps to the caller's teams", async () => {
    const lead = ChangeResponse.parse(await getChange({ ...q, scope: { all: false, teams: ["platform"] } }));
    expect(amount(lead, "retries").isZero()).toBe(true);
    expect(lead.drivers.flatMap((d) => d.contributors).some((x) => x.value === "search")).toBe(false);
    const nobody = ChangeResponse.parse(await getChange({ ...q, scope: { all: false, teams: [] } }));
    expect([nobody.baseline.cost_usd, nobody.current.cost_usd]).toEqual(["0.000000000", "0.000000000"]);
  });
});
