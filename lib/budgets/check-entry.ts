import Decimal from "decimal.js";
import type { BudgetFilter } from "@/lib/clickhouse/queries/budget-filter";
import { buildPriceIndex, type PriceIndex, type PriceRow } from "@/lib/finops/price-lookup";
import type { Budget, BudgetPeriod } from "./model";
import { limitsOf, type Limits } from "./thresholds";

/**
 * One running budget as the decision API holds it in memory, and the plain form it travels in between threads
 * (bin/serve.ts answers the decision API in a worker thread fed from the main thread's state, check-state.ts):
 * structured clone keeps Dates and plain objects but not Decimal, so spend travels as a decimal string and
 * the derived parts (match, limits, amount) are rebuilt on arrival. No storage imports: the worker loads this.
 */
// match and limits are the budget's filter and thresholds in the form a decision uses, computed once per load.
export type Entry = { budget: Budget; period: BudgetPeriod; filter: BudgetFilter; match: Match; limits: Limits; amount: Decimal; spend: Decimal };

/** The entries and prices a decision reads. */
export type DecisionState = { entries: readonly Entry[]; prices: PriceIndex };

const DIM_COLUMN: Record<keyof BudgetFilter, string> = { team: "team", repo: "repo", feature: "feature", customer: "customer", work_item: "work_item", ingest_key: "ingest_key_id" };

/** A filter as the event columns and values it requires. */
export type Match = readonly (readonly [string, string])[];
export function matchOf(filter: BudgetFilter): Match {
  return (Object.entries(filter) as [keyof BudgetFilter, string][]).map(([dim, value]) => [DIM_COLUMN[dim], value] as const);
}

export function rowMatches(match: Match, row: Record<string, unknown>): boolean {
  for (const [column, value] of match) {
    if ((row[column] ?? "") !== value) return false;
  }
  return true;
}

export function makeEntry(budget: Budget, period: BudgetPeriod, filter: BudgetFilter, spend: Decimal): Entry {
  return { budget, period, filter, match: matchOf(filter), limits: limitsOf(budget.thresholds, budget.amount_usd), amount: new Decimal(budget.amount_usd), spend };
}

/**
 * A loaded state on the wire. validFrom/validTo: the instants between which the set of running budgets and
 * their periods stays as loaded; stale: a budget or calendar edit arrived while it loaded (another load follows).
 */
export type WireEntry = { budget: Budget; period: BudgetPeriod; filter: BudgetFilter; spend: string };
export type WireSnapshot = { entries: WireEntry[]; prices: PriceRow[]; validFrom: number; validTo: number; stale: boolean };

export function toWire(entries: readonly Entry[], prices: readonly PriceRow[], validFrom: number, validTo: number, stale: boolean): WireSnapshot {
  return { entries: entries.map((e) => ({ budget: e.budget, period: e.period, filter: e.filter, spend: e.spend.toFixed() })), prices: [...prices], validFrom, validTo, stale };
}

export function fromWire(s: WireSnapshot): DecisionState {
  return { entries: s.entries.map((e) => makeEntry(e.budget, e.period, e.filter, new Decimal(e.spend))), prices: buildPriceIndex(s.prices) };
}
