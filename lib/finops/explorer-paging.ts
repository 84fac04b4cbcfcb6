import type { Dimension } from "@/lib/clickhouse/fragments";
import { SUMMARY_SORT_KEYS, type SummaryResponse } from "@/lib/schemas/summary";
import { summaryQuery, type ExplorerState } from "./explorer-state";

/**
 * The explorer's table over a big grouping (10,785 sessions): the server sorts and returns the first
 * `PAGE_SIZE × pages` groups plus an "other" sum of the rest, so the table stays small and its total exact.
 * The previous period is fetched as a page of the same size (its total is exact whatever the page) and, when
 * the current period has more groups than shown, again for the shown groups only (a filter on their keys),
 * so every shown row gets its own previous value. The CSV export asks for every group.
 */
export const PAGE_SIZE = 100;

type Group = SummaryResponse["groups"][number];

/** What the server sorts by: the table's sort column when it is a key or a measure, else the metric. */
export function serverSort(s: ExplorerState): string {
  return (SUMMARY_SORT_KEYS as readonly string[]).includes(s.sort) ? s.sort : s.metric;
}

/** The current period's query: the first `limit` groups in the table's order. */
export function pagedSummaryQuery(s: ExplorerState & { until?: string | null }, limit: number): string {
  const q = new URLSearchParams(summaryQuery(s, s));
  q.set("sort", serverSort(s));
  q.set("dir", s.dir);
  q.set("limit", String(limit));
  return q.toString();
}

/** The previous period for the shown groups only: the grouped dimensions filtered to the shown keys. */
export function previousForGroupsQuery(s: ExplorerState, range: { from: string; to: string; until?: string | null }, groups: readonly Group[]): string {
  const dims: Dimension[] = s.groupBy2 ? [s.groupBy, s.groupBy2] : [s.groupBy];
  const include = { ...s.include };
  dims.forEach((d, i) => (include[d] = [...new Set(groups.map((g) => (i === 0 ? g.key : g.key2 ?? "")))]));
  return summaryQuery({ ...s, include }, range);
}

/** Previous groups that are on the shown page (two filtered dimensions select a cross product of keys). */
export function onPage(previous: readonly Group[], shown: readonly Group[]): Group[] {
  const ids = new Set(shown.map((g) => JSON.stringify([g.key, g.key2 ?? null])));
  return previous.filter((g) => ids.has(JSON.stringify([g.key, g.key2 ?? null])));
}

/** Whether a response left groups off (then the table shows "other" and "show more"). */
export const isPaged = (r: SummaryResponse | undefined) => !!r && r.group_count > r.groups.length;
