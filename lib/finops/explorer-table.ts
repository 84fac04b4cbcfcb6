import type { SummaryMeasures } from "@/lib/schemas/summary";
import { metricById, metricChange, metricDelta, metricNumber, type MetricDef } from "./explorer-metrics";
import { Money } from "./money";
import { valueLabel } from "./format";

/**
 * The explorer table as data, so the screen and the CSV export show the same rows, columns and order:
 * one row per group (one key, or key and key2) of either period, the selected metric, its previous-period
 * value and change, then a fixed set of context metrics.
 */
export type Group = { key: string; key2?: string } & SummaryMeasures;
export type TableRow = { key: string; key2?: string; now: SummaryMeasures; prev: SummaryMeasures | undefined; delta: string | number | null; pct: number | null; isNew: boolean; compared: boolean };

const CONTEXT_METRICS = ["cost_usd", "requests", "attempts", "retry_amplification", "cache_hit_rate", "reasoning_share"] as const;

/** The context columns shown after the selected metric (never repeating it). */
export const contextMetrics = (metric: MetricDef): MetricDef[] => CONTEXT_METRICS.filter((id) => id !== metric.id).map(metricById);

/** A key as shown on screen and in the CSV: the empty value is "Unattributed", as on every page. */
export const shownKey = valueLabel;

/** Groups of two periods are the same group when both keys match. */
const groupId = (g: { key: string; key2?: string }) => JSON.stringify([g.key, g.key2 ?? null]);

/** A row per current group, matched with its previous-period group, in the API's order (the table sorts). */
export function tableRows(groups: readonly Group[], previous: readonly Group[] | undefined, metric: MetricDef): TableRow[] {
  const before = new Map((previous ?? []).map((g) => [groupId(g), g]));
  const rows = groups.map((g): TableRow => {
    const prev = previous ? before.get(groupId(g)) : undefined;
    // Without the previous period loaded there is no comparison yet: keep the cells empty, not "new".
    const delta = previous ? metricDelta(metric, g, prev) : null;
    return { key: g.key, key2: g.key2, now: g, prev, delta, pct: metricChange(metric, g, prev).pct, isNew: !!previous && !prev && metricNumber(g[metric.id]) !== 0, compared: !!previous };
  });
  // Groups that had usage before and none now are rows too (at zero): a spend that stopped is news.
  const current = new Set(groups.map(groupId));
  for (const prev of previous ?? []) {
    if (current.has(groupId(prev))) continue;
    const now = zeroed(prev);
    rows.push({ key: prev.key, key2: prev.key2, now, prev, delta: metricDelta(metric, now, prev), pct: metricChange(metric, now, prev).pct, isNew: false, compared: true });
  }
  return rows;
}

/**
 * The ascending order of rows by a sort column (a key, the change, or any measure): the table's comparator
 * for that column (components/explore/breakdown-columns.tsx), so the screen and the export order alike.
 */
export function compareRows(sort: string, metric: MetricDef): (a: TableRow, b: TableRow) => number {
  if (sort === "key") return (a, b) => a.key.localeCompare(b.key) || (a.key2 ?? "").localeCompare(b.key2 ?? "");
  if (sort === "key2") return (a, b) => (a.key2 ?? "").localeCompare(b.key2 ?? "") || a.key.localeCompare(b.key);
  if (sort === "delta") return (a, b) => compareValues(metric, a.delta, b.delta);
  const m = metricById(sort);
  return (a, b) => compareValues(m, a.now[m.id], b.now[m.id]);
}

/**
 * Rows in a sort's order as the table orders them (its sorted row model: the comparator turned round for
 * descending, ties in the API's order, biggest cost first): for the export of every group of a paged view,
 * which is not on screen. Where the rows are on screen the export takes the table's own row model.
 */
export function sortTableRows(rows: readonly TableRow[], sort: string, dir: "asc" | "desc", metric: MetricDef): TableRow[] {
  const cmp = compareRows(sort, metric);
  return rows.map((r, i) => ({ r, i })).sort((a, b) => (dir === "asc" ? 1 : -1) * cmp(a.r, b.r) || a.i - b.i).map((x) => x.r);
}

/** The same measures at zero: money as "0.000000000", counts and ratios as 0. */
function zeroed(g: SummaryMeasures): SummaryMeasures {
  return Object.fromEntries(Object.entries(g).filter(([k]) => k !== "key" && k !== "key2").map(([k, v]) => [k, typeof v === "string" ? "0.000000000" : 0])) as SummaryMeasures;
}

/** Money compares as decimals (two amounts a float would merge stay apart); no value counts as the smallest. */
function compareValues(m: MetricDef, a: string | number | null, b: string | number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return m.kind === "money" ? new Money(String(a)).cmp(String(b)) : Number(a) - Number(b);
}
