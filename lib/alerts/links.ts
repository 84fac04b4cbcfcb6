import { DIMENSION_NAMES, type Dimension } from "@/lib/dimensions";
import { addDays, isoDay } from "@/lib/finops/date-range";
import { exploreHref } from "@/lib/finops/explorer-state";
import { tracesListHref } from "@/lib/finops/trace-list-state";
import { appendFilters, type Filters } from "@/lib/finops/url-state";

/**
 * Where an alert leads: the explorer and the traces list filtered to its window (whole UTC days, `to`
 * exclusive, hourly buckets) and scope, written by those pages' own serializers; and the change decomposition
 * query of its window against the same window one week earlier (same weekdays and hours, so the weekly rhythm
 * cancels out).
 */
export type AlertScope = { scopeType: string; scopeValue: string; windowStart: string; windowEnd: string };

const DAY = 86_400_000;

function windowDays(a: AlertScope): { from: string; to: string } {
  const start = Date.parse(a.windowStart);
  const end = Date.parse(a.windowEnd);
  return { from: isoDay(start), to: isoDay(Math.ceil(end / DAY) * DAY === end ? end : Math.floor(end / DAY) * DAY + DAY) };
}

/** The alert's scope as a filter (none for the whole organisation). */
function scopeFilter(a: AlertScope): Filters {
  const dim = DIMENSION_NAMES.find((d): d is Dimension => d === a.scopeType);
  return { include: dim && a.scopeValue ? { [dim]: [a.scopeValue] } : {}, exclude: {} };
}

export function exploreLink(a: AlertScope): string {
  return exploreHref({ ...windowDays(a), tz: "UTC", bucket: "hour", ...scopeFilter(a) });
}
export function tracesLink(a: AlertScope): string {
  return tracesListHref({ ...windowDays(a), tz: "UTC", ...scopeFilter(a) });
}
/** The explanation's periods: the alert's whole UTC days, against the same days one week earlier. */
export function changePeriods(a: AlertScope): { from: string; to: string; base_from: string; base_to: string; tz: "UTC" } {
  const w = windowDays(a);
  return { from: w.from, to: w.to, base_from: addDays(w.from, -7), base_to: addDays(w.to, -7), tz: "UTC" };
}
export function changeQuery(a: AlertScope): string {
  return appendFilters(new URLSearchParams(changePeriods(a)), scopeFilter(a)).toString();
}

/**
 * One sibling an alert's outlier annotation names, in Explore over the alert's window: filtered to that value of
 * `dimension`, and to the alert's scope too when the sibling is inside it (a customer of the alerting feature).
 */
export function siblingExploreLink(a: AlertScope, dimension: string, value: string): string {
  const dim = DIMENSION_NAMES.find((d): d is Dimension => d === dimension);
  const own = scopeFilter(a).include;
  const include = dim ? { ...(a.scopeType === "service" ? {} : own), [dim]: [value] } : own;
  return exploreHref({ ...windowDays(a), tz: "UTC", bucket: "hour", include, exclude: {} });
}
