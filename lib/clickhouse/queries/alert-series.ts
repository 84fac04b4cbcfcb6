import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";
import { SCOPE_SQL, type ScopeParams } from "../fragments";

/**
 * The series anomaly rules watch: per bucket (UTC hour or UTC day) and per value of one scope dimension
 * (or the whole organisation), the sums every alert metric is a ratio of. Reads the rollups (usage_hourly
 * for hours, usage_daily for days) plus the retry ledger (retry_waste: wasted attempts and their cost, so
 * logical requests = attempts − wasted attempts), never raw events. Restricted to the caller's team scope.
 * Units: money as decimal strings (Decimal(38, 9)); tokens and attempts as counts; `teams` = the teams with
 * usage in that bucket (at most 10), which decides who may see an alert on the series.
 */
const Row = z.object({
  bucket: z.string(),
  scope_value: z.string(),
  cost_usd: z.string(),
  attempts_n: z.coerce.number(),
  wasted_n: z.coerce.number(),
  retry_waste_usd: z.string(),
  input_n: z.coerce.number(),
  cache_read_n: z.coerce.number(),
  output_n: z.coerce.number(),
  reasoning_n: z.coerce.number(),
  reasoning_cost_usd: z.string(),
  cancellation_waste_usd: z.string(),
  teams: z.array(z.string()),
});
export type AlertSeriesRow = z.infer<typeof Row>;

/** Dimensions a rule may be scoped to (identifier whitelist: API name → column). */
export const ALERT_SCOPE_COLUMNS = { org: "''", team: "team", repo: "repo", feature: "feature", model: "model", customer: "customer", service: "service" } as const;
export type AlertScopeType = keyof typeof ALERT_SCOPE_COLUMNS;

type Params = { from: string; to: string; scope_value: string; parent_value?: string } & ScopeParams;

/**
 * scope_value "" = every value of the dimension (one series each); otherwise only that value.
 * `parent`: only the usage of one value (`parent_value`) of another dimension, e.g. each team's series within
 * service=rag-api (the sibling series an alert's outlier annotation compares; org = no restriction).
 */
export function alertSeriesQuery(scopeType: AlertScopeType, grain: "hour" | "day", parent?: AlertScopeType): QueryDef<Params, typeof Row> {
  const col = ALERT_SCOPE_COLUMNS[scopeType];
  const within = parent && parent !== "org" ? ` AND ${ALERT_SCOPE_COLUMNS[parent]} = {parent_value:String}` : "";
  const rollup = grain === "hour" ? { table: "usage_hourly", time: "hour", bucket: "hour" } : { table: "usage_daily", time: "day", bucket: "toDateTime(day, 'UTC')" };
  const ledgerBucket = grain === "hour" ? "toStartOfHour(ts)" : "toDateTime(toDate(ts), 'UTC')";
  const only = scopeType === "org" ? "" : `AND ({scope_value:String} = '' OR ${col} = {scope_value:String})`;
  return {
    name: `alert-series-${scopeType}-${grain}${within ? `-in-${parent}` : ""}`,
    sql: `SELECT toString(b) AS bucket, sv AS scope_value,
                 toString(sum(c)) AS cost_usd, sum(a) AS attempts_n, sum(w) AS wasted_n, toString(sum(wc)) AS retry_waste_usd,
                 sum(inp) AS input_n, sum(cr) AS cache_read_n, sum(outp) AS output_n, sum(rs) AS reasoning_n,
                 toString(sum(rc)) AS reasoning_cost_usd, toString(sum(cw)) AS cancellation_waste_usd,
                 groupUniqArray(10)(tm) AS teams
          FROM (
            SELECT ${rollup.bucket} AS b, ${col} AS sv, team AS tm, cost_usd AS c, attempts AS a, toUInt64(0) AS w, toDecimal128(0, 9) AS wc,
                   input_tokens AS inp, cache_read_tokens AS cr, output_tokens AS outp, reasoning_tokens AS rs,
                   reasoning_cost_usd AS rc, cancellation_waste_usd AS cw
            FROM ${rollup.table}
            WHERE ${rollup.time} >= toDateTime({from:DateTime('UTC')}, 'UTC') AND ${rollup.time} < toDateTime({to:DateTime('UTC')}, 'UTC') AND ${SCOPE_SQL} ${only}${within}
            UNION ALL
            SELECT ${ledgerBucket} AS b, ${col} AS sv, team AS tm, toDecimal128(0, 9), toUInt64(0), toUInt64(1), toDecimal128(cost_usd, 9),
                   toUInt64(0), toUInt64(0), toUInt64(0), toUInt64(0), toDecimal128(0, 9), toDecimal128(0, 9)
            FROM retry_waste
            WHERE ts >= {from:DateTime('UTC')} AND ts < {to:DateTime('UTC')} AND ${SCOPE_SQL} ${only}${within}
          )
          GROUP BY b, sv
          ORDER BY sv, b`,
    row: Row,
  };
}
