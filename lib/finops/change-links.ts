import type { Dimension } from "@/lib/dimensions";
import type { ChangeResponse } from "@/lib/schemas/change";
import { appendFilters, exploreHref, NEXT, narrowTo, type Filters } from "./explorer-state";
import { Money } from "./money";

/** What the "why did it change?" panel asks about: the current period, its baseline, the zone and filters. */
export type ChangeScope = Filters & { from: string; to: string; tz: string; base: { from: string; to: string } | null };

/** The /api/v1/change query of a scope. */
export function changeQuery(s: ChangeScope): string {
  const q = new URLSearchParams({ from: s.from, to: s.to, tz: s.tz });
  if (s.base) {
    q.set("base_from", s.base.from);
    q.set("base_to", s.base.to);
  }
  return appendFilters(q, s).toString();
}

/**
 * A contributor's door into Explore: the scope's filters narrowed to its value, the current period in compare
 * mode against the same baseline, grouped by the next dimension of the drill-down order.
 */
export function contributorHref(s: ChangeScope, answer: Pick<ChangeResponse, "baseline" | "current">, dim: Dimension, value: string): string {
  const { from, to } = answer.current;
  return exploreHref({ from, to, tz: s.tz, groupBy: NEXT[dim] ?? "team", metric: "cost_usd", compare: true, base: answer.baseline, ...narrowTo(s, { [dim]: value }) });
}

export type WaterfallStep = { id: string; label: string; amount: string; low: number; high: number; kind: "total" | "up" | "down" | "zero" };

/**
 * The waterfall's bars: the baseline, each driver (and the residual) floating from the running total, the
 * current spend. Amounts stay decimal strings; only the bar geometry is a number (pixels, not money).
 */
export function waterfallSteps(c: Pick<ChangeResponse, "baseline" | "current" | "drivers" | "residual_usd">): WaterfallStep[] {
  const steps: WaterfallStep[] = [{ id: "baseline", label: "Baseline", amount: c.baseline.cost_usd, low: 0, high: Number(c.baseline.cost_usd), kind: "total" }];
  let running = new Money(c.baseline.cost_usd);
  for (const d of [...c.drivers.map((x) => ({ id: x.id, label: x.label, amount: x.amount_usd })), { id: "residual", label: "Residual", amount: c.residual_usd }]) {
    const next = running.plus(d.amount);
    const [a, b] = [running.toNumber(), next.toNumber()];
    const amount = new Money(d.amount);
    steps.push({ ...d, low: Math.min(a, b), high: Math.max(a, b), kind: amount.isZero() ? "zero" : amount.isPos() ? "up" : "down" });
    running = next;
  }
  steps.push({ id: "current", label: "Current", amount: c.current.cost_usd, low: 0, high: Number(c.current.cost_usd), kind: "total" });
  return steps;
}

/**
 * The waterfall's vertical range. Drivers are often small beside the totals: when every bar of the change stays
 * far above 0, the axis starts just below the lowest of them (the chart says so) rather than at 0.
 */
export function waterfallDomain(steps: WaterfallStep[]): [number, number] {
  const top = Math.max(0, ...steps.map((s) => s.high));
  const lowest = Math.min(...steps.map((s) => (s.kind === "total" ? s.high : s.low)));
  const span = Math.max(top - lowest, top * 0.02);
  if (!(span > 0)) return [0, 1];
  // Round both ends to the span's order of magnitude, so the ticks fall on readable amounts.
  const step = 10 ** Math.floor(Math.log10(span));
  const bottom = Math.floor((lowest - span * 0.5) / step) * step;
  return [bottom > top * 0.3 ? bottom : 0, Math.ceil((top + span * 0.1) / step) * step];
}
