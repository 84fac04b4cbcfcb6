import type { TeamCost, TraceAttempt, TraceNode, TraceResponse, TraceTotals } from "@/lib/schemas/trace";
import { Money, sumMoney, toStored } from "./money";

/**
 * A trace's call graph and its cost seen two ways (PRODUCT.md "Attribution"): by the team that executed each
 * call, and by the team that originated the root request. Pure: events in, view out.
 *
 * - A node is one call: the attempts of one span. Retries usually get a span_id each (a new HTTP call) and
 *   share the request_id, so events sharing a span_id or a request_id are one node.
 * - Parent links follow parent_span_id to the node holding that span. A node whose parent is not in the
 *   trace (never sent, or outside the caller's teams) is a root, flagged orphan. A parent cycle (bad data)
 *   is broken at its earliest node, flagged the same way.
 * - Retry waste is the cost of every wasted attempt: events read from the store carry the retry ledger's
 *   verdict (`wasted`, judged over all stored attempts of the request, as the summary does); without it, an
 *   attempt is wasted when it is not the greatest (attempt, timestamp, event_id) of its request_id within its
 *   team among the events given (PRODUCT.md; an event without a request_id is its own request: never waste).
 * - Each event is originated by the team of the root of its tree, so both attributions add up to the total
 *   exactly (decimal sums of the stored 9-decimal amounts).
 */
export type TraceEvent = {
  event_id: string;
  ts_ms: number;
  trace_id: string;
  span_id: string;
  parent_span_id: string;
  request_id: string;
  attempt: number;
  team: string;
  service: string;
  feature: string;
  provider: string;
  model: string;
  status: string;
  error_type: string;
  input_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  cost_usd: string;
  latency_ms: number | null;
  priced: boolean;
  /** The retry ledger's verdict, when the event comes from the store. */
  wasted?: boolean;
};

export type TraceGraph = Pick<TraceResponse, "trace_id" | "start" | "end" | "total" | "nodes" | "by_executing_team" | "by_originating_team">;

const iso = (ms: number) => new Date(ms).toISOString();
const byTime = (a: TraceEvent, b: TraceEvent) => a.ts_ms - b.ts_ms || a.attempt - b.attempt || a.event_id.localeCompare(b.event_id);
const byAttempt = (a: TraceEvent, b: TraceEvent) => a.attempt - b.attempt || a.ts_ms - b.ts_ms || a.event_id.localeCompare(b.event_id);
const TOKEN_KINDS = ["input_tokens", "cache_read_tokens", "cache_write_tokens", "output_tokens", "reasoning_tokens"] as const;

/** Groups events into calls: union-find over shared span_id and shared request_id. */
function groupCalls(events: readonly TraceEvent[]): TraceEvent[][] {
  const parent = events.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const firstBy = new Map<string, number>();
  events.forEach((e, i) => {
    for (const key of [e.span_id && `s:${e.span_id}`, e.request_id && `r:${e.request_id}`]) {
      if (!key) continue;
      const j = firstBy.get(key);
      if (j === undefined) firstBy.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, TraceEvent[]>();
  events.forEach((e, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(e);
    else groups.set(root, [e]);
  });
  return [...groups.values()];
}

/** Wasted or not: the store's verdict when given, else PRODUCT.md's rule over these events (per team). */
function wastedOf(events: readonly TraceEvent[]): (e: TraceEvent) => boolean {
  const lastOf = new Map<string, TraceEvent>();
  const later = (a: TraceEvent, b: TraceEvent) => a.attempt - b.attempt || a.ts_ms - b.ts_ms || (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0);
  const keyOf = (e: TraceEvent) => JSON.stringify([e.team, e.request_id]);
  for (const e of events) {
    if (!e.request_id) continue;
    const last = lastOf.get(keyOf(e));
    if (!last || later(e, last) > 0) lastOf.set(keyOf(e), e);
  }
  return (e) => e.wasted ?? (e.request_id !== "" && lastOf.get(keyOf(e)) !== e);
}

type Draft = { base: Omit<TraceNode, "parent_id" | "depth" | "orphan" | "origin_team" | "subtree_cost_usd">; spans: Set<string>; events: TraceEvent[] };

function draftNode(group: TraceEvent[]): Draft {
  const attempts = [...group].sort(byAttempt);
  const last = attempts[attempts.length - 1];
  const first = [...group].sort(byTime)[0];
  const wasted = wastedOf(attempts);
  const spans = new Set(attempts.map((e) => e.span_id).filter(Boolean));
  const parentSpan = [last, ...attempts].find((e) => e.parent_span_id && !spans.has(e.parent_span_id))?.parent_span_id ?? "";
  const attemptList: TraceAttempt[] = attempts.map((e) => ({
    event_id: e.event_id,
    span_id: e.span_id,
    attempt: e.attempt,
    status: e.status,
    error_type: e.error_type,
    start: iso(e.ts_ms),
    latency_ms: e.latency_ms,
    cost_usd: toStored(e.cost_usd),
    priced: e.priced,
    wasted: wasted(e),
  }));
  const tokens = Object.fromEntries(TOKEN_KINDS.map((k) => [k, attempts.reduce((n, e) => n + e[k], 0)])) as Record<(typeof TOKEN_KINDS)[number], number>;
  const base = {
    id: last.span_id || (last.request_id ? `req:${last.request_id}` : `evt:${last.event_id}`),
    span_id: last.span_id,
    parent_span_id: parentSpan,
    request_id: last.request_id,
    service: last.service,
    team: last.team,
    feature: last.feature,
    provider: last.provider,
    model: last.model,
    ...tokens,
    cost_usd: toStored(sumMoney(attempts.map((e) => e.cost_usd))),
    retry_waste_usd: toStored(sumMoney(attempts.filter(wasted).map((e) => e.cost_usd))),
    status: last.status,
    attempts: attempts.length,
    attempt_list: attemptList,
    unpriced_attempts: attempts.filter((e) => !e.priced).length,
    start: iso(first.ts_ms),
    latency_ms: last.latency_ms,
    elapsed_ms: last.latency_ms === null ? null : last.ts_ms + last.latency_ms - first.ts_ms,
  };
  return { base, spans, events: attempts };
}

/** Cost and attempts per team, biggest first; the lines sum exactly to the events' total. */
function costByTeam(entries: Iterable<{ team: string; cost: string }>): TeamCost[] {
  const acc = new Map<string, { cost: Money; attempts: number }>();
  for (const { team, cost } of entries) {
    const a = acc.get(team) ?? { cost: new Money(0), attempts: 0 };
    acc.set(team, { cost: a.cost.plus(cost), attempts: a.attempts + 1 });
  }
  return [...acc.entries()]
    .sort(([ta, a], [tb, b]) => b.cost.comparedTo(a.cost) || ta.localeCompare(tb))
    .map(([team, a]) => ({ team, cost_usd: toStored(a.cost), attempts: a.attempts }));
}

export function buildTrace(input: readonly TraceEvent[]): TraceGraph {
  const events = [...input].sort(byTime);
  const drafts = groupCalls(events)
    .map(draftNode)
    .sort((a, b) => a.base.start.localeCompare(b.base.start) || a.base.id.localeCompare(b.base.id));
  const nodeOfSpan = new Map<string, Draft>();
  for (const d of drafts) for (const s of d.spans) nodeOfSpan.set(s, d);
  const parentOf = new Map<Draft, Draft | null>(drafts.map((d) => [d, (d.base.parent_span_id && nodeOfSpan.get(d.base.parent_span_id)) || null]));
  const children = new Map<Draft, Draft[]>(drafts.map((d) => [d, []]));
  for (const d of drafts) {
    const p = parentOf.get(d);
    if (p) children.get(p)!.push(d);
  }

  // Depth-first from each root (earliest first); iterative, since a runaway agent can nest thousands deep.
  const nodes: TraceNode[] = [];
  const placed = new Map<Draft, TraceNode>();
  const walk = (root: Draft) => {
    const stack: { d: Draft; parent: TraceNode | null; depth: number }[] = [{ d: root, parent: null, depth: 0 }];
    while (stack.length) {
      const { d, parent, depth } = stack.pop()!;
      if (placed.has(d)) continue;
      const node: TraceNode = {
        ...d.base,
        parent_id: parent?.id ?? null,
        depth,
        orphan: parent === null && d.base.parent_span_id !== "",
        origin_team: parent?.origin_team ?? d.base.team,
        subtree_cost_usd: d.base.cost_usd,
      };
      placed.set(d, node);
      nodes.push(node);
      const kids = children.get(d)!.filter((k) => !placed.has(k));
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ d: kids[i], parent: node, depth: depth + 1 });
    }
  };
  for (const d of drafts) if (!parentOf.get(d)) walk(d);
  // Whatever is left hangs in a parent cycle: start it at its earliest node.
  for (const d of drafts) if (!placed.has(d)) walk(d);

  const subtree = new Map(nodes.map((n) => [n.id, new Money(n.cost_usd)]));
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    n.subtree_cost_usd = toStored(subtree.get(n.id)!);
    if (n.parent_id) subtree.set(n.parent_id, subtree.get(n.parent_id)!.plus(subtree.get(n.id)!));
  }

  const origin = new Map(drafts.flatMap((d) => d.events.map((e) => [e.event_id, placed.get(d)!.origin_team] as const)));
  const total: TraceTotals = {
    cost_usd: toStored(sumMoney(events.map((e) => e.cost_usd))),
    retry_waste_usd: toStored(sumMoney(nodes.map((n) => n.retry_waste_usd))),
    spans: nodes.length,
    attempts: events.length,
    roots: nodes.filter((n) => n.parent_id === null).length,
    unpriced_attempts: events.filter((e) => !e.priced).length,
    ...(Object.fromEntries(TOKEN_KINDS.map((k) => [k, events.reduce((n, e) => n + e[k], 0)])) as Record<(typeof TOKEN_KINDS)[number], number>),
  };
  return {
    trace_id: events.find((e) => e.trace_id)?.trace_id ?? "",
    start: events.length ? iso(events[0].ts_ms) : "",
    end: events.length ? iso(events.reduce((m, e) => Math.max(m, e.ts_ms + (e.latency_ms ?? 0)), 0)) : "",
    total,
    nodes,
    by_executing_team: costByTeam(events.map((e) => ({ team: e.team, cost: e.cost_usd }))),
    by_originating_team: costByTeam(events.map((e) => ({ team: origin.get(e.event_id)!, cost: e.cost_usd }))),
  };
}
