import type { ChargebackTracedRow } from "@/lib/clickhouse/queries/chargeback-traced-events";
import type { SpendRow } from "./chargeback-report";
import { buildTrace, type TraceEvent } from "./trace";

/**
 * Dual attribution for chargeback (PRODUCT.md "Attribution"): a traced call is charged either to the team
 * that executed it (its own `team`) or to the team whose root request originated it. The originating team
 * comes from lib/finops/trace.ts buildTrace, the same call-graph rules as the trace view, so a team's
 * "originated" figure here equals the sum of its by_originating_team lines over the period's traces.
 * Either way every event is charged exactly once: both views add up to the same total. Pure.
 */
export type AttributionView = "executed" | "originated";

function asTraceEvent(r: ChargebackTracedRow): TraceEvent {
  return {
    event_id: r.event_id,
    ts_ms: r.ts_ms,
    trace_id: r.trace_id,
    span_id: r.span_id,
    parent_span_id: r.parent_span_id,
    request_id: r.request_id,
    attempt: r.attempt,
    team: r.team,
    service: r.service,
    feature: r.feature,
    provider: r.provider,
    model: r.model,
    status: "success",
    error_type: "",
    input_tokens: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    output_tokens: 0,
    reasoning_tokens: 0,
    cost_usd: r.cost_usd,
    latency_ms: null,
    priced: true,
  };
}

/** event_id → originating team, for every event of the given traces. */
export function originTeams(rows: readonly ChargebackTracedRow[]): Map<string, string> {
  const byTrace = new Map<string, ChargebackTracedRow[]>();
  for (const r of rows) {
    const list = byTrace.get(r.trace_id);
    if (list) list.push(r);
    else byTrace.set(r.trace_id, [r]);
  }
  const out = new Map<string, string>();
  for (const events of byTrace.values()) {
    const graph = buildTrace(events.map(asTraceEvent));
    for (const node of graph.nodes) for (const a of node.attempt_list) out.set(a.event_id, node.origin_team);
  }
  return out;
}

/** The period's traced events as spend rows, each charged to its executing or originating team. */
export function tracedSpendRows(rows: readonly ChargebackTracedRow[], view: AttributionView): SpendRow[] {
  const origin = view === "originated" ? originTeams(rows) : null;
  return rows
    .filter((r) => r.in_period === 1)
    .map((r) => ({
      team: origin ? (origin.get(r.event_id) ?? r.team) : r.team,
      repo: r.repo,
      feature: r.feature,
      model: r.model,
      provider: r.provider,
      environment: r.environment,
      service: r.service,
      day: r.day,
      cost_usd: r.cost_usd,
      tokens: r.tokens,
      events: 1,
    }));
}
