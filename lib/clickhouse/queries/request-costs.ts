import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";
import { SCOPE_SQL, type ScopeParams } from "../fragments";

/**
 * Per-request cost, for the costly-request alert rule (lib/alerts/request-outliers.ts). A logical request is
 * its request_id (all attempts together), or the event alone when it has none; its time is its first attempt.
 * Reads raw usage_events: request identity is not in the rollups. Both queries are bounded by a date range
 * (the table's leading sort key) and the caller's team scope; feature "" (the rule's "every feature") means all.
 *
 * requestCostHistogramQuery: per feature and UTC day, how many requests fell in each bin of ln(cost) (bins a
 * quarter wide: `bin` = floor(4 · ln cost)), so any run of days can be merged into a baseline distribution.
 * costlyRequestsQuery: the requests of [from, to) costing at least `min_cost` (USD), costliest first, at most
 * `limit` per feature.
 * Units: money as decimal strings (Decimal(38, 9)); `at` as 'YYYY-MM-DD hh:mm:ss' UTC.
 */
const REQUESTS = `
  SELECT feature AS f, if(request_id != '', concat('r:', request_id), concat('e:', event_id)) AS rid,
         min(ts) AS at, sum(cost_usd) AS c, any(trace_id) AS tid, any(request_id) AS req, any(team) AS tm, count() AS n
  FROM usage_events
  WHERE ts >= toDateTime64({from:DateTime('UTC')}, 3, 'UTC') AND ts < toDateTime64({to:DateTime('UTC')}, 3, 'UTC')
    AND ${SCOPE_SQL} AND feature != '' AND ({feature:String} = '' OR feature = {feature:String})
  GROUP BY f, rid`;

type Params = { from: string; to: string; feature: string } & ScopeParams;

const HistRow = z.object({ feature: z.string(), day: z.string(), bin: z.coerce.number(), n: z.coerce.number() });
export type RequestCostHistRow = z.infer<typeof HistRow>;

export const requestCostHistogramQuery: QueryDef<Params, typeof HistRow> = {
  name: "request-cost-histogram",
  sql: `SELECT f AS feature, toString(toDate(at)) AS day, toInt32(floor(4 * log(toFloat64(c)))) AS bin, count() AS n
        FROM (${REQUESTS}) WHERE c > 0
        GROUP BY feature, day, bin`,
  row: HistRow,
};

const CostlyRow = z.object({ feature: z.string(), at: z.string(), cost_usd: z.string(), trace_id: z.string(), request_id: z.string(), team: z.string(), attempts: z.coerce.number() });
export type CostlyRequestRow = z.infer<typeof CostlyRow>;

export const costlyRequestsQuery: QueryDef<Params & { min_cost: string; limit: number }, typeof CostlyRow> = {
  name: "costly-requests",
  sql: `SELECT f AS feature, toString(toDateTime(at, 'UTC')) AS at, toString(c) AS cost_usd, tid AS trace_id, req AS request_id, tm AS team, n AS attempts
        FROM (${REQUESTS}) WHERE c >= toDecimal128({min_cost:String}, 9)
        ORDER BY c DESC LIMIT {limit:UInt32} BY feature`,
  row: CostlyRow,
};
