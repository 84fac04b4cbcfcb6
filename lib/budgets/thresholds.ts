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

/**
 * The decision for one budget when a call of `cost` is added to `spend`: deny when the call would take spend
 * past a block threshold (strictly: a call that lands exactly on it is the last one allowed), warn when it
 * reaches a notify or require-approval threshold, else allow.
 */
export function decideOne(thresholds: readonly Threshold[], spend: Decimal.Value, cost: Decimal.Value, amount: Decimal.Value): { decision: Decision; threshold: Threshold | null } {
  const after = new Decimal(spend).plus(cost);
  let decision: Decision = "allow";
  let hit: Threshold | null = null;
  for (const t of [...thresholds].sort((a, b) => a.percent - b.percent)) {
    const limit = thresholdAmount(amount, t.percent);
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
