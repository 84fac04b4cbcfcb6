/**
 * Where an alert leads: the explorer and the traces list filtered to its window (whole UTC days, `to`
 * exclusive, hourly buckets) and scope, and the change decomposition query of its window against the same
 * window one week earlier (same weekdays and hours, so the weekly rhythm cancels out).
 */
export type AlertScope = { scopeType: string; scopeValue: string; windowStart: string; windowEnd: string };

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

function windowDays(a: AlertScope): { from: string; to: string } {
  const start = Date.parse(a.windowStart);
  const end = Date.parse(a.windowEnd);
  return { from: day(start), to: day(Math.ceil(end / DAY) * DAY === end ? end : Math.floor(end / DAY) * DAY + DAY) };
}

function params(a: AlertScope, extra: Record<string, string>): URLSearchParams {
  const q = new URLSearchParams(extra);
  if (a.scopeType !== "org" && a.scopeValue) q.set(a.scopeType, a.scopeValue);
  return q;
}

export function exploreLink(a: AlertScope): string {
  const w = windowDays(a);
  return `/explore?${params(a, { from: w.from, to: w.to, tz: "UTC", bucket: "hour" })}`;
}
export function tracesLink(a: AlertScope): string {
  const w = windowDays(a);
  return `/traces?${params(a, { from: w.from, to: w.to, tz: "UTC", bucket: "hour" })}`;
}
/** The explanation's periods: the alert's whole UTC days, against the same days one week earlier. */
export function changePeriods(a: AlertScope): { from: string; to: string; base_from: string; base_to: string; tz: "UTC" } {
  const w = windowDays(a);
  const back = (d: string) => day(Date.parse(`${d}T00:00:00Z`) - 7 * DAY);
  return { from: w.from, to: w.to, base_from: back(w.from), base_to: back(w.to), tz: "UTC" };
}
export function changeQuery(a: AlertScope): string {
  return params(a, changePeriods(a)).toString();
}
