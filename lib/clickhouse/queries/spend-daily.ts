import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";
import { SCOPE_SQL, type ScopeParams } from "../fragments";

/**
 * Spend per UTC day and team in [from, to), within the caller's team scope. Reads the usage_hourly rollup
 * (no raw-only filters).
 * Aliases differ from column names: ClickHouse resolves an alias before a column of the same name.
 * Units: total_cost_usd as a decimal string (Decimal(38, 9)), attempts = billed call attempts.
 */
const Row = z.object({
  day: z.string(),
  team: z.string(),
  total_cost_usd: z.string(),
  total_attempts: z.coerce.number(),
  unpriced_attempts: z.coerce.number(),
});

export const spendDaily: QueryDef<{ from: string; to: string } & ScopeParams, typeof Row> = {
  name: "spend-daily",
  sql: `SELECT toString(toDate(hour)) AS day,
               team,
               sum(cost_usd) AS total_cost_usd,
               sum(attempts) AS total_attempts,
               sumIf(attempts, NOT priced) AS unpriced_attempts
        FROM usage_hourly
        WHERE hour >= {from:DateTime('UTC')} AND hour < {to:DateTime('UTC')} AND ${SCOPE_SQL}
        GROUP BY day, team
        ORDER BY day, team`,
  row: Row,
};
