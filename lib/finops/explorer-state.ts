import { completeDate } from "./range-presets";
import { DIMENSION_NAMES, type Dimension } from "@/lib/dimensions";
import { MAX_HOURLY_DAYS } from "@/lib/schemas/timeseries";
import { DAY_MS, isoDay, lastDaysWindow } from "./date-range";
import { METRICS } from "./explorer-metrics";

/**
 * The explorer's whole state lives in the URL, so a link reproduces the view:
 * from, to (YYYY-MM-DD, to exclusive), tz, bucket (day|hour), group_by, group_by2 (optional "then by"),
 * metric, sort, dir, DIM=value (include), exclude_DIM=value; compare=1 opens the "why did it change?" panel
 * (the drivers of the change from a baseline, base_from/base_to, default the previous period of equal length).
 */
export type ExplorerState = {
  from: string;
  to: string;
  tz: string;
  bucket: "day" | "hour";
  groupBy: Dimension;
  groupBy2: Dimension | null;
  metric: string;
  sort: string;
  dir: "asc" | "desc";
  include: Partial<Record<Dimension, string[]>>;
  exclude: Partial<Record<Dimension, string[]>>;
  /** Compare mode: the change from the baseline split into its drivers. */
  compare: boolean;
  /** The compare mode's baseline; null = the previous period of the same length. */
  base: { from: string; to: string } | null;
};
export type Filters = Pick<ExplorerState, "include" | "exclude">;

/** Sort columns besides the metrics: the group keys and the change against the previous period. */
export const SORT_COLUMNS = ["key", "key2", "delta"] as const;

/** Drill-down order: a click on a group filters to it and groups by the next dimension. */
export const NEXT: Partial<Record<Dimension, Dimension>> = { team: "repo", repo: "feature", feature: "model", service: "feature", customer: "feature", model: "feature", environment: "team", provider: "model" };

// A real calendar date: Date.parse takes "2026-02-30" as March 2.
const isDate = (s: string | null): s is string => !!s && completeDate(s) !== null;
const isDim = (s: string | null): s is Dimension => (DIMENSION_NAMES as string[]).includes(s ?? "");

/** Days in [from, to). */
export const rangeDays = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** Hourly buckets are only served for short ranges (the API answers 400 beyond). */
export const hourlyAllowed = (from: string, to: string) => rangeDays(from, to) <= MAX_HOURLY_DAYS;

export function parseExplorerState(params: URLSearchParams, now: Date): ExplorerState {
  const fallback = lastDaysWindow(30, now);
  const from = isDate(params.get("from")) ? params.get("from")! : fallback.from;
  let to = isDate(params.get("to")) ? params.get("to")! : fallback.to;
  if (to <= from) to = isoDay(Date.parse(from) + DAY_MS);
  const groupBy = isDim(params.get("group_by")) ? (params.get("group_by") as Dimension) : "team";
  const second = params.get("group_by2");
  const groupBy2 = isDim(second) && second !== groupBy ? second : null;
  // A long range silently falls back to days rather than showing an error for a stale link.
  const bucket = params.get("bucket") === "hour" && hourlyAllowed(from, to) ? "hour" : "day";
  const metric = METRICS.some((m) => m.id === params.get("metric")) ? params.get("metric")! : "cost_usd";
  const sortParam = params.get("sort") ?? "";
  const sortable = (SORT_COLUMNS as readonly string[]).includes(sortParam) ? sortParam !== "key2" || groupBy2 !== null : METRICS.some((m) => m.id === sortParam);
  const include: ExplorerState["include"] = {};
  const exclude: ExplorerState["exclude"] = {};
  for (const d of DIMENSION_NAMES) {
    if (params.getAll(d).length) include[d] = params.getAll(d);
    if (params.getAll(`exclude_${d}`).length) exclude[d] = params.getAll(`exclude_${d}`);
  }
  const [baseFrom, baseTo] = [params.get("base_from"), params.get("base_to")];
  const base = isDate(baseFrom) && isDate(baseTo) && baseFrom < baseTo ? { from: baseFrom, to: baseTo } : null;
  const compare = params.get("compare") === "1";
  return { from, to, tz: params.get("tz") || "UTC", bucket, groupBy, groupBy2, metric, sort: sortable ? sortParam : metric, dir: params.get("dir") === "asc" ? "asc" : "desc", include, exclude, compare, base };
}

/** Only the filter parameters (DIM=value, exclude_DIM=value), in dimension order. */
export function appendFilters(q: URLSearchParams, f: Filters): URLSearchParams {
  for (const d of DIMENSION_NAMES) for (const v of f.include[d] ?? []) q.append(d, v);
  for (const d of DIMENSION_NAMES) for (const v of f.exclude[d] ?? []) q.append(`exclude_${d}`, v);
  return q;
}

/** The URL query of a state. */
export function explorerQuery(s: ExplorerState): URLSearchParams {
  const q = new URLSearchParams({ from: s.from, to: s.to, tz: s.tz, bucket: s.bucket, group_by: s.groupBy });
  if (s.groupBy2) q.set("group_by2", s.groupBy2);
  q.set("metric", s.metric);
  q.set("sort", s.sort);
  q.set("dir", s.dir);
  if (s.compare) q.set("compare", "1");
  if (s.base) {
    q.set("base_from", s.base.from);
    q.set("base_to", s.base.to);
  }
  return appendFilters(q, s);
}

/** A state after a change, normalised the way a reload of its URL would read it (e.g. hourly on a long range). */
export function nextState(s: ExplorerState, patch: Partial<ExplorerState>, now: Date): ExplorerState {
  return parseExplorerState(explorerQuery({ ...s, ...patch }), now);
}

/** The summary API query for a state over a range: grouped by one dimension or, with "then by", two. */
export function summaryQuery(s: ExplorerState, range: { from: string; to: string; until?: string | null }): string {
  const q = new URLSearchParams({ from: range.from, to: range.to, tz: s.tz, group_by: s.groupBy2 ? `${s.groupBy},${s.groupBy2}` : s.groupBy });
  // A baseline cut to the same elapsed time as a period that is not over (lib/finops/comparison.ts).
  if (range.until) q.set("until", range.until);
  return appendFilters(q, s).toString();
}

/**
 * The values a filter picker offers for a dimension: the summary grouped by it under every other filter, so
 * values already picked stay listed beside the ones that could be added.
 */
export function valuesQuery(s: ExplorerState, dim: Dimension, search = ""): string {
  const others: Filters = { include: { ...s.include, [dim]: undefined }, exclude: { ...s.exclude, [dim]: undefined } };
  // The dearest VALUES_LIMIT values, found on the server by what was typed: 15,000 sessions are never all sent.
  const q = new URLSearchParams({ from: s.from, to: s.to, tz: s.tz, group_by: dim, sort: "cost_usd", dir: "desc", limit: String(VALUES_LIMIT) });
  if (search.trim()) q.set("search", search.trim());
  return appendFilters(q, others).toString();
}

/** How many values the filter picker lists at once; typing searches all of them on the server. */
export const VALUES_LIMIT = 200;

/** The timeseries API query: the metric per bucket, split by the first group-by dimension (top 8 + "(other)"). */
export function timeseriesQuery(s: ExplorerState): string {
  const q = new URLSearchParams({ from: s.from, to: s.to, tz: s.tz, bucket: s.bucket, metric: s.metric, group_by: s.groupBy, top: "8" });
  return appendFilters(q, s).toString();
}

/** Filters plus one value per dimension (a clicked group), replacing what that dimension had. */
export function narrowTo(f: Filters, keys: Partial<Record<Dimension, string>>): Filters {
  const include = { ...f.include };
  const exclude = { ...f.exclude };
  for (const [d, v] of Object.entries(keys) as [Dimension, string][]) {
    include[d] = [v];
    delete exclude[d];
  }
  return { include, exclude };
}

/** `/traces?` with the range, zone and filters of the view, narrowed to a group when one is given. */
export function tracesHref(s: ExplorerState, keys: Partial<Record<Dimension, string>> = {}): string {
  return `/traces?${appendFilters(new URLSearchParams({ from: s.from, to: s.to, tz: s.tz }), narrowTo(s, keys)).toString()}`;
}

/**
 * A click on a row: filter to its key(s) and group by the next dimension after the deepest one, skipping
 * dimensions already pinned to one value (grouping by them would show a single row); when the chain runs
 * out, the first unpinned dimension.
 */
export function drillDown(s: ExplorerState, key: string, key2?: string): Partial<ExplorerState> {
  const keys: Partial<Record<Dimension, string>> = { [s.groupBy]: key, ...(s.groupBy2 && key2 !== undefined ? { [s.groupBy2]: key2 } : {}) };
  const f = narrowTo(s, keys);
  const pinned = (d: Dimension) => f.include[d]?.length === 1;
  let next = NEXT[s.groupBy2 ?? s.groupBy];
  for (let hops = 0; next && pinned(next) && hops < DIMENSION_NAMES.length; hops++) next = NEXT[next];
  const groupBy = next && !pinned(next) ? next : DIMENSION_NAMES.find((d) => !pinned(d)) ?? s.groupBy;
  return { ...f, groupBy, groupBy2: null, sort: s.metric, dir: "desc" };
}

/** Clicking a chart bucket: the range becomes that bucket's (local) day, seen hour by hour; filters stay. */
export function narrowToBucket(bucketLabel: string): Partial<ExplorerState> {
  const day = bucketLabel.slice(0, 10);
  return { from: day, to: isoDay(Date.parse(day) + DAY_MS), bucket: "hour" };
}

/** Whether any include or exclude filter is set. */
export const hasFilters = (f: Filters) => [...Object.values(f.include), ...Object.values(f.exclude)].some((v) => (v?.length ?? 0) > 0);
