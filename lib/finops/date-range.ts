/** The zones the overview and the explorer offer (any IANA zone in the URL works too). */
export const TIME_ZONES = ["UTC", "America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Paris", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney"];

/** UTC calendar-day helpers shared by the overview and the explorer (ranges are [from, to), YYYY-MM-DD). */
export const DAY_MS = 86_400_000;

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last `days` whole UTC days, today included. */
export function lastDaysWindow(days: number, now: Date): { from: string; to: string } {
  const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
  return { from: isoDay(tomorrow - days * DAY_MS), to: isoDay(tomorrow) };
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

/** The calendar date of an instant in a zone ("YYYY-MM-DD"). */
export function localDate(at: Date, tz: string): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}
