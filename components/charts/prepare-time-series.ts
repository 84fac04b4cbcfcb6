import { formatDay, UNATTRIBUTED } from "@/lib/finops/format";
import { colorsFor, OTHER_COLOR } from "./series-colors";

/**
 * Chart rows from the timeseries API: one row per bucket with a number per series (`s0`, `s1`, …: group keys
 * may hold dots, which Recharts would read as paths). Heights need numbers; the exact values (decimal
 * strings for money) ride along for the tooltip, so no displayed amount comes from a float.
 */
export type TimePoint = { bucket: string; label: string; exact: (string | number | null)[]; total: string | number | null } & Record<`s${number}`, number | null>;
export type TimeSeriesDef = { dataKey: `s${number}`; name: string; color: string; isOther: boolean; isNone: boolean };
/** How the rest of the groups is named on screen (italic, so it never reads as a value called "Other"). */
export const OTHER_NAME = "All others";


/** "Nov 3" for a day bucket, "Nov 3 14:00" for an hour bucket ("YYYY-MM-DD HH:00"). */
export function bucketText(bucket: string): string {
  return bucket.length > 10 ? `${formatDay(bucket.slice(0, 10))} ${bucket.slice(11)}` : formatDay(bucket);
}

export function prepareTimeSeries(
  data: { buckets: string[]; totals: (string | number | null)[]; attempts: number[]; series: { key: string; kind?: "group" | "other"; values: (string | number | null)[]; attempts: number[] }[] },
  opts: { ratio: boolean; totalName: string; pinned?: Readonly<Record<string, string>> },
): { points: TimePoint[]; series: TimeSeriesDef[] } {
  const source = data.series.length ? data.series : [{ key: opts.totalName, kind: "group" as const, values: data.totals, attempts: data.attempts }];
  // The rest of the groups is known by its flag (kind "other"), never by its key: a real "(other)" is a group.
  const groupColors = colorsFor(source.filter((s) => s.kind !== "other").map((s) => s.key), undefined, opts.pinned);
  let g = 0;
  const series = source.map((s, i): TimeSeriesDef => ({
    dataKey: `s${i}`,
    name: s.kind === "other" ? OTHER_NAME : s.key === "" ? UNATTRIBUTED : s.key,
    color: s.kind === "other" ? OTHER_COLOR : groupColors[g++],
    isOther: s.kind === "other",
    isNone: s.kind !== "other" && s.key === "",
  }));
  const points = data.buckets.map((bucket, b) => {
    const point: TimePoint = { bucket, label: bucketText(bucket), exact: source.map((s) => s.values[b]), total: data.totals[b] };
    source.forEach((s, i) => {
      const v = s.values[b];
      // A ratio over a bucket where nothing ran, or an undefined one (retry amplification where no request
      // ends), is no reading: a gap, not a dive to zero.
      point[`s${i}`] = v === null || (opts.ratio && s.attempts[b] === 0) ? null : Number(v);
    });
    return point;
  });
  return { points, series };
}
