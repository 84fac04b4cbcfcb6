import { NotFoundError } from "@/lib/errors";
import type { TeamScope } from "@/lib/auth/roles";
import { chQuery } from "@/lib/clickhouse/client";
import { scopeParams, type DimensionFilters } from "@/lib/clickhouse/fragments";
import { queryTopTraces } from "@/lib/clickhouse/queries/top-traces";
import { traceEvents } from "@/lib/clickhouse/queries/trace-events";
import { wastedAttempts } from "@/lib/clickhouse/queries/wasted-attempts";
import type { TopTracesResponse, TraceResponse } from "@/lib/schemas/trace";
import { toStored } from "./money";
import { buildTrace } from "./trace";
import { traceContext } from "./trace-context";

/**
 * Trace look-ups for the API: one trace by trace_id or request_id, and the most expensive traces of a range.
 * Both read only the caller's teams' events. Spans of other teams are hidden entirely, not greyed out: their
 * services, models and costs are those teams' business. A visible span whose parent is hidden becomes an
 * orphan root, and its subtree is originated by its own root team as far as the caller can see.
 */

/** Beyond this many events a trace is shown truncated (earliest first): a runaway agent can make thousands. */
export const TRACE_EVENT_LIMIT = 5000;

export async function getTrace(q: { id: string; scope: TeamScope; limit?: number }): Promise<TraceResponse> {
  const limit = q.limit ?? TRACE_EVENT_LIMIT;
  const rows = await chQuery(traceEvents, { id: q.id, row_limit: limit + 1, ...scopeParams(q.scope) });
  if (rows.length === 0) {
    const where = q.scope.all ? "" : " in your teams' usage";
    throw new NotFoundError(`No trace or request with the id "${q.id}"${where}. Check the id: a trace_id or a request_id, as sent with the events.`);
  }
  const shown = rows.slice(0, limit);
  // Wasted or not is the retry ledger's verdict (the summary's), over every stored attempt of the request.
  const requestIds = [...new Set(shown.map((e) => e.request_id).filter(Boolean))];
  const wasted = new Set(
    requestIds.length ? (await chQuery(wastedAttempts, { request_ids: requestIds, event_ids: shown.filter((e) => e.request_id).map((e) => e.event_id) })).map((r) => r.event_id) : [],
  );
  const events = shown.map((e) => ({ ...e, wasted: wasted.has(e.event_id) }));
  const graph = buildTrace(events);
  return {
    id: q.id,
    found_by: events.some((e) => e.trace_id === q.id) ? "trace_id" : "request_id",
    ...graph,
    context: traceContext(events),
    truncated: rows.length > limit,
    event_limit: limit,
  };
}

export async function getTopTraces(q: { from: string; to: string; tz: string; limit: number; filters: DimensionFilters; scope: TeamScope }): Promise<TopTracesResponse> {
  const rows = await queryTopTraces(q);
  return {
    from: q.from,
    to: q.to,
    tz: q.tz,
    limit: q.limit,
    traces: rows.map((r) => ({
      trace_id: r.tid,
      root_service: r.root_service,
      root_team: r.root_team,
      root_feature: r.root_feature,
      spans: r.spans,
      attempts: r.attempts,
      matched_cost_usd: toStored(r.matched_cost),
      cost_usd: toStored(r.trace_cost),
      retry_waste_usd: toStored(r.waste_cost),
      start: new Date(r.start_ms).toISOString(),
    })),
  };
}
