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

const NANO = BigInt(1_000_000_000);
const toNanos = (usd: string): bigint => {
  const neg = usd.startsWith("-");
  const [i, f = ""] = usd.replace("-", "").split(".");
  const n = BigInt(i) * NANO + BigInt((f + "000000000").slice(0, 9));
  return neg ? -n : n;
};
const fromNanos = (n: bigint): string => {
  const neg = n < BigInt(0);
  const a = neg ? -n : n;
  return `${neg ? "-" : ""}${a / NANO}.${String(a % NANO).padStart(9, "0")}`;
};

/**
 * What turns the executed view into the originated one: for every event of the period whose originating team
 * differs from its own, its cost leaves its own team's row and joins the originating team's row (same
 * dimensions and day). Aggregated per row key with exact integer nano-dollars (costs are stored with 9
 * decimals), so a month of cross-team traces becomes a few hundred rows. Added to the executed rows, the rows
 * of each (team, dimensions, day) sum to the originated view; their grand total is unchanged (each move is
 * −x and +x).
 */
export function originCorrections(rows: readonly ChargebackTracedRow[]): SpendRow[] {
  const origin = originTeams(rows);
  const acc = new Map<string, { row: Omit<SpendRow, "cost_usd">; nanos: bigint }>();
  const bump = (r: ChargebackTracedRow, team: string, sign: 1 | -1) => {
    const row = { team, repo: r.repo, feature: r.feature, model: r.model, provider: r.provider, environment: r.environment, service: r.service, day: r.day, tokens: 0, events: 0 };
    const key = JSON.stringify([team, r.repo, r.feature, r.model, r.provider, r.environment, r.service, r.day]);
    const a = acc.get(key) ?? { row, nanos: BigInt(0) };
    a.nanos += sign === 1 ? toNanos(r.cost_usd) : -toNanos(r.cost_usd);
    a.row.tokens += sign * r.tokens;
    a.row.events += sign;
    acc.set(key, a);
  };
  for (const r of rows) {
    if (r.in_period !== 1) continue;
    const to = origin.get(r.event_id) ?? r.team;
    if (to === r.team) continue;
    bump(r, r.team, -1);
    bump(r, to, 1);
  }
  return [...acc.values()].filter((a) => a.nanos !== BigInt(0) || a.row.events !== 0).map((a) => ({ ...a.row, cost_usd: fromNanos(a.nanos) }));
}
