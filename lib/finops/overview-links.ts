import type { Dimension } from "@/lib/dimensions";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import type { TOP_DIMENSIONS } from "@/lib/schemas/overview";
import { addDays, type OverviewState, type StackDimension } from "./overview-state";
import { UNATTRIBUTED } from "./format";

/**
 * Every overview figure is a door into the explorer: these build its URLs (/explore?from&to&tz&group_by&metric
 * and DIM=VALUE filters, the parameters the explorer reads). Built here rather than with explorerQuery so the
 * overview does not depend on the explorer's internal state shape, which is being extended separately.
 */

export type TopDimension = (typeof TOP_DIMENSIONS)[number];
export type ExploreLink = {
  from: string;
  to: string;
  tz: string;
  groupBy: Dimension;
  metric?: keyof SummaryMeasures;
  bucket?: "hour" | "day";
  filters?: Partial<Record<Dimension, string>>;
};

/** Where a click on a stack segment drills to: the dimension that best explains that group's spend. */
export const STACK_DRILL: Record<StackDimension, Dimension> = { team: "repo", model: "feature", provider: "model", environment: "team" };
/** Where a click on a top-list row drills to (the explorer's own drill-down order). */
export const TOP_DRILL: Record<TopDimension, Dimension> = { team: "repo", repo: "feature", feature: "model", model: "feature", customer: "feature" };

export function exploreHref(l: ExploreLink): string {
  const q = new URLSearchParams({ from: l.from, to: l.to, tz: l.tz, group_by: l.groupBy, metric: l.metric ?? "cost_usd" });
  if (l.bucket) q.set("bucket", l.bucket);
  // An empty value is a real filter: the events with no value for the dimension (e.g. unattributed spend).
  for (const [dim, value] of Object.entries(l.filters ?? {})) if (value !== undefined) q.append(dim, value);
  return `/explore?${q}`;
}

/** A key as shown: "" is "Unattributed" in every dimension, as on every page (the rest of a stack is flagged, see stackHref). */
export function keyLabel(dim: Dimension, key: string): string {
  if (key === "") return UNATTRIBUTED;
  return key;
}

/**
 * A stack segment (day given) or a legend entry (whole period): filtered to the group and drilled one level
 * down. The rest of the stack (isOther, from the API's kind "other") is many groups at once, so it gets no
 * filter, only the day; a real value "(other)" is a group like any other. A day opens hour by hour, its
 * contributors ranked by cost below the chart, each with its traces one click away (spike to cause in two).
 */
export function stackHref(s: OverviewState, series: { key: string; isOther: boolean }, day?: string): string {
  const range = day ? { from: day, to: addDays(day, 1), bucket: "hour" as const } : { from: s.from, to: s.to };
  const other = series.isOther;
  const key = series.key;
  return exploreHref({ ...range, tz: s.tz, groupBy: other ? s.stack : STACK_DRILL[s.stack], filters: other ? {} : { [s.stack]: key } });
}

/** A top-list row: the period filtered to that entry, drilled one level down. */
export function topRowHref(s: OverviewState, dim: TopDimension, key: string): string {
  return exploreHref({ from: s.from, to: s.to, tz: s.tz, groupBy: TOP_DRILL[dim], filters: { [dim]: key } });
}

/** "+N more": the whole period grouped by the list's dimension, where every entry is listed. */
export function topAllHref(s: OverviewState, dim: TopDimension): string {
  return exploreHref({ from: s.from, to: s.to, tz: s.tz, groupBy: dim });
}
