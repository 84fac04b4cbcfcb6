import type { TraceContext } from "@/lib/schemas/trace";
import { Money, toStored } from "./money";

/**
 * What a trace was part of: its session, user, work item, pull request, branch and trigger, read from its
 * events. A trace usually carries one value of each; when its calls disagree (a session spanning two
 * branches), every value is listed, the one with the most cost first, with its cost and attempt count.
 * An empty value (not sent) is left out.
 */
export const CONTEXT_DIMENSIONS = ["session_id", "user", "work_item", "pull_request", "branch", "trigger"] as const;
export type ContextDimension = (typeof CONTEXT_DIMENSIONS)[number];
export type ContextEvent = Record<ContextDimension, string> & { cost_usd: string };

export function traceContext(events: readonly ContextEvent[]): TraceContext {
  const out = {} as TraceContext;
  for (const dim of CONTEXT_DIMENSIONS) {
    const acc = new Map<string, { cost: Money; attempts: number }>();
    for (const e of events) {
      const v = e[dim];
      if (!v) continue;
      const a = acc.get(v) ?? { cost: new Money(0), attempts: 0 };
      acc.set(v, { cost: a.cost.plus(e.cost_usd), attempts: a.attempts + 1 });
    }
    out[dim] = [...acc.entries()]
      .sort(([va, a], [vb, b]) => b.cost.comparedTo(a.cost) || b.attempts - a.attempts || va.localeCompare(vb))
      .map(([value, a]) => ({ value, cost_usd: toStored(a.cost), attempts: a.attempts }));
  }
  return out;
}
