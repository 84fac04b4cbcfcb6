import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import type { ChargebackTracedRow } from "@/lib/clickhouse/queries/chargeback-traced-events";
import { originCorrections } from "@/lib/finops/chargeback-attribution";
import { buildTrace } from "@/lib/finops/trace";

const row = (p: Partial<ChargebackTracedRow> & { event_id: string; team: string; cost_usd: string }): ChargebackTracedRow => ({
  ts_ms: 0, trace_id: "t", span_id: "", parent_span_id: "", request_id: "", attempt: 1, repo: "r", feature: "f", model: "m", provider: "p", environment: "prod", service: "svc", day: "2026-10-01", tokens: 10, in_period: 1, ...p,
});

describe("originCorrections", () => {
  // alpha's agent → beta's retrieval (retried: a new span, same request) → gamma's reranker; a second root of gamma.
  const rows = [
    row({ event_id: "a", team: "alpha", span_id: "s1", ts_ms: 1, cost_usd: "1.000000001" }),
    row({ event_id: "b1", team: "beta", span_id: "s2", parent_span_id: "s1", request_id: "rq", attempt: 1, ts_ms: 2, cost_usd: "0.5" }),
    row({ event_id: "b2", team: "beta", span_id: "s3", parent_span_id: "s1", request_id: "rq", attempt: 2, ts_ms: 3, cost_usd: "0.25" }),
    row({ event_id: "c", team: "gamma", span_id: "s4", parent_span_id: "s3", ts_ms: 4, cost_usd: "2" }),
    row({ event_id: "g", team: "gamma", span_id: "s9", ts_ms: 5, cost_usd: "3" }),
    row({ event_id: "old", team: "beta", span_id: "s5", parent_span_id: "s1", ts_ms: 0, cost_usd: "7", in_period: 0 }),
  ];

  it("moves each in-period event to the root's team, matching the trace view", () => {
    const executed = new Map<string, Decimal>();
    for (const r of rows.filter((x) => x.in_period === 1)) executed.set(r.team, (executed.get(r.team) ?? new Decimal(0)).plus(r.cost_usd));
    for (const c of originCorrections(rows)) executed.set(c.team, (executed.get(c.team) ?? new Decimal(0)).plus(c.cost_usd));
    const trace = buildTrace(rows.filter((r) => r.in_period === 1).map((r) => ({ ...r, status: "success", error_type: "", input_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, output_tokens: 0, reasoning_tokens: 0, latency_ms: null, priced: true })));
    const expected = Object.fromEntries(trace.by_originating_team.map((t) => [t.team, new Decimal(t.cost_usd).toFixed(9)]));
    const got = Object.fromEntries([...executed].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, v.toFixed(9)]));
    expect(got).toEqual(expected);
    expect(got).toEqual({ alpha: "3.750000001", gamma: "3.000000000" });
  });

  it("leaves the grand total unchanged and emits nothing for single-team traces", () => {
    expect(originCorrections(rows).reduce((s, c) => s.plus(c.cost_usd), new Decimal(0)).isZero()).toBe(true);
    expect(originCorrections([row({ event_id: "x", team: "alpha", span_id: "s1", cost_usd: "1" }), row({ event_id: "y", team: "alpha", span_id: "s2", parent_span_id: "s1", cost_usd: "2" })])).toEqual([]);
  });
});
