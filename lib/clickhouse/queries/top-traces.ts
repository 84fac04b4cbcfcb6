import "server-only";
import { z } from "zod";
import type { TeamScope } from "@/lib/auth/roles";
import { zoneDayStartUtc } from "@/lib/finops/date-range";
import { chQuery } from "../client";
import { dimensionFilters, SCOPE_SQL, scopeParams, type DimensionFilters } from "../fragments";

/**
 * The most expensive traces in [from, to) (days cut in tz) among those with at least one event matching the
 * dimension filters, within the caller's team scope. Ranked by the cost of the matching events (what the
 * explorer shows for the same filters), with each trace's whole cost beside it. Reads raw usage_events
 * (trace_id, span and retry columns are not in the rollup).
 *
 * Every figure counts the trace's events inside the range and scope only. The root is the earliest event
 * without a parent span, or the earliest event when the root is outside the scope. Retry waste is the
 * summary's: the cost of the trace's attempts that the retry ledger (retry_waste) holds as wasted, i.e. not
 * the last attempt of their logical request judged over all its stored attempts (PRODUCT.md).
 * Units: money as decimal strings (Decimal(38, 9)), counts as decimal strings (UInt64), start_ms epoch ms.
 */
const Row = z.object({
  tid: z.string(),
  matched_cost: z.string(),
  trace_cost: z.string(),
  waste_cost: z.string(),
  spans: z.coerce.number(),
  attempts: z.coerce.number(),
  start_ms: z.coerce.number(),
  root_service: z.string(),
  root_team: z.string(),
  root_feature: z.string(),
});
export type TopTraceRow = z.infer<typeof Row>;

export type TopTracesParams = { from: string; to: string; tz: string; filters: DimensionFilters; scope: TeamScope; limit: number };

export async function queryTopTraces(p: TopTracesParams): Promise<TopTraceRow[]> {
  const filters = dimensionFilters(p.filters);
  const root = (column: string) => `if(countIf(is_root) > 0, argMinIf(${column}, ts, is_root), argMin(${column}, ts))`;
  // Aliases differ from column names: ClickHouse resolves an alias before a column of the same name.
  const sql = `
    SELECT trace_id AS tid,
           sumIf(cost_usd, matched) AS matched_cost,
           sum(cost_usd) AS trace_cost,
           sumIf(cost_usd, wasted) AS waste_cost,
           uniqExact(if(request_id != '', concat('r:', request_id), if(span_id != '', concat('s:', span_id), concat('e:', event_id)))) AS spans,
           count() AS attempts,
           toUnixTimestamp64Milli(min(ts)) AS start_ms,
           ${root("service")} AS root_service,
           ${root("team")} AS root_team,
           ${root("feature")} AS root_feature
    FROM (
      SELECT trace_id, request_id, span_id, event_id, ts, cost_usd, service, team, feature,
             parent_span_id = '' AS is_root,
             (1 ${filters.sql}) AS matched,
             event_id IN (
               SELECT event_id FROM retry_waste
               WHERE ts >= toDateTime64({from:String}, 3, 'UTC') AND ts < toDateTime64({to:String}, 3, 'UTC') AND ${SCOPE_SQL}
             ) AS wasted
      FROM usage_events
      WHERE ts >= toDateTime64({from:String}, 3, 'UTC') AND ts < toDateTime64({to:String}, 3, 'UTC')
        AND trace_id != '' AND ${SCOPE_SQL}
    )
    GROUP BY tid
    HAVING countIf(matched) > 0
    ORDER BY matched_cost DESC, trace_cost DESC, tid
    LIMIT {limit:UInt32}`;
  return chQuery(
    { name: "top-traces", sql, row: Row },
    { from: zoneDayStartUtc(p.from, p.tz), to: zoneDayStartUtc(p.to, p.tz), limit: p.limit, ...scopeParams(p.scope), ...filters.params },
  );
}
