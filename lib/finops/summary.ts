import { ApiError } from "@/lib/api/errors";
import type { TeamScope } from "@/lib/auth/roles";
import { DIMENSION_NAMES, type Dimension, type DimensionFilters } from "@/lib/clickhouse/fragments";
import { querySummary, type SummaryRow } from "@/lib/clickhouse/queries/summary";
import type { SummaryMeasures, SummaryResponse } from "@/lib/schemas/summary";
import { toStored } from "./money";

/**
 * The summary every other tool can rely on (PRODUCT.md definitions):
 * cache hit rate = Σ cache_read / Σ input; retry amplification = attempts / logical requests;
 * reasoning share = Σ reasoning / Σ output. A ratio with a zero denominator is 0.
 */
const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den);

export function toMeasures(r: SummaryRow): SummaryMeasures {
  const n = (v: string) => Number(v);
  return {
    cost_usd: toStored(r.cost_usd),
    input_tokens: n(r.input_tokens),
    cache_read_tokens: n(r.cache_read_tokens),
    cache_write_tokens: n(r.cache_write_tokens),
    output_tokens: n(r.output_tokens),
    reasoning_tokens: n(r.reasoning_tokens),
    requests: n(r.requests),
    attempts: n(r.attempts),
    cache_hit_rate: ratio(n(r.cache_read_tokens), n(r.input_tokens)),
    cache_savings_usd: toStored(r.cache_savings_usd),
    retry_amplification: ratio(n(r.attempts), n(r.requests)),
    retry_waste_usd: toStored(r.retry_waste_usd),
    reasoning_share: ratio(n(r.reasoning_tokens), n(r.output_tokens)),
    reasoning_cost_usd: toStored(r.reasoning_cost_usd),
    cancellation_waste_usd: toStored(r.cancellation_waste_usd),
    cancelled_spend_usd: toStored(r.cancelled_spend_usd),
    unattributed_usd: toStored(r.unattributed_usd),
    unpriced_events: n(r.unpriced_events),
  };
}

const EMPTY: SummaryRow = {
  key: "", cost_usd: "0", input_tokens: "0", cache_read_tokens: "0", cache_write_tokens: "0", output_tokens: "0", reasoning_tokens: "0",
  requests: "0", attempts: "0", cache_savings_usd: "0", retry_waste_usd: "0", reasoning_cost_usd: "0", cancellation_waste_usd: "0",
  cancelled_spend_usd: "0", unattributed_usd: "0", unpriced_events: "0",
};

/**
 * Dimension filters from a query string: `DIM=VALUE` includes, `exclude_DIM=VALUE` excludes, each repeatable.
 * An unknown parameter is an error, not silently ignored.
 */
export function parseDimensionFilters(params: URLSearchParams, known: readonly string[]): DimensionFilters {
  const filters: DimensionFilters = { include: {}, exclude: {} };
  const unknown: string[] = [];
  const isDim = (n: string): n is Dimension => (DIMENSION_NAMES as string[]).includes(n);
  for (const name of new Set(params.keys())) {
    if (known.includes(name)) continue;
    const excluded = name.startsWith("exclude_") ? name.slice("exclude_".length) : null;
    if (isDim(name)) filters.include[name] = params.getAll(name);
    else if (excluded !== null && isDim(excluded)) filters.exclude[excluded] = params.getAll(name);
    else unknown.push(name);
  }
  if (unknown.length) throw new ApiError("bad_request", `Unknown parameter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")} (dimensions: ${DIMENSION_NAMES.join(", ")})`);
  return filters;
}

export async function getSummary(q: { from: string; to: string; tz: string; group_by?: string; filters: DimensionFilters; scope: TeamScope }): Promise<SummaryResponse> {
  const base = { from: q.from, to: q.to, tz: q.tz, filters: q.filters, scope: q.scope };
  const [totalRows, groupRows] = await Promise.all([
    querySummary({ ...base, groupBy: null }),
    q.group_by ? querySummary({ ...base, groupBy: q.group_by as Dimension }) : Promise.resolve([]),
  ]);
  return {
    from: q.from,
    to: q.to,
    tz: q.tz,
    group_by: q.group_by ?? null,
    total: toMeasures(totalRows[0] ?? EMPTY),
    groups: groupRows.map((r) => ({ key: r.key, ...toMeasures(r) })),
  };
}
