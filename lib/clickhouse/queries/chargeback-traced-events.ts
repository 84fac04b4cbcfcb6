import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";
import { CHARGE_FIELDS } from "./chargeback-spend";

/**
 * Chargeback, dual attribution: every event of every trace that has at least one event in the period and
 * involves more than one team (only there can the originating team differ from the executing one), one row
 * per event, the whole trace (a root that ran just before the period still names the originating team).
 * `in_period` marks the events the period is charged for. lib/finops/trace.ts decides each event's
 * originating team from the call graph, exactly as the trace view does.
 *
 * Reads raw usage_events (spans are raw rows); the trace_id bloom filter prunes the second pass. Not
 * restricted to a team scope (see chargeback-spend.ts). Units: cost_usd a decimal string (Decimal(18, 9)),
 * ts_ms epoch milliseconds.
 */
const Row = z.object({
  event_id: z.string(),
  ts_ms: z.coerce.number(),
  trace_id: z.string(),
  span_id: z.string(),
  parent_span_id: z.string(),
  request_id: z.string(),
  attempt: z.coerce.number(),
  ...CHARGE_FIELDS,
  in_period: z.coerce.number(),
});
export type ChargebackTracedRow = z.infer<typeof Row>;

export const chargebackTracedEvents: QueryDef<{ start: string; end: string; tz: string }, typeof Row> = {
  name: "chargeback-traced-events",
  sql: `SELECT event_id, toUnixTimestamp64Milli(ts) AS ts_ms, trace_id, span_id, parent_span_id, request_id, attempt,
               team, repo, feature, model, provider, environment, service,
               toString(toDate(ts, {tz:String})) AS day,
               toString(cost_usd) AS cost_usd,
               input_tokens + output_tokens AS tokens,
               (ts >= {start:DateTime64(3, 'UTC')} AND ts < {end:DateTime64(3, 'UTC')}) AS in_period
        FROM usage_events
        WHERE trace_id IN (
          SELECT trace_id FROM usage_events
          WHERE trace_id IN (
            SELECT DISTINCT trace_id FROM usage_events
            WHERE ts >= {start:DateTime64(3, 'UTC')} AND ts < {end:DateTime64(3, 'UTC')} AND trace_id != ''
          )
          GROUP BY trace_id
          HAVING uniqExact(team) > 1
        )
        ORDER BY trace_id, ts, event_id`,
  row: Row,
};
