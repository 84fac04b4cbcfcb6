import { z } from "zod";
import { chQuery } from "../client";
import { DIMENSIONS, dimensionFilters, SCOPE_SQL, scopeParams, type Dimension, type DimensionFilters } from "../fragments";
import type { TeamScope } from "@/lib/auth/roles";

/**
 * Every summary measure (PRODUCT.md definitions) for [from, to) in a time zone, optionally grouped by one
 * dimension and filtered by any. Reads raw usage_events: logical requests (distinct request_id, an event
 * without one being its own request) and retry waste (cost of attempts below their request's last attempt)
 * need per-request analysis that the hourly rollup cannot give. The last attempt of a request is found over
 * the whole time range and scope, before dimension filters, so filtering by status=error still counts those
 * attempts as waste. Money as decimal strings; counts as decimal strings (UInt64).
 */
const Row = z.object({
  key: z.string(),
  cost_usd: z.string(),
  input_tokens: z.string(),
  cache_read_tokens: z.string(),
  cache_write_tokens: z.string(),
  output_tokens: z.string(),
  reasoning_tokens: z.string(),
  requests: z.string(),
  attempts: z.string(),
  cache_savings_usd: z.string(),
  retry_waste_usd: z.string(),
  reasoning_cost_usd: z.string(),
  cancellation_waste_usd: z.string(),
  cancelled_spend_usd: z.string(),
  unattributed_usd: z.string(),
  unpriced_events: z.string(),
});
export type SummaryRow = z.infer<typeof Row>;
const PrefixedRow = z
  .record(z.string(), z.string())
  .transform((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.replace(/^s_/, ""), v])))
  .pipe(Row);

export type SummaryParams = {
  from: string;
  to: string;
  tz: string;
  groupBy: Dimension | null;
  filters: DimensionFilters;
  scope: TeamScope;
};

export async function querySummary(p: SummaryParams): Promise<SummaryRow[]> {
  const keyExpr = p.groupBy ? DIMENSIONS[p.groupBy] : "''";
  const filters = dimensionFilters(p.filters);
  const sql = `
    SELECT ${keyExpr} AS key,
           toString(sum(cost_usd)) AS s_cost_usd,
           toString(sum(input_tokens)) AS s_input_tokens,
           toString(sum(cache_read_tokens)) AS s_cache_read_tokens,
           toString(sum(cache_write_tokens)) AS s_cache_write_tokens,
           toString(sum(output_tokens)) AS s_output_tokens,
           toString(sum(reasoning_tokens)) AS s_reasoning_tokens,
           toString(uniqExact(if(request_id = '', concat('event:', event_id), concat('request:', request_id)))) AS s_requests,
           toString(count()) AS s_attempts,
           toString(sum(cache_savings_usd)) AS s_cache_savings_usd,
           toString(sumIf(cost_usd, request_id != '' AND attempt < last_attempt)) AS s_retry_waste_usd,
           toString(sum(reasoning_cost_usd)) AS s_reasoning_cost_usd,
           toString(sum(cancellation_waste_usd)) AS s_cancellation_waste_usd,
           toString(sumIf(cost_usd, status = 'cancelled')) AS s_cancelled_spend_usd,
           toString(sumIf(cost_usd, team = '')) AS s_unattributed_usd,
           toString(countIf(NOT priced)) AS s_unpriced_events
    FROM (
      SELECT *, max(attempt) OVER (PARTITION BY request_id) AS last_attempt
      FROM usage_events
      WHERE ts >= toDateTime64({from:String}, 3, {tz:String}) AND ts < toDateTime64({to:String}, 3, {tz:String})
        AND ${SCOPE_SQL}
    )
    WHERE 1 ${filters.sql}
    GROUP BY key
    ORDER BY sum(cost_usd) DESC, key`;
  // Aliases carry an s_ prefix: ClickHouse resolves an alias before a column of the same name.
  return chQuery({ name: "summary", sql, row: PrefixedRow }, { from: `${p.from} 00:00:00`, to: `${p.to} 00:00:00`, tz: p.tz, ...scopeParams(p.scope), ...filters.params });
}
