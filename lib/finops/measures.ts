import type { TeamScope } from "@/lib/auth/roles";
import { DIMENSION_NAMES, type Dimension, type DimensionFilters } from "@/lib/clickhouse/fragments";
import { EMPTY_SUMS, queryMeasures, ROLLUP_DIMENSIONS, type GroupKey, type MeasureSums, type MeasuresRow, type Source } from "@/lib/clickhouse/queries/measures";
import { MEASURES, measureDef, MONEY_MEASURES, type RatioMeasureDef, type SummedMeasureId } from "@/lib/measures/registry";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import { utcDays, wholeHourDays } from "./date-range";
import { formatScaled, parseScaled } from "./fixed-point";
import { MONEY_SCALE, toStored } from "./money";

/**
 * PRODUCT.md measures from stored sums (lib/measures/registry.ts): money and counts as summed, ratios as the
 * registry's numerator over denominator (cache hit rate = Σ cache_read / Σ input; retry amplification =
 * attempts / logical requests; reasoning share = Σ reasoning / Σ output). A ratio with a zero denominator is 0,
 * except one the contract leaves undefined there (retry amplification of attempts no request ends in): null.
 */
function ratioOf(m: RatioMeasureDef<SummedMeasureId>, r: MeasureSums): number | null {
  const num = n(r[m.ratio.num]);
  const den = n(r[m.ratio.den]);
  if (den !== 0) return num / den;
  return m.undefinedWithoutDen && num > 0 ? null : 0;
}

const n = (v: string) => Number(v);
/** The measures that are money (decimal strings); the others are counts or ratios. */
export { MONEY_MEASURES };

/** One measure of stored sums, as toMeasures would give it (without building the other seventeen). */
export function measureOf(r: MeasureSums, id: keyof SummaryMeasures): string | number | null {
  const m = measureDef(id);
  if (m.kind === "ratio") return ratioOf(m, r);
  const v = r[m.id as SummedMeasureId];
  return m.kind === "money" ? formatScaled(parseScaled(v, MONEY_SCALE) ?? 0n, MONEY_SCALE) : n(v);
}

/** Every measure of stored sums, in registry (API) order: money as 9-decimal strings, counts as numbers. */
export function toMeasures(r: MeasureSums): SummaryMeasures {
  const out: Record<string, string | number | null> = {};
  for (const m of MEASURES) {
    if (m.kind === "ratio") out[m.id] = ratioOf(m, r);
    else out[m.id] = m.kind === "money" ? toStored(r[m.id as SummedMeasureId]) : n(r[m.id as SummedMeasureId]);
  }
  return out as SummaryMeasures;
}

export { EMPTY_SUMS };

export type MeasuresRequest = {
  from: string;
  to: string;
  /** An end instant before `to` (see MeasuresSpec.until). */
  until?: string;
  tz: string;
  bucket: "hour" | "day" | null;
  sets: GroupKey[][];
  filters: DimensionFilters;
  scope: TeamScope;
  /** Only these stored sums (see MeasuresSpec.only). */
  only?: readonly SummedMeasureId[];
};

/**
 * Where a question is answered: a rollup when it holds every dimension asked about, the daily one when days
 * are UTC days (no hourly buckets, zone at UTC+0 over the range), the hourly one when the zone's days start
 * on whole UTC hours; raw events otherwise (e.g. pipeline_stage, or Asia/Kolkata at +05:30).
 */
export function pickSource(r: MeasuresRequest): Source {
  const used = new Set<Dimension>();
  for (const k of r.sets.flat()) if (k !== "bucket") used.add(k);
  for (const d of DIMENSION_NAMES) if (r.filters.include[d]?.length || r.filters.exclude[d]?.length) used.add(d);
  if (![...used].every((d) => ROLLUP_DIMENSIONS.has(d))) return "raw";
  if (r.bucket !== "hour" && !r.until && utcDays(r.tz, r.from, r.to)) return "daily";
  return wholeHourDays(r.tz, r.from, r.to) ? "hourly" : "raw";
}

export function measures(r: MeasuresRequest): Promise<MeasuresRow[]> {
  return queryMeasures({ ...r, source: pickSource(r) });
}
