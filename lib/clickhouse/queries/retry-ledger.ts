import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";

/**
 * SQL of the retry ledger (migration 0004, lib/clickhouse/retry-ledger.ts). The last attempt of a logical
 * request is its greatest (attempt, ts, event_id); every other attempt is wasted.
 */
const LEDGER_COLUMNS =
  "event_id, request_id, ts, attempt, team, repo, feature, environment, service, customer, provider, model, status, service_tier, " +
  "pipeline_stage, user, work_item, pull_request, branch, trigger, error_type, session_id, batch, priced, cost_usd";

/** Which of these request ids already have an attempt above 1 stored? */
export const retriedRequestIds: QueryDef<{ ids: string[] }, z.ZodObject<{ request_id: z.ZodString }>> = {
  name: "retried-request-ids",
  sql: `SELECT DISTINCT request_id FROM retried_requests WHERE request_id IN {ids:Array(String)}`,
  row: z.object({ request_id: z.string() }),
};

/** Attempts of the events matching `where` that are not their request's last, with every ledger column. */
const wastedAttempts = (where: string) => `
  SELECT ${LEDGER_COLUMNS}
  FROM (
    SELECT ${LEDGER_COLUMNS},
           argMax(event_id, (attempt, ts, event_id)) OVER (PARTITION BY request_id) AS last_event_id
    FROM usage_events
    WHERE ts >= {lo:DateTime64(3, 'UTC')} AND ts < {hi:DateTime64(3, 'UTC')} AND ${where}
  )
  WHERE event_id != last_event_id`;

/**
 * Adds the wasted attempts of these requests that the ledger lacks. Attempts are looked for within
 * [lo, hi): the caller widens its batch's time span by a day each way, which is how far apart two attempts
 * of one request may be and still be recognised as such.
 */
export const INSERT_WASTED_ATTEMPTS = `
  INSERT INTO retry_waste (${LEDGER_COLUMNS})
  ${wastedAttempts("request_id IN {ids:Array(String)}")}
    AND event_id NOT IN (SELECT event_id FROM retry_waste WHERE request_id IN {ids:Array(String)})`;

// The wasted attempts of one month, judged over the month and a day either side (a request crossing the
// month edge is judged whole). Only requests with more than one event in the window can have waste.
const wastedInMonth = `${wastedAttempts(`request_id IN (
      SELECT request_id FROM usage_events
      WHERE ts >= {lo:DateTime64(3, 'UTC')} AND ts < {hi:DateTime64(3, 'UTC')} AND request_id != ''
      GROUP BY request_id HAVING count() > 1)`)}
    AND toYYYYMM(ts) = {month:UInt32}`;

const LedgerTotal = z.object({ n: z.coerce.number(), cost: z.string() });

/** What one month of the ledger should hold (count and cost), for verifying the stored ledger. */
export const expectedLedgerMonth: QueryDef<{ lo: string; hi: string; month: number }, typeof LedgerTotal> = {
  name: "expected-ledger-month",
  sql: `SELECT count() AS n, toString(sum(cost_usd)) AS cost FROM (${wastedInMonth})`,
  row: LedgerTotal,
};

/**
 * Rebuilds one month of the ledger into retry_waste_rewrite from usage_events (backfill, month rewrites).
 */
export const REBUILD_MONTH_INTO_STAGING = `
  INSERT INTO retry_waste_rewrite (${LEDGER_COLUMNS})
  ${wastedInMonth}`;
