import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";
import { SCOPE_SQL, type ScopeParams } from "../fragments";

/**
 * Spend per local day (organisation zone) and value of one forecastable dimension, in [from, to), within
 * the caller's team scope: the histories the forecasts page fits, one query for every value at once.
 * Raw usage_events because days are cut in any zone. The dimension is chosen by a bound enum, never spliced.
 * Units: total_cost_usd as a decimal string.
 */
const Row = z.object({ value: z.string(), day: z.string(), total_cost_usd: z.string() });
export type ForecastDimension = "team" | "repo" | "feature";

export const spendDailyByValue: QueryDef<{ from: string; to: string; tz: string; dim: ForecastDimension } & ScopeParams, typeof Row> = {
  name: "spend-daily-by-value",
  sql: `SELECT multiIf({dim:String} = 'team', team, {dim:String} = 'repo', repo, feature) AS value,
               toString(toDate(ts, {tz:String})) AS day, sum(cost_usd) AS total_cost_usd
        FROM usage_events
        WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')} AND ${SCOPE_SQL}
        GROUP BY value, day
        ORDER BY value, day`,
  row: Row,
};
