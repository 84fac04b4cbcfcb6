import Decimal from "decimal.js";
import { Money } from "./money";

/**
 * Shared-cost allocation to the cent (PRODUCT.md "Chargeback"). Pure: amounts in, cents out, no I/O.
 *
 * Rounding rule (largest remainder, Hamilton's method), the one used for every split in a chargeback report:
 * 1. An amount to split is first rounded to whole cents, half-even (the house rounding of lib/finops/money.ts).
 * 2. Each party's exact quota = cents × weight / Σ weights; it gets the floor of its quota.
 * 3. The cents left over (always fewer than the number of parties) go one each to the parties with the largest
 *    fractional remainders; equal remainders are broken by slug, in ascending code-point order.
 * So the parts add up to the rounded amount exactly, whatever the rule, and the same input always gives the
 * same cents (no dependence on input order or floating point).
 */
export type AllocationRule = "proportional" | "even" | "fixed";
export const ALLOCATION_RULES: readonly AllocationRule[] = ["proportional", "even", "fixed"];

export class AllocationError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = "AllocationError";
  }
}

const ONE_HUNDRED = new Money(100);

/** An amount in whole cents, half-even (as an integer Decimal). */
export function toCents(amount: Decimal.Value): Decimal {
  return new Money(amount).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
}

/** Cents as a USD decimal string with two decimals ("-0.05", "12.30"). */
export function centsToUsd(cents: Decimal.Value): string {
  return new Money(cents).div(100).toFixed(2);
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Splits `cents` (a non-negative whole number) among parties by non-negative weights, largest remainder,
 * ties by slug. With Σ weights = 0 it throws: callers decide the fallback (see allocatePool).
 */
export function apportion(cents: Decimal.Value, weights: ReadonlyMap<string, Decimal.Value>): Map<string, Decimal> {
  const total = new Money(cents);
  if (!total.isInteger() || total.isNegative()) throw new RangeError(`apportion needs a whole, non-negative number of cents, got ${total.toString()}`);
  const parties = [...weights.entries()].map(([slug, w]) => ({ slug, w: new Money(w) }));
  for (const p of parties) if (p.w.isNegative()) throw new RangeError(`weight of "${p.slug}" is negative (${p.w.toString()})`);
  const sumW = parties.reduce((s, p) => s.plus(p.w), new Money(0));
  const out = new Map<string, Decimal>(parties.map((p) => [p.slug, new Money(0)]));
  if (parties.length === 0 || total.isZero()) return out;
  if (sumW.isZero()) throw new RangeError("apportion: every weight is zero");
  const shares = parties.map((p) => {
    const quota = total.times(p.w).div(sumW);
    const floor = quota.floor();
    return { slug: p.slug, floor, rem: quota.minus(floor) };
  });
  let left = total.minus(shares.reduce((s, x) => s.plus(x.floor), new Money(0))).toNumber();
  const order = [...shares].sort((a, b) => b.rem.comparedTo(a.rem) || byCodePoint(a.slug, b.slug));
  for (const s of order) out.set(s.slug, s.floor);
  for (let i = 0; left > 0; i++, left--) {
    const s = order[i % order.length];
    out.set(s.slug, out.get(s.slug)!.plus(1));
  }
  return out;
}

/**
 * Fixed percentages must name only recipient teams, each between 0 and 100, and sum to exactly 100
 * (decimal, so 33.33 + 33.33 + 33.34 is accepted and 33.3 × 3 is not). Throws AllocationError naming the problem.
 */
export function validatePercentages(percentages: Readonly<Record<string, string>>, recipients: readonly string[]): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  let sum = new Money(0);
  for (const [team, raw] of Object.entries(percentages)) {
    let pct: Decimal;
    try {
      pct = new Money(raw);
    } catch {
      throw new AllocationError(`percentage of "${team}" is not a number: "${raw}"`, `percentages.${team}`);
    }
    if (!pct.isFinite() || pct.isNegative() || pct.greaterThan(ONE_HUNDRED)) throw new AllocationError(`percentage of "${team}" must be between 0 and 100, got ${raw}`, `percentages.${team}`);
    if (!recipients.includes(team)) throw new AllocationError(`"${team}" cannot receive shared cost (unknown team, or marked as shared platform)`, `percentages.${team}`);
    out.set(team, pct);
    sum = sum.plus(pct);
  }
  if (!sum.equals(ONE_HUNDRED)) throw new AllocationError(`fixed percentages must sum to exactly 100, they sum to ${sum.toFixed()}`, "percentages");
  return out;
}

export type PoolAllocation = {
  /** Cents per recipient team (every recipient present, zero included). */
  allocated: Map<string, Decimal>;
  /** The rule actually applied: "even" when proportional had nothing to be proportional to. */
  applied: AllocationRule | "none";
  note: string;
};

/**
 * Distributes the pool (whole cents) to recipient teams by a rule.
 * - proportional: weights = each recipient's direct cost (exact, before rounding). If every recipient's direct
 *   cost is zero, falls back to an even split (documented fallback; `applied` says "even").
 * - even: equal weights for every recipient.
 * - fixed: the validated percentages; recipients not named get nothing.
 * With no recipient at all the pool cannot be charged: nothing is allocated, applied = "none", and the caller
 * shows the pool as an unallocated line so the report still adds up.
 */
export function allocatePool(input: {
  poolCents: Decimal.Value;
  rule: AllocationRule;
  recipients: readonly string[];
  directExact: ReadonlyMap<string, Decimal.Value>;
  percentages?: Readonly<Record<string, string>>;
}): PoolAllocation {
  const { rule, recipients } = input;
  const pool = new Money(input.poolCents);
  if (rule === "fixed") {
    const pct = validatePercentages(input.percentages ?? {}, recipients);
    const weights = new Map(recipients.map((t) => [t, pct.get(t) ?? new Money(0)] as const));
    return { allocated: apportion(pool, weights), applied: "fixed", note: "fixed percentages" };
  }
  if (recipients.length === 0) return { allocated: new Map(), applied: "none", note: "no team can receive shared cost: the pool is left unallocated" };
  if (rule === "proportional") {
    const weights = new Map(recipients.map((t) => [t, new Money(input.directExact.get(t) ?? 0)] as const));
    if ([...weights.values()].some((w) => !w.isZero())) return { allocated: apportion(pool, weights), applied: "proportional", note: "proportional to direct cost" };
    const even = apportion(pool, new Map(recipients.map((t) => [t, 1] as const)));
    return { allocated: even, applied: "even", note: "proportional rule with no direct cost anywhere: split evenly instead" };
  }
  return { allocated: apportion(pool, new Map(recipients.map((t) => [t, 1] as const))), applied: "even", note: "even split" };
}
