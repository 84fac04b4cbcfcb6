/** UTC calendar-day helpers shared by the overview and the explorer (ranges are [from, to), YYYY-MM-DD). */
export const DAY_MS = 86_400_000;

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last `days` whole UTC days, today included. */
export function lastDaysWindow(days: number, now: Date): { from: string; to: string } {
  const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
  return { from: isoDay(tomorrow - days * DAY_MS), to: isoDay(tomorrow) };
}
