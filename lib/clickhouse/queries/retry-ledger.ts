import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";

/**
 * SQL of the retry ledger (migration 0004, lib/clickhouse/retry-ledger.ts), by PRODUCT.md's definition: a
 * logical request is a request_id within one team (unattributed events: within their ingest key); its last
 * attempt is its greatest (attempt, ts, event_id); every other attempt is wasted. Every judgement reads all
 * stored attempts of the requests it judges, in any month: how far apart attempts are never matters.
 */
const LEDGER_COLUMNS =
  "event_id, request_id, ts, attempt, team, repo, feature, environment, service, customer, provider, model, status, service_tier, " +
  "pipeline_stage, user, work_item, pull_request, branch, trigger, error_type, session_id, batch, priced, cost_usd";

/** The logical request of an event (usage_events columns). */
export const REQUEST_KEY = "team, if(team = '', ingest_key_id, ''), request_id";

/**
 * The wasted attempts of the logical requests whose request_id is in `requestIds` (an SQL set), judged over
 * all their stored attempts. A request_id shared by several teams is judged per team: taking every team's
 * attempts of an id in is only a wider read, never a different verdict.
 */
const wastedAttempts = (requestIds: string, keep: string) => `
  SELECT ${LEDGER_COLUMNS}
  FROM (
    SELECT ${LEDGER_COLUMNS},
           argMax(event_id, (attempt, ts, event_id)) OVER (PARTITION BY ${REQUEST_KEY}) AS last_event_id
    FROM usage_events
    WHERE request_id != '' AND request_id IN ${requestIds}
  )
  WHERE event_id != last_event_id${keep}`;

/**
 * Adds the wasted attempts of these requests that the ledger lacks. Adding attempts to a request never
 * makes a wasted attempt the last one, so the incremental ledger only ever adds rows; whatever changes a
 * stored event's request, team or cost (a month rewrite) rebuilds the months concerned instead.
 */
export const INSERT_WASTED_ATTEMPTS = `
  INSERT INTO retry_waste (${LEDGER_COLUMNS})
  ${wastedAttempts("{ids:Array(String)}", "\n    AND event_id NOT IN (SELECT event_id FROM retry_waste WHERE request_id IN {ids:Array(String)})")}`;

// The wasted attempts that fall in these months, each request judged whole (whatever months it spans).
const wastedInMonths = wastedAttempts(
  "(SELECT request_id FROM usage_events WHERE toYYYYMM(ts) IN {months:Array(UInt32)} AND request_id != '')",
  "\n    AND toYYYYMM(ts) IN {months:Array(UInt32)}",
);

const LedgerTotal = z.object({ n: z.coerce.number(), cost: z.string() });

/** What one month of the ledger should hold (count and cost), for verifying the stored ledger. */
export const expectedLedgerMonth: QueryDef<{ months: number[] }, typeof LedgerTotal> = {
  name: "expected-ledger-month",
  sql: `SELECT count() AS n, toString(sum(cost_usd)) AS cost FROM (${wastedInMonths})`,
  row: LedgerTotal,
};

/** Rebuilds these months of the ledger into retry_waste_rewrite from usage_events (migration, month rewrites). */
export const REBUILD_MONTHS_INTO_STAGING = `
  INSERT INTO retry_waste_rewrite (${LEDGER_COLUMNS})
  ${wastedInMonths}`;

const Month = z.object({ m: z.coerce.number() });

/**
 * The other months holding attempts of a request that has an attempt in this month: a rewrite that moves
 * an event to another request (re-attribution changes its team) changes the verdicts there too.
 */
export const linkedMonths: QueryDef<{ month: number }, typeof Month> = {
  name: "retry-linked-months",
  sql: `SELECT DISTINCT toYYYYMM(ts) AS m FROM usage_events
        WHERE request_id != '' AND toYYYYMM(ts) != {month:UInt32}
          AND request_id IN (SELECT request_id FROM usage_events WHERE toYYYYMM(ts) = {month:UInt32} AND request_id != '')
        ORDER BY m`,
  row: Month,
};

/** Months holding events or ledger rows (a full rebuild covers both). */
export const ledgerMonths: QueryDef<Record<string, never>, typeof Month> = {
  name: "retry-ledger-months",
  sql: `SELECT DISTINCT m FROM (SELECT toYYYYMM(ts) AS m FROM usage_events UNION ALL SELECT toYYYYMM(ts) AS m FROM retry_waste) ORDER BY m`,
  row: Month,
};
