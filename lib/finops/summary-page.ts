import type { MeasureSums } from "@/lib/clickhouse/queries/measures";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import { formatScaled, parseScaled } from "./fixed-point";
import { MONEY_MEASURES, measureOf } from "./measures";
import { MONEY_SCALE } from "./money";

/**
 * One page of a big grouping (10,785 sessions in 90 days of the demo), sorted on the server by any measure or
 * key, plus the sum of every group left off the page, so that page + "other" = total exactly. Pure.
 *
 * Sorting reads the stored sums directly (money as BigInt units, counts as numbers, ratios computed), so the
 * tens of thousands of groups are never turned into full measure objects: only the page is.
 * Ties fall back to key then key2 ascending, so pages do not overlap or skip groups between requests.
 */
export type SumsGroup = { key: string; key2?: string; sums: MeasureSums };
export type PageSpec = { sort: string; dir: "asc" | "desc"; limit?: number; offset: number };

const SCALE = 10n ** BigInt(MONEY_SCALE);

function sortValue(g: SumsGroup, sort: string): SortValue {
  if (sort === "key") return g.key;
  if (sort === "key2") return g.key2 ?? "";
  if (MONEY_MEASURES.has(sort as keyof SummaryMeasures)) return parseScaled(g.sums[sort as keyof MeasureSums], MONEY_SCALE) ?? 0n;
  return Number(measureOf(g.sums, sort as keyof SummaryMeasures));
}

type SortValue = bigint | number | string;
const compare = (a: SortValue, b: SortValue): number => (typeof a === "string" || typeof b === "string" ? String(a).localeCompare(String(b)) : a < b ? -1 : a > b ? 1 : 0);

/** Groups sorted by `sort` in `dir`, ties by key then key2 ascending. */
export function sortGroups<G extends SumsGroup>(groups: readonly G[], sort: string, dir: "asc" | "desc"): G[] {
  const sign = dir === "asc" ? 1 : -1;
  const keyed = groups.map((g) => ({ g, v: sortValue(g, sort) }));
  keyed.sort((a, b) => sign * compare(a.v, b.v) || a.g.key.localeCompare(b.g.key) || (a.g.key2 ?? "").localeCompare(b.g.key2 ?? ""));
  return keyed.map((x) => x.g);
}

/** total − Σ page, column by column, exactly (each column read as units of 10^-9; counts come back whole). */
export function remainderSums(total: MeasureSums, page: readonly SumsGroup[]): MeasureSums {
  const out = {} as MeasureSums;
  for (const col of Object.keys(total) as (keyof MeasureSums)[]) {
    let units = parseScaled(total[col], MONEY_SCALE) ?? 0n;
    for (const g of page) units -= parseScaled(g.sums[col], MONEY_SCALE) ?? 0n;
    out[col] = MONEY_MEASURES.has(col as keyof SummaryMeasures) ? formatScaled(units, MONEY_SCALE) : (units / SCALE).toString();
  }
  return out;
}

/** The page of sorted groups asked for, and the sums of the rest (null when nothing is left off). */
export function pageOf<G extends SumsGroup>(groups: readonly G[], total: MeasureSums, p: PageSpec): { page: G[]; other: MeasureSums | null } {
  const sorted = sortGroups(groups, p.sort, p.dir);
  const page = p.limit === undefined ? sorted.slice(p.offset) : sorted.slice(p.offset, p.offset + p.limit);
  return { page, other: page.length === groups.length ? null : remainderSums(total, page) };
}
