import type { Dimension } from "@/lib/dimensions";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import type { TOP_DIMENSIONS } from "@/lib/schemas/overview";
import { addDays } from "./date-range";
import { exploreHref as explorerHref } from "./explorer-state";
import { UNATTRIBUTED } from "./format";
import type { OverviewState, StackDimension } from "./overview-state";

/**
 * Every overview figure is a door into the explorer: these pick its range, grouping, metric and filters; the
 * explorer's own writer (explorer-state.ts exploreHref, its nuqs serializer) writes the address.
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
  // An empty value is a real filter: the events with no value for the dimension (e.g. unattributed spend).
  const include = Object.fromEntries(Object.entries(l.filters ?? {}).filter(([, v]) => v !== undefined).map(([d, v]) => [d, [v]]));
  return explorerHref({ from: l.from, to: l.to, tz: l.tz, groupBy: l.groupBy, metric: l.metric ?? "cost_usd", bucket: l.bucket, include });
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
