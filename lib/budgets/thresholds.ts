import Decimal from "decimal.js";
import type { Threshold } from "@/lib/schemas/budget";

/**
 * Pure threshold arithmetic on exact decimals: which thresholds a spend reaches, and the decision a call
 * gets. A threshold is reached when spend ≥ amount × percent / 100.
 */
export function thresholdAmount(amount: Decimal.Value, percent: number): Decimal {
  return new Decimal(amount).times(percent).div(100);
}

/** Thresholds reached by `spend`, lowest first. */
export function reachedThresholds(thresholds: readonly Threshold[], spend: Decimal.Value, amount: Decimal.Value): Threshold[] {
  const s = new Decimal(spend);
  return thresholds.filter((t) => s.gte(thresholdAmount(amount, t.percent))).sort((a, b) => a.percent - b.percent);
}

/** The highest threshold reached, or null. */
export function highestReached(thresholds: readonly Threshold[], spend: Decimal.Value, amount: Decimal.Value): Threshold | null {
  const r = reachedThresholds(thresholds, spend, amount);
  return r.length ? r[r.length - 1] : null;
}

export type Decision = "allow" | "warn" | "deny";

/** A budget's thresholds with their dollar limits, lowest first: computed once per budget, not per call. */
export type Limits = readonly { threshold: Threshold; limit: Decimal }[];

export function limitsOf(thresholds: readonly Threshold[], amount: Decimal.Value): Limits {
  return [...thresholds].sort((a, b) => a.percent - b.percent).map((threshold) => ({ threshold, limit: thresholdAmount(amount, threshold.percent) }));
}

/**
 * The decision for one budget when a call of `cost` is added to `spend`: deny when the call would take spend
 * past a block threshold (strictly: a call that lands exactly on it is the last one allowed), warn when it
 * reaches a notify or require-approval threshold, else allow.
 */
export function decideOne(thresholds: readonly Threshold[], spend: Decimal.Value, cost: Decimal.Value, amount: Decimal.Value): { decision: Decision; threshold: Threshold | null } {
  return decideAfter(limitsOf(thresholds, amount), new Decimal(spend).plus(cost));
}

/** decideOne on precomputed limits, for the spend the call would leave (`after` = spend + cost). */
export function decideAfter(limits: Limits, after: Decimal): { decision: Decision; threshold: Threshold | null } {
  let decision: Decision = "allow";
  let hit: Threshold | null = null;
  for (const { threshold: t, limit } of limits) {
    const crosses = t.action === "block" ? after.gt(limit) : after.gte(limit);
    if (!crosses) continue;
    hit = t;
    if (t.action === "block") decision = "deny";
    else if (decision === "allow") decision = "warn";
  }
  return { decision, threshold: hit };
}

export function worst(a: Decision, b: Decision): Decision {
  const rank = { allow: 0, warn: 1, deny: 2 } as const;
  return rank[a] >= rank[b] ? a : b;
}
