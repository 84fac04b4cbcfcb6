import { describe, expect, it } from "vitest";
import { sumMoney } from "@/lib/finops/money";
import { buildTrace, type TraceEvent } from "@/lib/finops/trace";
import { collapseRepeats, sameCall, type DisplayRow } from "@/lib/finops/trace-collapse";
import type { TraceNode } from "@/lib/schemas/trace";

let n = 0;
const T0 = Date.parse("2026-06-11T01:00:00Z");
function ev(p: Partial<TraceEvent>): TraceEvent {
  n++;
  return {
    event_id: `e${n}`, ts_ms: T0 + n * 60_000, trace_id: "T", span_id: `s${n}`, parent_span_id: "root", request_id: `r${n}`, attempt: 1,
    team: "platform", service: "agent", feature: "coding-agent", provider: "anthropic", model: "claude-sonnet-4-5", status: "success", error_type: "",
    input_tokens: 10_000, cache_read_tokens: 0, cache_write_tokens: 0, output_tokens: 500, reasoning_tokens: 0,
    cost_usd: "0.033000001", latency_ms: 20_000, priced: true, ...p,
  };
}
const root = () => ev({ span_id: "root", parent_span_id: "", request_id: "r-root", service: "agent-runner", input_tokens: 1000 });
const parentsOf = (nodes: TraceNode[]) => new Set(nodes.map((x) => x.parent_id).filter((p): p is string => p !== null));
const shape = (rows: DisplayRow[]) => rows.map((r) => (r.kind === "repeat" ? `×${r.group.nodes.length}` : r.node.service));
const fold = (events: TraceEvent[], expanded?: Set<string>) => {
  const { nodes } = buildTrace(events);
  return { nodes, rows: collapseRepeats(nodes, parentsOf(nodes), expanded) };
};

describe("folding repeated identical calls", () => {
  it("folds a run of identical leaf calls into one row with its count and exact summed cost", () => {
    const { nodes, rows } = fold([root(), ...Array.from({ length: 5 }, () => ev({}))]);
    expect(shape(rows)).toEqual(["agent-runner", "×5"]);
    const g = rows[1].kind === "repeat" ? rows[1].group : null;
    expect(g?.cost_usd).toBe("0.165000005");
    expect(g?.attempts).toBe(5);
    // Nothing is lost: the shown rows' costs add up to the trace's.
    const shown = rows.map((r) => (r.kind === "repeat" ? r.group.cost_usd : r.node.cost_usd));
    expect(sumMoney(shown).equals(sumMoney(nodes.map((x) => x.cost_usd)))).toBe(true);
  });

  it("keeps runs shorter than three, and breaks a run at a different model, status, team or feature", () => {
    expect(shape(fold([root(), ev({}), ev({})]).rows)).toEqual(["agent-runner", "agent", "agent"]);
    const mixed = [root(), ev({}), ev({}), ev({}), ev({ model: "claude-haiku-4-5" }), ev({}), ev({}), ev({ status: "error" }), ev({ team: "search" }), ev({ feature: "x" })];
    expect(shape(fold(mixed).rows)).toEqual(["agent-runner", "×3", "agent", "agent", "agent", "agent", "agent", "agent"]);
  });

  it("splits a slowly growing prompt into runs whose tokens stay within ±25 % of their first call", () => {
    // 18k → ~40k input tokens over 40 calls: each run starts where the previous left the ±25 % band.
    const events = [root(), ...Array.from({ length: 40 }, (_, i) => ev({ input_tokens: Math.round(18_000 * 1.02 ** i), output_tokens: 0 }))];
    const { rows } = fold(events);
    const groups = rows.flatMap((r) => (r.kind === "repeat" ? [r.group] : []));
    expect(groups.length).toBeGreaterThan(2);
    for (const g of groups) for (const x of g.nodes) expect(Math.abs(x.input_tokens - g.first.input_tokens)).toBeLessThanOrEqual(0.25 * g.first.input_tokens);
    expect(groups.reduce((s, g) => s + g.nodes.length, 0) + rows.filter((r) => r.kind === "call").length).toBe(41);
  });

  it("never folds a call that has children, nor calls under different parents", () => {
    const events = [root(), ev({ span_id: "a" }), ev({ span_id: "b" }), ev({ span_id: "c" }), ev({ parent_span_id: "a" }), ev({ parent_span_id: "b" }), ev({ parent_span_id: "c" })];
    const { rows } = fold(events);
    expect(rows.every((r) => r.kind === "call")).toBe(true);
    const [a, b] = buildTrace(events).nodes.filter((x) => x.parent_id === "a" || x.parent_id === "b");
    expect(sameCall(a, b)).toBe(false);
  });

  it("unfolds a run whose group id is expanded", () => {
    const events = [root(), ...Array.from({ length: 4 }, () => ev({}))];
    const { rows } = fold(events);
    const id = rows[1].kind === "repeat" ? rows[1].group.id : "";
    expect(shape(fold(events, new Set([id])).rows)).toEqual(["agent-runner", "agent", "agent", "agent", "agent"]);
  });
});
