import { describe, expect, it } from "vitest";
import { sumMoney } from "@/lib/finops/money";
import { buildTrace, type TraceEvent } from "@/lib/finops/trace";
import { TraceNode, type TeamCost, type TraceTotals } from "@/lib/schemas/trace";

let n = 0;
const T0 = Date.parse("2026-03-10T10:00:00Z");
function ev(p: Partial<TraceEvent>): TraceEvent {
  n++;
  return {
    event_id: `e${n}`, ts_ms: T0 + n * 1000, trace_id: "T", span_id: "", parent_span_id: "", request_id: "", attempt: 1,
    team: "", service: "", feature: "", provider: "openai", model: "gpt-4.1", status: "success", error_type: "",
    input_tokens: 100, cache_read_tokens: 0, cache_write_tokens: 0, output_tokens: 10, reasoning_tokens: 0,
    cost_usd: "0.000100000", latency_ms: 500, priced: true, ...p,
  };
}

/**
 * The support-chat shape of the demo: support-ai plans, search retrieves (retried twice, each attempt its own
 * span), support-ai answers; the answer's children point at the retrieval's last span.
 */
function supportChat(): TraceEvent[] {
  return [
    ev({ span_id: "plan", request_id: "r-plan", team: "support-ai", service: "support-assistant", cost_usd: "0.010000001" }),
    ev({ span_id: "ret-1", parent_span_id: "plan", request_id: "r-ret", attempt: 1, status: "rate_limited", team: "search", service: "rag-api", cost_usd: "0.000000000" }),
    ev({ span_id: "ret-2", parent_span_id: "plan", request_id: "r-ret", attempt: 2, status: "timeout", team: "search", service: "rag-api", cost_usd: "0.000333333" }),
    ev({ span_id: "ret-3", parent_span_id: "plan", request_id: "r-ret", attempt: 3, team: "search", service: "rag-api", cost_usd: "0.000666667", input_tokens: 300 }),
    ev({ span_id: "rerank", parent_span_id: "ret-3", request_id: "r-rr", team: "search", service: "reranker", cost_usd: "0.000200000" }),
    ev({ span_id: "answer", parent_span_id: "plan", request_id: "r-ans", team: "support-ai", service: "support-assistant", cost_usd: "0.020000002", reasoning_tokens: 5, output_tokens: 50 }),
  ];
}

const money = (rows: TeamCost[]) => Object.fromEntries(rows.map((r) => [r.team, r.cost_usd]));
/** The invariant both attributions must keep: their lines add up to the trace total, to the last decimal. */
function attributionErrors(total: TraceTotals, tables: Record<string, TeamCost[]>): string[] {
  return Object.entries(tables)
    .filter(([, rows]) => !sumMoney(rows.map((r) => r.cost_usd)).equals(total.cost_usd))
    .map(([name, rows]) => `${name} sums to ${sumMoney(rows.map((r) => r.cost_usd)).toFixed(9)}, not ${total.cost_usd}`);
}

describe("trace call graph", () => {
  it("groups retries of one request into one call with its attempts, waste and last status", () => {
    const t = buildTrace(supportChat());
    expect(t.nodes.map((x) => [x.id, x.depth, x.parent_id])).toEqual([
      ["plan", 0, null],
      ["ret-3", 1, "plan"],
      ["rerank", 2, "ret-3"],
      ["answer", 1, "plan"],
    ]);
    const ret = t.nodes[1];
    expect(ret).toMatchObject({ attempts: 3, status: "success", cost_usd: "0.001000000", retry_waste_usd: "0.000333333", input_tokens: 500, team: "search", origin_team: "support-ai" });
    expect(ret.attempt_list.map((a) => [a.attempt, a.status, a.cost_usd, a.wasted])).toEqual([
      [1, "rate_limited", "0.000000000", true],
      [2, "timeout", "0.000333333", true],
      [3, "success", "0.000666667", false],
    ]);
    expect(ret.subtree_cost_usd).toBe("0.001200000");
    expect(t.nodes[0].subtree_cost_usd).toBe(t.total.cost_usd);
    for (const node of t.nodes) TraceNode.parse(node);
  });

  it("totals cost, tokens, attempts and retry waste exactly", () => {
    const t = buildTrace(supportChat());
    expect(t.total).toEqual({
      cost_usd: "0.031200003",
      retry_waste_usd: "0.000333333",
      spans: 4,
      attempts: 6,
      roots: 1,
      unpriced_attempts: 0,
      input_tokens: 800,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
      output_tokens: 100,
      reasoning_tokens: 5,
    });
    expect(t.trace_id).toBe("T");
  });

  it("reports cost by executing team and by originating team, each adding up to the total", () => {
    const t = buildTrace(supportChat());
    expect(money(t.by_executing_team)).toEqual({ "support-ai": "0.030000003", search: "0.001200000" });
    expect(t.by_executing_team.map((r) => [r.team, r.attempts])).toEqual([["support-ai", 2], ["search", 4]]);
    expect(t.by_originating_team).toEqual([{ team: "support-ai", cost_usd: "0.031200003", attempts: 6 }]);
    expect(attributionErrors(t.total, { executing: t.by_executing_team, originating: t.by_originating_team })).toEqual([]);
  });

  it("would catch a wrong attribution", () => {
    const t = buildTrace(supportChat());
    // Attributing only root spans to their team (forgetting the retrieval under them) loses money.
    const rootsOnly = t.nodes.filter((x) => x.parent_id === null).map((x) => ({ team: x.team, cost_usd: x.cost_usd, attempts: x.attempts }));
    expect(attributionErrors(t.total, { originating: rootsOnly })).toHaveLength(1);
    // Executing-team figures passed off as originating ones keep the sum but not the split.
    expect(money(t.by_executing_team)).not.toEqual(money(t.by_originating_team));
  });

  it("shows spans whose parent is absent as flagged roots, each subtree originated by its own root team", () => {
    const events = [
      ev({ span_id: "a", team: "growth", cost_usd: "0.000000001" }),
      ev({ span_id: "b", parent_span_id: "a", team: "platform", cost_usd: "0.000000002" }),
      ev({ span_id: "x", parent_span_id: "missing", team: "search", cost_usd: "0.100000000" }),
      ev({ span_id: "y", parent_span_id: "x", team: "", cost_usd: "0.200000000" }),
    ];
    const t = buildTrace(events);
    expect(t.nodes.map((x) => [x.id, x.parent_id, x.orphan, x.origin_team])).toEqual([
      ["a", null, false, "growth"],
      ["b", "a", false, "growth"],
      ["x", null, true, "search"],
      ["y", "x", false, "search"],
    ]);
    expect(t.total.roots).toBe(2);
    expect(t.by_originating_team).toEqual([
      { team: "search", cost_usd: "0.300000000", attempts: 2 },
      { team: "growth", cost_usd: "0.000000003", attempts: 2 },
    ]);
    expect(money(t.by_executing_team)).toEqual({ "": "0.200000000", search: "0.100000000", platform: "0.000000002", growth: "0.000000001" });
  });

  it("keeps calls without span or request ids apart, never counting them as retries", () => {
    const t = buildTrace([ev({ cost_usd: "1.000000000", attempt: 1 }), ev({ cost_usd: "2.000000000", attempt: 2 }), ev({ request_id: "r", span_id: "s", cost_usd: "0.5", priced: false })]);
    expect(t.nodes.map((x) => [x.attempts, x.retry_waste_usd])).toEqual([[1, "0.000000000"], [1, "0.000000000"], [1, "0.000000000"]]);
    expect(t.total).toMatchObject({ spans: 3, roots: 3, retry_waste_usd: "0.000000000", cost_usd: "3.500000000", unpriced_attempts: 1 });
  });

  it("breaks a parent cycle instead of losing its spans", () => {
    const t = buildTrace([ev({ span_id: "p", parent_span_id: "q", team: "a", cost_usd: "1" }), ev({ span_id: "q", parent_span_id: "p", team: "b", cost_usd: "2" })]);
    expect(t.nodes.map((x) => [x.id, x.parent_id, x.orphan, x.origin_team])).toEqual([["p", null, true, "a"], ["q", "p", false, "a"]]);
    expect(money(t.by_originating_team)).toEqual({ a: "3.000000000" });
  });

  it("nests thousands deep without recursion and sums exactly over many small amounts", () => {
    const chain = Array.from({ length: 3000 }, (_, i) => ev({ span_id: `s${i}`, parent_span_id: i ? `s${i - 1}` : "", team: i % 2 ? "x" : "y", cost_usd: "0.000000001" }));
    const t = buildTrace(chain);
    expect(t.nodes[2999].depth).toBe(2999);
    expect(t.total.cost_usd).toBe("0.000003000");
    expect(t.by_originating_team).toEqual([{ team: "y", cost_usd: "0.000003000", attempts: 3000 }]);
    expect(money(t.by_executing_team)).toEqual({ x: "0.000001500", y: "0.000001500" });
  });

  it("measures a call from its first attempt to the end of its last", () => {
    const t = buildTrace([
      ev({ ts_ms: T0, span_id: "a1", request_id: "r", attempt: 1, status: "timeout", latency_ms: 30_000 }),
      ev({ ts_ms: T0 + 31_000, span_id: "a2", request_id: "r", attempt: 2, latency_ms: 800 }),
    ]);
    expect(t.nodes[0]).toMatchObject({ start: "2026-03-10T10:00:00.000Z", latency_ms: 800, elapsed_ms: 31_800, attempts: 2 });
    expect([t.start, t.end]).toEqual(["2026-03-10T10:00:00.000Z", "2026-03-10T10:00:31.800Z"]);
  });
});

describe("trace list URL and amounts", () => {
  it("reads the explorer's URL, keeps its filters and drops its view-only parameters", async () => {
    const { parseExplorerState } = await import("@/lib/finops/explorer-state");
    const { topTracesApiQuery, tracesQuery } = await import("@/lib/finops/trace-list-state");
    const s = parseExplorerState(new URLSearchParams("from=2026-06-06&to=2026-06-07&tz=UTC&group_by=feature&metric=retry_waste_usd&sort=key&dir=asc&service=rag-api&exclude_team=growth"), new Date());
    expect(tracesQuery(s).toString()).toBe("from=2026-06-06&to=2026-06-07&tz=UTC&service=rag-api&exclude_team=growth");
    expect(topTracesApiQuery(s, 50)).toBe("from=2026-06-06&to=2026-06-07&tz=UTC&service=rag-api&exclude_team=growth&limit=50");
  });

  it("shows per-call amounts below a cent with four significant digits", async () => {
    const { formatUsdFine } = await import("@/lib/finops/format");
    expect(["0.017080000", "0.000002500", "0.000000000", "1.234999999", "0.999990000", "-0.001234567"].map(formatUsdFine)).toEqual(["$0.0171", "$0.0000025", "$0.00", "$1.23", "$1.00", "-$0.00123"]);
  });
});
