import type { TeamScope } from "@/lib/auth/roles";
import { DIMENSION_NAMES, type Dimension, type DimensionFilters } from "@/lib/clickhouse/fragments";
import { queryMeasures, ROLLUP_DIMENSIONS, type GroupKey, type MeasureSums, type MeasuresRow, type Source } from "@/lib/clickhouse/queries/measures";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import { utcDays, wholeHourDays } from "./date-range";
import { formatScaled, parseScaled } from "./fixed-point";
import { MONEY_SCALE, toStored } from "./money";

/**
 * PRODUCT.md measures from stored sums:
 * cache hit rate = Σ cache_read / Σ input; retry amplification = attempts / logical requests;
 * reasoning share = Σ reasoning / Σ output. A ratio with a zero denominator is 0.
 */
const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den);

const n = (v: string) => Number(v);
const RATIOS = {
  cache_hit_rate: (r: MeasureSums) => ratio(n(r.cache_read_tokens), n(r.input_tokens)),
  retry_amplification: (r: MeasureSums) => ratio(n(r.attempts), n(r.requests)),
  reasoning_share: (r: MeasureSums) => ratio(n(r.reasoning_tokens), n(r.output_tokens)),
};
/** The measures that are money (decimal strings); the others are counts or ratios. */
export const MONEY_MEASURES = new Set<keyof SummaryMeasures>(["cost_usd", "cache_savings_usd", "retry_waste_usd", "reasoning_cost_usd", "cancellation_waste_usd", "cancelled_spend_usd", "unattributed_usd"]);

/** One measure of stored sums, as toMeasures would give it (without building the other seventeen). */
export function measureOf(r: MeasureSums, id: keyof SummaryMeasures): string | number {
  if (id in RATIOS) return RATIOS[id as keyof typeof RATIOS](r);
  const v = r[id as keyof MeasureSums];
  return MONEY_MEASURES.has(id) ? formatScaled(parseScaled(v, MONEY_SCALE) ?? 0n, MONEY_SCALE) : n(v);
}

export function toMeasures(r: MeasureSums): SummaryMeasures {
  return {
    cost_usd: toStored(r.cost_usd),
    input_tokens: n(r.input_tokens),
    cache_read_tokens: n(r.cache_read_tokens),
    cache_write_tokens: n(r.cache_write_tokens),
    output_tokens: n(r.output_tokens),
    reasoning_tokens: n(r.reasoning_tokens),
    requests: n(r.requests),
    attempts: n(r.attempts),
    cache_hit_rate: RATIOS.cache_hit_rate(r),
    cache_savings_usd: toStored(r.cache_savings_usd),
    retry_amplification: RATIOS.retry_amplification(r),
    retry_waste_usd: toStored(r.retry_waste_usd),
    reasoning_share: RATIOS.reasoning_share(r),
    reasoning_cost_usd: toStored(r.reasoning_cost_usd),
    cancellation_waste_usd: toStored(r.cancellation_waste_usd),
    cancelled_spend_usd: toStored(r.cancelled_spend_usd),
    unattributed_usd: toStored(r.unattributed_usd),
    unpriced_events: n(r.unpriced_events),
  };
}

export const EMPTY_SUMS: MeasureSums = {
  cost_usd: "0", input_tokens: "0", cache_read_tokens: "0", cache_write_tokens: "0", output_tokens: "0", reasoning_tokens: "0",
  requests: "0", attempts: "0", cache_savings_usd: "0", retry_waste_usd: "0", reasoning_cost_usd: "0", cancellation_waste_usd: "0",
  cancelled_spend_usd: "0", unattributed_usd: "0", unpriced_events: "0",
};

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
  costOnly?: boolean;
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
