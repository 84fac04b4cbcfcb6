import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";

/**
 * Attempts and cost per month in each table that holds them: raw events, both rollups and the retry
 * ledger. The store is consistent when the rollups equal the raw events month by month and the ledger
 * equals what the raw events imply (queries/retry-ledger.ts expectedLedgerMonth). Read by
 * lib/clickhouse/verify-store.ts; money as decimal strings.
 */
const Row = z.object({ m: z.coerce.number(), n: z.coerce.number(), cost: z.string() });
type Def = QueryDef<Record<string, never>, typeof Row>;

export const eventsByMonth: Def = { name: "month-totals-events", sql: "SELECT toYYYYMM(ts) AS m, count() AS n, toString(sum(cost_usd)) AS cost FROM usage_events GROUP BY m ORDER BY m", row: Row };
export const hourlyByMonth: Def = { name: "month-totals-hourly", sql: "SELECT toYYYYMM(hour) AS m, sum(attempts) AS n, toString(sum(cost_usd)) AS cost FROM usage_hourly GROUP BY m ORDER BY m", row: Row };
export const dailyByMonth: Def = { name: "month-totals-daily", sql: "SELECT toYYYYMM(day) AS m, sum(attempts) AS n, toString(sum(cost_usd)) AS cost FROM usage_daily GROUP BY m ORDER BY m", row: Row };
export const ledgerByMonth: Def = { name: "month-totals-ledger", sql: "SELECT toYYYYMM(ts) AS m, count() AS n, toString(sum(cost_usd)) AS cost FROM retry_waste GROUP BY m ORDER BY m", row: Row };
