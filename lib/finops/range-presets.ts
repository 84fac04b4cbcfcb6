import { periodContaining, shiftPeriod, type Calendar } from "./calendar";
import { addDays, lastDays, localDate, type DayRange } from "./date-range";

/**
 * The period presets every page offers (Overview, Explore, Traces): calendar periods of the organisation's
 * calendar (lib/finops/calendar.ts) and rolling day windows. Ranges are calendar dates in the page's zone,
 * `from` inclusive and `to` exclusive (the API's convention); people see the last day included ("through").
 */
export const RANGE_PRESETS = [
  { id: "this-month", label: "This month" },
  { id: "last-month", label: "Last month" },
  { id: "this-week", label: "This week" },
  { id: "last-week", label: "Last week" },
  { id: "7d", label: "Last 7 days" },
  { id: "30d", label: "Last 30 days" },
  { id: "90d", label: "Last 90 days" },
] as const;
export type RangePresetId = (typeof RANGE_PRESETS)[number]["id"];
export type { DayRange } from "./date-range";

/** The calendar of a page when the organisation's is not known: months from the 1st, weeks from Monday. */
export const DEFAULT_CALENDAR = (timeZone: string): Calendar => ({ timeZone, monthStartDay: 1, weekStartsOn: 1 });

/** The range of a preset at `now`, in the calendar's zone. "This month/week" run through today (a partial period). */
export function presetRange(id: RangePresetId, now: Date, cal: Calendar): DayRange {
  const tomorrow = addDays(localDate(now, cal.timeZone), 1);
  switch (id) {
    case "7d":
    case "30d":
    case "90d":
      return lastDays(Number(id.slice(0, -1)), cal.timeZone, now);
    case "this-month":
    case "this-week": {
      const p = periodContaining(id === "this-month" ? "month" : "week", now, cal);
      return { from: p.from, to: tomorrow };
    }
    case "last-month":
    case "last-week": {
      const p = shiftPeriod(periodContaining(id === "last-month" ? "month" : "week", now, cal), -1, cal);
      return { from: p.from, to: p.to };
    }
  }
}

/**
 * Whether a preset names this range at `now`. Several can at once (on a Sunday with Monday weeks, "This week"
 * and "Last 7 days" are one range), so the picker asks per preset rather than for "the" preset.
 */
export function isPresetRange(id: RangePresetId, range: DayRange, now: Date, cal: Calendar): boolean {
  const r = presetRange(id, now, cal);
  return r.from === range.from && r.to === range.to;
}

/**
 * A date a person typed, if it is a complete, real calendar date (YYYY-MM-DD, year 2000-2099): Feb 30 and the
 * half-typed years a date field passes through ("0002-10-01") are not dates anyone means.
 */
export function completeDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2099) return null;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? value : null;
}
