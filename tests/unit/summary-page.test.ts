import { describe, expect, it } from "vitest";
import type { MeasureSums } from "@/lib/clickhouse/queries/measures";
import { EMPTY_SUMS } from "@/lib/finops/measures";
import { sumMoney } from "@/lib/finops/money";
import { pageOf, sortGroups, type SumsGroup } from "@/lib/finops/summary-page";

const sums = (p: Partial<MeasureSums>): MeasureSums => ({ ...EMPTY_SUMS, ...p });
const group = (key: string, p: Partial<MeasureSums>, key2?: string): SumsGroup => ({ key, ...(key2 === undefined ? {} : { key2 }), sums: sums(p) });
/** The total a GROUPING SETS query returns beside its groups: every column summed (decimal.js, independently). */
function totalOf(groups: SumsGroup[]): MeasureSums {
  const out = { ...EMPTY_SUMS };
  for (const col of Object.keys(out) as (keyof MeasureSums)[]) out[col] = sumMoney(groups.map((g) => g.sums[col])).toFixed();
  return out;
}

describe("paging a big grouping on the server", () => {
  const groups = [
    group("s-a", { cost_usd: "0.100000001", attempts: "3", requests: "2", input_tokens: "100", cache_read_tokens: "50" }),
    group("s-b", { cost_usd: "0.100000002", attempts: "1", requests: "1", input_tokens: "100", cache_read_tokens: "90" }),
    group("s-c", { cost_usd: "2.5", attempts: "10", requests: "4", input_tokens: "1000" }),
    group("s-d", { cost_usd: "0.100000001", attempts: "2", requests: "2" }),
    group("s-e", { cost_usd: "0", attempts: "1", requests: "1" }),
  ];

  it("sorts money exactly (amounts a float would merge stay apart), ties by key", () => {
    expect(sortGroups(groups, "cost_usd", "desc").map((g) => g.key)).toEqual(["s-c", "s-b", "s-a", "s-d", "s-e"]);
    expect(sortGroups(groups, "cost_usd", "asc").map((g) => g.key)).toEqual(["s-e", "s-a", "s-d", "s-b", "s-c"]);
  });

  it("sorts by a ratio computed from the sums, and by key", () => {
    expect(sortGroups(groups, "cache_hit_rate", "desc").map((g) => g.key).slice(0, 2)).toEqual(["s-b", "s-a"]);
    expect(sortGroups(groups, "retry_amplification", "desc")[0].key).toBe("s-c");
    expect(sortGroups(groups, "key", "desc").map((g) => g.key)).toEqual(["s-e", "s-d", "s-c", "s-b", "s-a"]);
  });

  it("returns the page and sums the rest, so page + other = total in every column, exactly", () => {
    const total = totalOf(groups);
    expect(total.cost_usd).toBe("2.800000004");
    const zero = "0.000000000";
    const { page, other } = pageOf(groups, total, { sort: "cost_usd", dir: "desc", limit: 2, offset: 0 });
    expect(page.map((g) => g.key)).toEqual(["s-c", "s-b"]);
    expect(other).toEqual(
      sums({ cost_usd: "0.200000002", attempts: "6", requests: "5", input_tokens: "100", cache_read_tokens: "50", cache_savings_usd: zero, retry_waste_usd: zero, reasoning_cost_usd: zero, cancellation_waste_usd: zero, cancelled_spend_usd: zero, unattributed_usd: zero }),
    );
    for (const col of Object.keys(total) as (keyof MeasureSums)[]) expect(sumMoney([other![col], ...page.map((g) => g.sums[col])]).equals(total[col])).toBe(true);
    // Pages do not overlap and cover everything.
    const next = pageOf(groups, total, { sort: "cost_usd", dir: "desc", limit: 2, offset: 2 }).page.map((g) => g.key);
    const last = pageOf(groups, total, { sort: "cost_usd", dir: "desc", limit: 2, offset: 4 }).page.map((g) => g.key);
    expect([...next, ...last]).toEqual(["s-a", "s-d", "s-e"]);
  });

  it("has no other when every group fits, and everything without a limit", () => {
    const total = totalOf(groups);
    expect(pageOf(groups, total, { sort: "cost_usd", dir: "desc", limit: 5, offset: 0 }).other).toBeNull();
    expect(pageOf(groups, total, { sort: "cost_usd", dir: "desc", offset: 0 }).page).toHaveLength(5);
  });
});
