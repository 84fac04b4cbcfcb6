import type { Dimension } from "@/lib/dimensions";
import type { MeasureSums, MeasuresRow } from "@/lib/clickhouse/queries/measures";
import { OTHER_KEY } from "@/lib/schemas/overview";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import { DAY_MS, isoDay } from "./date-range";
import { formatScaled, parseScaled } from "./fixed-point";
import { EMPTY_SUMS, measureOf, MONEY_MEASURES, toMeasures } from "./measures";
import { MONEY_SCALE } from "./money";

/** Time buckets and stacked series built from measures rows (shared by the overview and the explorer chart). */

const nanos = (v: string) => parseScaled(v, MONEY_SCALE) ?? 0n;

/** Adds stored sums exactly: money as 10^-9 units, counts as integers (BigInt both: a chart adds thousands). */
function addSums(a: MeasureSums, b: MeasureSums): MeasureSums {
  const out = { ...a };
  for (const k of Object.keys(a) as (keyof MeasureSums)[]) {
    out[k] = MONEY_MEASURES.has(k) ? formatScaled(nanos(a[k]) + nanos(b[k]), MONEY_SCALE) : (BigInt(a[k]) + BigInt(b[k])).toString();
  }
  return out;
}

/** Every bucket label of [from, to) in a zone, in order: "YYYY-MM-DD" days or "YYYY-MM-DD HH:00" hours. */
export function bucketLabels(bucket: "hour" | "day", from: string, to: string, tz: string): string[] {
  if (bucket === "day") {
    const out: string[] = [];
    for (let t = Date.parse(`${from}T00:00:00Z`); t < Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(isoDay(t));
    return out;
  }
  const fmt = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" });
  const label = (t: number) => {
    const p = Object.fromEntries(fmt.formatToParts(t).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:00`;
  };
  // Local midnights can sit 14 hours either side of UTC's: walk a wide span and keep the labels inside.
  const out = new Set<string>();
  for (let t = Date.parse(`${from}T00:00:00Z`) - 15 * 3600_000; t < Date.parse(`${to}T00:00:00Z`) + 15 * 3600_000; t += 1800_000) {
    const l = label(t);
    if (l >= `${from} 00:00` && l < `${to} 00:00`) out.add(l);
  }
  return [...out].sort();
}

export type MetricId = keyof SummaryMeasures;
export type Series = { key: string; kind: "group" | "other"; total: SummaryMeasures; values: (string | number | null)[]; attempts: number[] };

/**
 * Stacks: the `top` groups by `metric` over the whole range, each with the metric's value per bucket, and
 * the rest summed into one "(other)" series (sums first, ratios after), so a stack of a summed metric adds
 * up to the bucket totals exactly.
 */
export function stackSeries(opts: {
  labels: string[];
  byBucketAndKey: MeasuresRow[];
  byKey: MeasuresRow[];
  dim: Dimension;
  metric: MetricId;
  top: number;
}): Series[] {
  const keyOf = (r: MeasuresRow) => r.keys[opts.dim] ?? "";
  const ranked = opts.byKey.map((r) => ({ key: keyOf(r), sums: r.sums })).sort((a, b) => Number(measureOf(b.sums, opts.metric)) - Number(measureOf(a.sums, opts.metric)) || a.key.localeCompare(b.key));
  const kept = ranked.slice(0, opts.top);
  const rest = ranked.slice(opts.top);
  const keptKeys = new Set(kept.map((k) => k.key));
  const index = new Map(opts.labels.map((l, i) => [l, i]));
  // Kept groups by their key; the rest in a cell row of its own, so a real value "(other)" never meets it.
  const grid = new Map<string, MeasureSums[]>(kept.map((k) => [k.key, opts.labels.map(() => EMPTY_SUMS)]));
  const otherRow = opts.labels.map(() => EMPTY_SUMS);
  for (const r of opts.byBucketAndKey) {
    const i = index.get(r.bucket);
    if (i === undefined) continue;
    const row = keptKeys.has(keyOf(r)) ? grid.get(keyOf(r))! : otherRow;
    // A kept group has one row per bucket: only the rest's cells need adding.
    row[i] = row[i] === EMPTY_SUMS ? r.sums : addSums(row[i], r.sums);
  }
  const series = (key: string, kind: Series["kind"], total: MeasureSums, points: MeasureSums[]): Series => ({
    key,
    kind,
    total: toMeasures(total),
    values: points.map((p) => measureOf(p, opts.metric)),
    attempts: points.map((p) => Number(p.attempts)),
  });
  const out = kept.map((k) => series(k.key, "group", k.sums, grid.get(k.key)!));
  if (rest.length) out.push(series(OTHER_KEY, "other", rest.reduce((a, r) => addSums(a, r.sums), EMPTY_SUMS), otherRow));
  return out;
}
