import { parseAsStringLiteral, type inferParserType, type Nullable } from "nuqs/server";
import { DIMENSION_NAMES, type Dimension } from "@/lib/dimensions";
import { MAX_HOURLY_DAYS } from "@/lib/schemas/timeseries";
import { addDays, daysBetween, lastDays } from "./date-range";
import { METRICS } from "./explorer-metrics";
import { tracesListHref } from "./trace-list-state";
import { filtersOf, filterParsers, filterValues, parseAsDay, parseAsOne, parseAsOneOf, queryReader, queryWriter, rangeParsers, type Filters } from "./url-state";

export type { Filters } from "./url-state";

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

/** Sort columns besides the metrics: the group keys and the change against the previous period. */
export const SORT_COLUMNS = ["key", "key2", "delta"] as const;
const METRIC_IDS = METRICS.map((m) => m.id);

/**
 * The page's one declaration of its address, in the order its URLs are written: it reads /explore and writes
 * every link to it (the overview's, the trace view's, the alerts', the change panel's contributors).
 */
export const explorerParsers = {
  ...rangeParsers,
  bucket: parseAsStringLiteral(["day", "hour"] as const),
  group_by: parseAsStringLiteral(DIMENSION_NAMES),
  group_by2: parseAsStringLiteral(DIMENSION_NAMES),
  metric: parseAsOneOf(METRIC_IDS),
  sort: parseAsOneOf([...METRIC_IDS, ...SORT_COLUMNS]),
  dir: parseAsStringLiteral(["asc", "desc"] as const),
  compare: parseAsOne,
  base_from: parseAsDay,
  base_to: parseAsDay,
  ...filterParsers,
};
const readExplorer = queryReader(explorerParsers);
export const writeExplorer = queryWriter(explorerParsers);

/** A link into Explore: the parts given (a state's or a few, like the overview's doors), the rest left to the page's defaults. */
export type ExploreLink = { from: string; to: string; tz: string; groupBy?: Dimension; groupBy2?: Dimension | null; bucket?: "day" | "hour"; metric?: string; sort?: string; dir?: "asc" | "desc"; compare?: boolean; base?: { from: string; to: string } | null } & Partial<Filters>;

/** `/explore?…`: the one writer of links to the explorer. */
export const exploreHref = (l: ExploreLink): string => `/explore?${writeExplorer(explorerValues(l))}`;

/** A link's or a state's parameter values (null: not in the address). */
export function explorerValues(l: ExploreLink): Nullable<ExplorerValues> {
  return {
    from: l.from,
    to: l.to,
    tz: l.tz,
    bucket: l.bucket ?? null,
    group_by: l.groupBy ?? null,
    group_by2: l.groupBy2 ?? null,
    metric: l.metric ?? null,
    sort: l.sort ?? null,
    dir: l.dir ?? null,
    compare: l.compare || null,
    base_from: l.base?.from ?? null,
    base_to: l.base?.to ?? null,
    ...filterValues({ include: l.include ?? {}, exclude: l.exclude ?? {} }),
  };
}

/** Drill-down order: a click on a group filters to it and groups by the next dimension. */
export const NEXT: Partial<Record<Dimension, Dimension>> = { team: "repo", repo: "feature", feature: "model", service: "feature", customer: "feature", model: "feature", environment: "team", provider: "model" };

/** Hourly buckets are only served for short ranges (the API answers 400 beyond). */
export const hourlyAllowed = (from: string, to: string) => daysBetween(from, to) <= MAX_HOURLY_DAYS;

export type ExplorerValues = inferParserType<typeof explorerParsers>;

/** The state of an address: what the reader understood, made consistent (a stale link still shows something sensible). */
export const parseExplorerState = (params: URLSearchParams, now: Date): ExplorerState => explorerStateOf(readExplorer(params), now);

/** The state of the parsed parameters (what useQueryStates(explorerParsers) or the reader gives). */
export function explorerStateOf(v: ExplorerValues, now: Date): ExplorerState {
  const tz = v.tz ?? "UTC";
  const fallback = lastDays(30, tz, now);
  const from = v.from ?? fallback.from;
  let to = v.to ?? fallback.to;
  if (to <= from) to = addDays(from, 1);
  const groupBy = v.group_by ?? "team";
  const groupBy2 = v.group_by2 && v.group_by2 !== groupBy ? v.group_by2 : null;
  // A long range silently falls back to days rather than showing an error for a stale link.
  const bucket = v.bucket === "hour" && hourlyAllowed(from, to) ? "hour" : "day";
  const metric = v.metric ?? "cost_usd";
  const sort = v.sort && (v.sort !== "key2" || groupBy2 !== null) ? v.sort : metric;
  const base = v.base_from && v.base_to && v.base_from < v.base_to ? { from: v.base_from, to: v.base_to } : null;
  return { from, to, tz, bucket, groupBy, groupBy2, metric, sort, dir: v.dir ?? "desc", ...filtersOf(v), compare: v.compare === true, base };
}

export { appendFilters } from "./url-state";
import { appendFilters } from "./url-state";

/** The URL query of a state. */
export function explorerQuery(s: ExplorerState): URLSearchParams {
  return new URLSearchParams(exploreHref(s).slice("/explore?".length));
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
  return tracesListHref({ from: s.from, to: s.to, tz: s.tz, ...narrowTo(s, keys) });
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
  return { from: day, to: addDays(day, 1), bucket: "hour" };
}

/** Whether any include or exclude filter is set. */
export const hasFilters = (f: Filters) => [...Object.values(f.include), ...Object.values(f.exclude)].some((v) => (v?.length ?? 0) > 0);
