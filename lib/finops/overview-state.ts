import { completeDate } from "./range-presets";
import { STACK_DIMENSIONS } from "@/lib/schemas/overview";
import { DAY_MS, isoDay } from "./date-range";

/**
 * The overview's view lives in the URL (?from&to&tz&stack, `to` exclusive like every API range), so a copied
 * link reproduces exactly what was on screen, and the same parameters go to GET /api/v1/overview.
 */
export type StackDimension = (typeof STACK_DIMENSIONS)[number];
export type OverviewState = { from: string; to: string; tz: string; stack: StackDimension };

/** The API refuses longer ranges; the picker checks first so the user gets a reason, not an error page. */
export const MAX_RANGE_DAYS = 400;

// A real calendar date: Date.parse takes "2026-02-30" as March 2.
const isDate = (s: string | null): s is string => !!s && completeDate(s) !== null;

export function isZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Today's calendar date in a zone: "Last 7 days" in Tokyo ends with Tokyo's today, not UTC's. */
export function todayIn(tz: string, now: Date): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

export const addDays = (day: string, n: number) => isoDay(Date.parse(day) + n * DAY_MS);
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** The last `days` whole days in tz, today included: [today − days + 1, today + 1). */
export function presetWindow(days: number, tz: string, now: Date): { from: string; to: string } {
  const to = addDays(todayIn(tz, now), 1);
  return { from: addDays(to, -days), to };
}

/** The state a URL describes; missing or malformed parts fall back to the last 30 days in UTC, stacked by team. */
export function parseOverviewState(params: URLSearchParams, now: Date): OverviewState {
  const tzParam = params.get("tz");
  const tz = tzParam && isZone(tzParam) ? tzParam : "UTC";
  const fallback = presetWindow(30, tz, now);
  const from = params.get("from");
  const to = params.get("to");
  const range = isDate(from) && isDate(to) && from < to ? { from, to } : fallback;
  const stackParam = params.get("stack");
  const stack = (STACK_DIMENSIONS as readonly string[]).includes(stackParam ?? "") ? (stackParam as StackDimension) : "team";
  return { ...range, tz, stack };
}

/** The URL query of a state: the page's address and the API's parameters at once. */
export function overviewQuery(s: OverviewState): URLSearchParams {
  return new URLSearchParams({ from: s.from, to: s.to, tz: s.tz, stack: s.stack });
}

/** Why a custom range cannot be shown, or null when it can. */
export function rangeProblem(from: string, to: string): string | null {
  if (!isDate(from) || !isDate(to)) return "Pick both dates.";
  if (from >= to) return "The end date must not be before the start date.";
  if (daysBetween(from, to) > MAX_RANGE_DAYS) return `A range may span at most ${MAX_RANGE_DAYS} days.`;
  return null;
}
