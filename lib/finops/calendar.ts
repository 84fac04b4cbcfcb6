import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, addWeeks, startOfWeek } from "date-fns";
import { localDate } from "./date-range";

/**
 * Periods of the organisation's calendar (lib/db/org-settings.ts): months that start on `monthStartDay`,
 * quarters of three such months, weeks that start on `weekStartsOn`, all cut at local midnight in `timeZone`.
 * A period is half-open [start, end) as instants, and is also given as its calendar dates (`from` inclusive,
 * `to` exclusive, YYYY-MM-DD in the zone), the convention of the API's date ranges. Pure: no I/O, no React.
 * Where DST makes local midnight not exist (America/Santiago, 2026-09-06), the day starts at its first instant.
 */
export type Calendar = { timeZone: string; monthStartDay: number; weekStartsOn: number };
export type PeriodKind = "month" | "quarter" | "week";
export type CalendarPeriod = { kind: PeriodKind; key: string; label: string; from: string; to: string; start: Date; end: Date };

const pad = (n: number) => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// One definition of "the date of an instant in a zone" (lib/finops/date-range.ts), re-exported for callers of the calendar.
export { localDate };

/** The first instant of a calendar date in a zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

function datePlus(date: string, unit: "day" | "week" | "month", n: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const base = new Date(Date.UTC(y, m - 1, d));
  const next = unit === "day" ? addDays(base, n) : unit === "week" ? addWeeks(base, n) : addMonths(base, n);
  return next.toISOString().slice(0, 10);
}

function make(kind: PeriodKind, key: string, label: string, from: string, to: string, tz: string): CalendarPeriod {
  return { kind, key, label, from, to, start: startOfLocalDay(from, tz), end: startOfLocalDay(to, tz) };
}

/** The month period named by "YYYY-MM": it starts on monthStartDay of that month. */
export function monthPeriod(key: string, cal: Calendar): CalendarPeriod {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`"${key}" is not a month (YYYY-MM)`);
  const from = `${m[1]}-${m[2]}-${pad(cal.monthStartDay)}`;
  const to = datePlus(from, "month", 1);
  const label = cal.monthStartDay === 1 ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : `${MONTHS[Number(m[2]) - 1]} ${m[1]} (from the ${cal.monthStartDay}${ordinal(cal.monthStartDay)})`;
  return make("month", key, label, from, to, cal.timeZone);
}

/** The quarter "YYYY-Qn": three months from the quarter's first month's start day. */
export function quarterPeriod(key: string, cal: Calendar): CalendarPeriod {
  const m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!m) throw new RangeError(`"${key}" is not a quarter (YYYY-Qn)`);
  const from = monthPeriod(`${m[1]}-${pad((Number(m[2]) - 1) * 3 + 1)}`, cal).from;
  return make("quarter", key, `Q${m[2]} ${m[1]}`, from, datePlus(from, "month", 3), cal.timeZone);
}

/** The week that starts on a given date (which must be a week start). Key: its first date. */
export function weekPeriod(from: string, cal: Calendar): CalendarPeriod {
  return make("week", from, `Week of ${from}`, from, datePlus(from, "week", 1), cal.timeZone);
}

/** The period of a kind that contains an instant. */
export function periodContaining(kind: PeriodKind, at: Date, cal: Calendar): CalendarPeriod {
  const day = localDate(at, cal.timeZone);
  if (kind === "week") {
    const [y, m, d] = day.split("-").map(Number);
    const start = startOfWeek(new Date(Date.UTC(y, m - 1, d, 12)), { weekStartsOn: cal.weekStartsOn as 0 | 1 });
    return weekPeriod(start.toISOString().slice(0, 10), cal);
  }
  let [y, mo] = day.split("-").map(Number);
  if (Number(day.slice(8)) < cal.monthStartDay) [y, mo] = mo === 1 ? [y - 1, 12] : [y, mo - 1];
  if (kind === "month") return monthPeriod(`${y}-${pad(mo)}`, cal);
  const q = Math.floor((mo - 1) / 3) + 1;
  return quarterPeriod(`${y}-Q${q}`, cal);
}

/** The period just before (n = -1) or after (n = 1) another of the same kind. */
export function shiftPeriod(p: CalendarPeriod, n: number, cal: Calendar): CalendarPeriod {
  if (p.kind === "week") return weekPeriod(datePlus(p.from, "week", n), cal);
  const step = p.kind === "month" ? 1 : 3;
  const from = datePlus(p.from, "month", n * step);
  const [y, mo] = from.split("-").map(Number);
  return p.kind === "month" ? monthPeriod(`${y}-${pad(mo)}`, cal) : quarterPeriod(`${y}-Q${Math.floor((mo - 1) / 3) + 1}`, cal);
}

function ordinal(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return "th";
  return ["th", "st", "nd", "rd"][n % 10] ?? "th";
}
