import { TZDate } from "@date-fns/tz";
import { addDays as addDaysTo, differenceInCalendarDays, format } from "date-fns";

/** The zones the overview and the explorer offer (any IANA zone in the URL works too). */
export const TIME_ZONES = ["UTC", "America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Paris", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney"];

/**
 * Calendar-day ranges, the one home of the day arithmetic every page and query shares (ranges are [from, to),
 * YYYY-MM-DD, `to` exclusive like every API range). Pure, client-safe: the pages' URL state and the server
 * domain both use these, so "the previous period" or "the last 7 days" mean one thing everywhere.
 */
export type DayRange = { from: string; to: string };
export const DAY_MS = 86_400_000;

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// A calendar date as a UTC midnight: day arithmetic on dates has no zone (no DST hour to lose).
const utcDay = (day: string) => new TZDate(Date.parse(`${day}T00:00:00Z`), "UTC");

/** The calendar date `n` days after `day` (before when n < 0). */
export const addDays = (day: string, n: number): string => format(addDaysTo(utcDay(day), n), "yyyy-MM-dd");

/** Days in [from, to). */
export const daysBetween = (from: string, to: string): number => differenceInCalendarDays(utcDay(to), utcDay(from));

/** The period of the same length just before [from, to): what every page and the API compare against by default. */
export function previousRange(r: DayRange): DayRange {
  return { from: addDays(r.from, -daysBetween(r.from, r.to)), to: r.from };
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone: "today" in Tokyo is not UTC's today. */
export function localDate(at: Date, tz: string): string {
  return format(new TZDate(at.getTime(), tz), "yyyy-MM-dd");
}

/** The last `days` whole days in tz, today (there) included: [today − days + 1, today + 1). */
export function lastDays(days: number, tz: string, now: Date): DayRange {
  const to = addDays(localDate(now, tz), 1);
  return { from: addDays(to, -days), to };
}

/** Whether a zone name is one Intl knows (an IANA zone or UTC). */
export function isZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC of a time zone at an instant (Intl's "GMT+05:30" form). */
// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one, and every query
// checks a zone's offset for each day of its range.
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function zoneOffsetMinutes(tz: string, at: number): number {
  if (tz === "UTC") return 0;
  let fmt = offsetFormats.get(tz);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" });
    if (offsetFormats.size > 500) offsetFormats.clear();
    offsetFormats.set(tz, fmt);
  }
  const name = fmt.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * Whether every local midnight in [from, to] of a zone falls on a whole UTC hour, so that hourly rollups
 * cut its days (and hours) exactly. False for zones such as Asia/Kolkata (+05:30).
 */
export function wholeHourDays(tz: string, from: string, to: string): boolean {
  return offsetsIn(tz, from, to).every((m) => m % 60 === 0);
}

/** Whether the zone's days over [from, to] are UTC days (UTC itself, or e.g. Europe/London in winter). */
export function utcDays(tz: string, from: string, to: string): boolean {
  return offsetsIn(tz, from, to).every((m) => m === 0);
}

// Offsets a day apart, around each UTC midnight of the range: that catches every change of offset in use.
function offsetsIn(tz: string, from: string, to: string): number[] {
  const out: number[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`) - DAY_MS; t <= Date.parse(`${to}T00:00:00Z`) + DAY_MS; t += DAY_MS) out.push(zoneOffsetMinutes(tz, t));
  return out;
}

/**
 * The first instant of a local calendar day in a zone, as ClickHouse UTC text ("YYYY-MM-DD HH:MM:SS").
 * Range queries bound by these instants in UTC instead of handing "YYYY-MM-DD 00:00:00" and the zone to
 * ClickHouse: where DST starts at local midnight (America/Santiago, 2026-09-06) 00:00 does not exist and
 * ClickHouse resolves it to 23:00 of the day before, so that day's range took an hour of the previous one
 * while the day buckets did not. Here the day starts at its first existing instant (01:00), and where a
 * midnight repeats (DST ending at 24:00) at its one 00:00.
 */
export function zoneDayStartUtc(date: string, tz: string): string {
  const local = Date.parse(`${date}T00:00:00Z`);
  const HOUR = 3_600_000;
  // The instant is local midnight minus the offset in force then: try the offsets in force around it, and
  // keep the earliest instant whose local time is midnight or later.
  let best = Infinity;
  for (const probe of [local - 15 * HOUR, local, local + 15 * HOUR]) {
    const t = local - zoneOffsetMinutes(tz, probe) * 60_000;
    if (t + zoneOffsetMinutes(tz, t) * 60_000 >= local && t < best) best = t;
  }
  return new Date(best).toISOString().slice(0, 19).replace("T", " ");
}
