import type { TraceNode } from "@/lib/schemas/trace";
import { sumMoney, toStored } from "./money";

/**
 * Repeated identical calls of a trace, folded into one row each (a runaway agent makes hundreds of the same
 * call). Pure: the call tree's visible nodes in, display rows out.
 *
 * Two calls are IDENTICAL (`sameCall`) when they
 * - have the same parent call (or are both roots),
 * - have no calls below them (a call with children is never folded: its subtree differs call by call),
 * - share service, feature, executing team, provider, model and final status, and
 * - have similar tokens: the call's input + output tokens are within ±25 % of the FIRST call of the run
 *   (so a slowly growing prompt folds into a few runs instead of one row that hides the growth).
 * A RUN is a maximal sequence of consecutive siblings (in start order) identical to its first call; a run
 * of at least MIN_RUN calls becomes one row with its count, summed cost, summed retry waste and the time
 * from its first call's start to its last call's end. Shorter runs stay as single rows.
 */
export const MIN_RUN = 3;
export const TOKEN_TOLERANCE = 0.25;

export type RepeatGroup = {
  /** Stable id: the first call's id, prefixed so it never equals a node id. */
  id: string;
  first: TraceNode;
  nodes: TraceNode[];
  cost_usd: string;
  retry_waste_usd: string;
  attempts: number;
  input_tokens: number;
  output_tokens: number;
};
export type DisplayRow = { kind: "call"; node: TraceNode } | { kind: "repeat"; group: RepeatGroup };

const tokens = (n: TraceNode) => n.input_tokens + n.output_tokens;

/** Whether `b` repeats `a`, the first call of a run (see the module comment). Both must be leaves. */
export function sameCall(a: TraceNode, b: TraceNode): boolean {
  if (a.parent_id !== b.parent_id) return false;
  if (a.service !== b.service || a.feature !== b.feature || a.team !== b.team) return false;
  if (a.provider !== b.provider || a.model !== b.model || a.status !== b.status) return false;
  const base = tokens(a);
  return Math.abs(tokens(b) - base) <= TOKEN_TOLERANCE * base;
}

export function repeatGroup(nodes: TraceNode[]): RepeatGroup {
  return {
    id: `repeat:${nodes[0].id}`,
    first: nodes[0],
    nodes,
    cost_usd: toStored(sumMoney(nodes.map((n) => n.cost_usd))),
    retry_waste_usd: toStored(sumMoney(nodes.map((n) => n.retry_waste_usd))),
    attempts: nodes.reduce((s, n) => s + n.attempts, 0),
    input_tokens: nodes.reduce((s, n) => s + n.input_tokens, 0),
    output_tokens: nodes.reduce((s, n) => s + n.output_tokens, 0),
  };
}

/**
 * Folds runs of identical leaf calls among `nodes` (depth-first order, as the call tree shows them). Leaf
 * siblings are adjacent in that order, so a run is a stretch of adjacent nodes. `parents` holds the ids of
 * calls that have children. Runs whose group id is in `expanded` are left unfolded.
 */
export function collapseRepeats(nodes: readonly TraceNode[], parents: ReadonlySet<string>, expanded: ReadonlySet<string> = new Set()): DisplayRow[] {
  const out: DisplayRow[] = [];
  let i = 0;
  while (i < nodes.length) {
    const first = nodes[i];
    let j = i + 1;
    if (!parents.has(first.id)) while (j < nodes.length && !parents.has(nodes[j].id) && sameCall(first, nodes[j])) j++;
    const run = nodes.slice(i, j);
    const group = run.length >= MIN_RUN ? repeatGroup(run) : null;
    if (group && !expanded.has(group.id)) out.push({ kind: "repeat", group });
    else for (const node of run) out.push({ kind: "call", node });
    i = j;
  }
  return out;
}
