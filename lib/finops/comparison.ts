import { periodContaining, shiftPeriod, type Calendar, type CalendarPeriod, type PeriodKind } from "./calendar";
import { addDays, daysBetween, localDate, previousRange, zoneDayStartUtc } from "./date-range";
import { formatDay } from "./format";

/**
 * What a range [from, to) (calendar dates in `tz`, `to` exclusive) is compared with: ONE rule for the overview
 * API, GET /api/v1/change and every page.
 * - A calendar period of the organisation's calendar (a month from its monthStartDay, a quarter, a week from
 *   its weekStartsOn) is compared with the period of the same kind just before: October (31 days) with
 *   September (30 days), not with "the 31 days before" (Aug 31 – Sep 30).
 * - Any other range is compared with the period of the same length just before it.
 * - A period that has not ended (it holds today) is partial: it is compared with the same elapsed time of the
 *   previous one: as many days from its start, and of the last of them the hours today has had so far (to the
 *   end of the current hour). "This month" on Nov 29 at 13:20 meets Oct 1 – Oct 29 to 14:00. When the previous
 *   period is shorter than the elapsed days (March 31 against February), it is taken whole.
 * A period that only starts a calendar period (Oct 1 – Oct 15 of a past October) is an arbitrary range.
 */
export type ComparisonPeriod = PeriodKind | "days";
export type Comparison = {
  period: ComparisonPeriod;
  /** The current period holds today: the baseline is cut to the same elapsed time (or taken whole if shorter). */
  partial: boolean;
  /** The baseline's dates, `to` exclusive: with `until`, the day the cut falls on is its last. */
  previous: { from: string; to: string };
  /** The instant (ISO, UTC) the baseline ends when it is cut within its last day; null when its days are whole. */
  until: string | null;
  /** Short text for people: "vs Sep 2026", "vs Oct 2026 to Oct 29, 14:00", "vs previous 30 days". */
  label: string;
};

const HOUR_MS = 3_600_000;
const instant = (utcText: string) => Date.parse(`${utcText.replace(" ", "T")}Z`);

/** The calendar period [from, to) is, or begins and runs through today with (then partial); null if neither. */
function calendarPeriodOf(from: string, to: string, today: string, cal: Calendar): CalendarPeriod | null {
  const holdsToday = from <= today && today < to;
  for (const kind of ["month", "quarter", "week"] as const) {
    const p = periodContaining(kind, new Date(instant(zoneDayStartUtc(from, cal.timeZone))), cal);
    if (p.from !== from) continue;
    if (p.to === to || (holdsToday && to <= p.to)) return p;
  }
  return null;
}

/** Hours today has had in a zone, to the end of the current hour (1 at 00:10, 24 at 23:59). */
function elapsedHoursToday(today: string, now: Date, tz: string): number {
  return Math.floor((now.getTime() - instant(zoneDayStartUtc(today, tz))) / HOUR_MS) + 1;
}

/** The baseline [prevFrom, …) cut after `days` whole days and `hours` hours of the next: its dates and instant. */
function cut(prevFrom: string, days: number, hours: number, tz: string) {
  const day = addDays(prevFrom, days);
  const dayEnd = instant(zoneDayStartUtc(addDays(day, 1), tz));
  // A 23-hour DST day cannot hold 24 hours: the cut stops at its end.
  const until = Math.min(instant(zoneDayStartUtc(day, tz)) + hours * HOUR_MS, dayEnd);
  return { day, to: addDays(day, 1), until: new Date(until).toISOString().replace(".000Z", "Z") };
}

/** A period as the label names it: "Sep 2026", "Q3 2026", "week of Nov 16". */
const nameOf = (p: CalendarPeriod) => (p.kind === "week" ? `week of ${formatDay(p.from)}` : p.label);

const hh = (h: number) => `${String(Math.min(h, 24)).padStart(2, "0")}:00`;

/** The comparison for a range at `now`, in the organisation's calendar seen in the range's zone `tz`. */
export function comparisonFor(from: string, to: string, tz: string, now: Date, org: Omit<Calendar, "timeZone">): Comparison {
  const cal: Calendar = { ...org, timeZone: tz };
  const today = localDate(now, tz);
  const partial = from <= today && today < to;
  const hours = partial ? elapsedHoursToday(today, now, tz) : 0;
  const elapsedDays = daysBetween(from, today);
  const p = calendarPeriodOf(from, to, today, cal);
  if (p) {
    const prev = shiftPeriod(p, -1, cal);
    const whole = { from: prev.from, to: prev.to };
    if (!partial) return { period: p.kind, partial, previous: whole, until: null, label: `vs ${nameOf(prev)}` };
    if (elapsedDays >= daysBetween(prev.from, prev.to)) return { period: p.kind, partial, previous: whole, until: null, label: `vs all of ${nameOf(prev)} (shorter)` };
    const c = cut(prev.from, elapsedDays, hours, tz);
    return { period: p.kind, partial, previous: { from: prev.from, to: c.to }, until: c.until, label: `vs ${nameOf(prev)} to ${formatDay(c.day)}, ${hh(hours)}` };
  }
  const len = daysBetween(from, to);
  const span = `${len} day${len === 1 ? "" : "s"}`;
  const prevFrom = previousRange({ from, to }).from;
  if (!partial) return { period: "days", partial, previous: { from: prevFrom, to: from }, until: null, label: `vs previous ${span}` };
  const c = cut(prevFrom, elapsedDays, hours, tz);
  return { period: "days", partial, previous: { from: prevFrom, to: c.to }, until: c.until, label: `vs previous ${span} to ${hh(hours)}` };
}

/** An ISO instant ("2026-10-20T11:00:00Z") as ClickHouse's UTC text, the form the measures query bounds by. */
export const untilText = (iso: string) => new Date(iso).toISOString().slice(0, 19).replace("T", " ");
