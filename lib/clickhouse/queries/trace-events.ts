import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";
import { SCOPE_SQL, type ScopeParams } from "../fragments";

/**
 * The events (billed call attempts) of one trace, found by its trace_id or by one of its request_ids, within
 * the caller's team scope. A request_id resolves to the trace of that request's earliest visible event, or,
 * when its events carry no trace_id, to just those events. Reads raw usage_events (spans are raw rows).
 *
 * Each branch filters one column so that its bloom-filter skip index (idx_trace_id, idx_request_id) prunes
 * granules: `trace_id = x OR request_id = x` in one WHERE would need both indexes to agree, which servers
 * before use_skip_indexes_for_disjunctions cannot do (a full scan). There is no time bound: a trace id says
 * nothing about its date.
 *
 * Out-of-scope events are never read (scope applies in every branch, the resolution included), so a lead
 * cannot reach another team's trace through a request of theirs, nor see its spans.
 * Rows come ordered by time; `row_limit` caps them (callers ask for one more than they show, to detect
 * truncation). Units: cost_usd a decimal string (Decimal(18, 9)); tokens decimal strings (UInt64);
 * ts_ms epoch milliseconds as a decimal string (Int64).
 */
const Row = z.object({
  event_id: z.string(),
  ts_ms: z.coerce.number(),
  trace_id: z.string(),
  span_id: z.string(),
  parent_span_id: z.string(),
  request_id: z.string(),
  attempt: z.coerce.number(),
  team: z.string(),
  service: z.string(),
  feature: z.string(),
  provider: z.string(),
  model: z.string(),
  status: z.string(),
  error_type: z.string(),
  input_tokens: z.coerce.number(),
  cache_read_tokens: z.coerce.number(),
  cache_write_tokens: z.coerce.number(),
  output_tokens: z.coerce.number(),
  reasoning_tokens: z.coerce.number(),
  cost_usd: z.string(),
  latency_ms: z.coerce.number().nullable(),
  priced: z.boolean(),
  session_id: z.string(),
  user: z.string(),
  work_item: z.string(),
  pull_request: z.string(),
  branch: z.string(),
  trigger: z.string(),
});
export type TraceEventRow = z.infer<typeof Row>;

const COLUMNS = `event_id, toUnixTimestamp64Milli(ts) AS ts_ms, trace_id, span_id, parent_span_id, request_id, attempt, team, service,
                 feature, provider, model, status, error_type, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens,
                 reasoning_tokens, cost_usd, latency_ms, priced, session_id, user, work_item, pull_request, branch, trigger`;

export const traceEvents: QueryDef<{ id: string; row_limit: number } & ScopeParams, typeof Row> = {
  name: "trace-events",
  sql: `WITH resolved AS (
          SELECT trace_id FROM usage_events
          WHERE request_id = {id:String} AND trace_id != '' AND ${SCOPE_SQL}
          ORDER BY ts LIMIT 1
        )
        SELECT * FROM (
          SELECT ${COLUMNS} FROM usage_events
          WHERE (trace_id = {id:String} OR trace_id IN resolved) AND ${SCOPE_SQL}
          UNION ALL
          SELECT ${COLUMNS} FROM usage_events
          WHERE request_id = {id:String} AND trace_id = '' AND ${SCOPE_SQL}
        )
        ORDER BY ts_ms, attempt, event_id
        LIMIT {row_limit:UInt32}`,
  row: Row,
};
