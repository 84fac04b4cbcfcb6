import { DIMENSION_NAMES, type Dimension } from "@/lib/clickhouse/fragments";
import { DAY_MS, isoDay, lastDaysWindow } from "./date-range";
import { METRICS } from "./explorer-metrics";

/**
 * The explorer's whole state lives in the URL, so a link reproduces the view:
 * from, to (YYYY-MM-DD, to exclusive), tz, group_by, metric, sort, dir, DIM=value (include), exclude_DIM=value.
 */
export type ExplorerState = {
  from: string;
  to: string;
  tz: string;
  groupBy: Dimension;
  metric: string;
  sort: string;
  dir: "asc" | "desc";
  include: Partial<Record<Dimension, string[]>>;
  exclude: Partial<Record<Dimension, string[]>>;
};

const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

/** The period of the same length just before [from, to). */
export function previousRange(from: string, to: string): { from: string; to: string } {
  const len = Date.parse(to) - Date.parse(from);
  return { from: isoDay(Date.parse(from) - len), to: from };
}

export function parseExplorerState(params: URLSearchParams, now: Date): ExplorerState {
  const fallback = lastDaysWindow(30, now);
  const from = isDate(params.get("from")) ? params.get("from")! : fallback.from;
  let to = isDate(params.get("to")) ? params.get("to")! : fallback.to;
  if (to <= from) to = isoDay(Date.parse(from) + DAY_MS);
  const groupBy = (DIMENSION_NAMES as string[]).includes(params.get("group_by") ?? "") ? (params.get("group_by") as Dimension) : "team";
  const metric = METRICS.some((m) => m.id === params.get("metric")) ? params.get("metric")! : "cost_usd";
  const sort = params.get("sort") && (params.get("sort") === "key" || METRICS.some((m) => m.id === params.get("sort"))) ? params.get("sort")! : metric;
  const include: ExplorerState["include"] = {};
  const exclude: ExplorerState["exclude"] = {};
  for (const d of DIMENSION_NAMES) {
    if (params.getAll(d).length) include[d] = params.getAll(d);
    if (params.getAll(`exclude_${d}`).length) exclude[d] = params.getAll(`exclude_${d}`);
  }
  return { from, to, tz: params.get("tz") || "UTC", groupBy, metric, sort, dir: params.get("dir") === "asc" ? "asc" : "desc", include, exclude };
}

/** The URL query of a state (also the API's filter parameters). */
export function explorerQuery(s: ExplorerState): URLSearchParams {
  const q = new URLSearchParams({ from: s.from, to: s.to, tz: s.tz, group_by: s.groupBy, metric: s.metric, sort: s.sort, dir: s.dir });
  for (const [d, values] of Object.entries(s.include)) for (const v of values ?? []) q.append(d, v);
  for (const [d, values] of Object.entries(s.exclude)) for (const v of values ?? []) q.append(`exclude_${d}`, v);
  return q;
}

/** The summary API query for a state over a range. */
export function summaryQuery(s: ExplorerState, range: { from: string; to: string }): string {
  const q = explorerQuery({ ...s, ...range });
  q.delete("metric");
  q.delete("sort");
  q.delete("dir");
  return q.toString();
}
