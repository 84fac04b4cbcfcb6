import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";
import { BUDGET_FILTER_SQL, type BudgetFilterParams } from "./budget-filter";

/**
 * A budget's spend per local day (in the organisation's zone) in [from, to): the actuals of a budget
 * period and the history its forecast is fitted on. Reads raw usage_events: budgets filter on work_item and
 * ingest_key_id, which the rollups lack, and cut days in any zone. Units: total_cost_usd as a decimal string.
 */
const Row = z.object({ day: z.string(), total_cost_usd: z.string() });

export const budgetSpendDaily: QueryDef<{ from: string; to: string; tz: string } & BudgetFilterParams, typeof Row> = {
  name: "budget-spend-daily",
  sql: `SELECT toString(toDate(ts, {tz:String})) AS day, sum(cost_usd) AS total_cost_usd
        FROM usage_events
        WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')} AND ${BUDGET_FILTER_SQL}
        GROUP BY day
        ORDER BY day`,
  row: Row,
};
