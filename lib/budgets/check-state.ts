import Decimal from "decimal.js";
import { listBudgets } from "@/lib/db/budgets";
import { getOrgSettings } from "@/lib/db/org-settings";
import { listPrices } from "@/lib/db/price-book";
import type { BudgetFilter } from "@/lib/clickhouse/queries/budget-filter";
import { buildPriceIndex, type PriceIndex } from "@/lib/finops/price-lookup";
import { onEventsStored } from "@/lib/ingest/after-store";
import type { EventRow } from "@/lib/ingest/to-row";
import { onThresholdCrossed } from "./events";
import { budgetPeriod, filterOf, toBudget, type Budget, type BudgetPeriod } from "./model";
import { totalSpend } from "./spend";
import { limitsOf, reachedThresholds, type Limits } from "./thresholds";
import { logger } from "@/lib/log/logger";

/**
 * In-memory budget state for the decision API: every budget's current period and its spend so far, loaded
 * from the store at first use and every REFRESH_MS (TOKENLEDGER_BUDGET_REFRESH_S, default 30 s), plus the
 * cost of each event stored since (lib/ingest/after-store.ts), so a decision never waits on a query.
 * A stale state is refreshed in the background while answers keep coming from the current one; an edit
 * of a budget marks it stale. Events stored while a refresh's queries run may be counted twice until the
 * next refresh: that errs towards stricter decisions, never laxer ones.
 * Kept on globalThis (one state per process, shared by the ingest and check routes' bundles).
 */
// match and limits are the budget's filter and thresholds in the form a decision uses, computed once per load.
export type Entry = { budget: Budget; period: BudgetPeriod; filter: BudgetFilter; match: Match; limits: Limits; amount: Decimal; spend: Decimal };
// validFrom/validTo: the instants between which the set of running budgets and their periods stays as loaded.
type State = { entries: Entry[]; prices: PriceIndex; loadedAt: number; validFrom: number; validTo: number; stale: boolean; edits: number; loading: Promise<void> | null; hooked: boolean };

const REFRESH_MS = Number(process.env.TOKENLEDGER_BUDGET_REFRESH_S ?? 30) * 1000;
const holder = globalThis as typeof globalThis & { __tokenledgerBudgetState?: State };
const state: State = (holder.__tokenledgerBudgetState ??= { entries: [], prices: new Map(), loadedAt: 0, validFrom: 0, validTo: 0, stale: true, edits: 0, loading: null, hooked: false });

async function load(at: number): Promise<void> {
  const started = Date.now();
  const edits = state.edits;
  const cal = await getOrgSettings();
  const now = new Date(at);
  const entries: Entry[] = [];
  let validFrom = -Infinity;
  let validTo = Infinity;
  for (const row of await listBudgets()) {
    const budget = toBudget(row);
    const period = budgetPeriod(budget, now, cal);
    if (now >= period.end) {
      validFrom = Math.max(validFrom, period.end.getTime()); // a custom range that is over
      continue;
    }
    if (now < period.start) {
      validTo = Math.min(validTo, period.start.getTime()); // one that has not begun: it starts counting then
      continue;
    }
    validFrom = Math.max(validFrom, period.start.getTime());
    validTo = Math.min(validTo, period.end.getTime());
    const filter = filterOf(budget);
    entries.push({ budget, period, filter, match: matchOf(filter), limits: limitsOf(budget.thresholds, budget.amount_usd), amount: new Decimal(budget.amount_usd), spend: await totalSpend(filter, period.start, now, cal.timeZone) });
  }
  state.prices = buildPriceIndex(await listPrices());
  state.entries = entries;
  state.validFrom = validFrom;
  state.validTo = validTo;
  state.loadedAt = started;
  state.stale = state.edits !== edits; // an edit during this load needs another
  for (const e of entries) await recordCrossings(e, new Decimal(-1));
}

/** The current entries: waits for the first load; afterwards refreshes in the background when stale. */
export async function budgetEntries(now = Date.now()): Promise<{ entries: Entry[]; prices: PriceIndex }> {
  if (!state.hooked) {
    state.hooked = true;
    onEventsStored(addStoredSpend);
  }
  // A budget edit, or an instant where a period ended or began (a new month, a custom range starting, or a
  // caller asking about another instant), makes the state wrong, not just old: wait for the reload then.
  const wrong = state.stale || now >= state.validTo || now < state.validFrom;
  if ((wrong || Date.now() - state.loadedAt > REFRESH_MS) && !state.loading) {
    state.loading = load(now).finally(() => (state.loading = null));
    state.loading.catch((err) => logger.error({ err }, "budget state refresh failed"));
  }
  if ((wrong || state.loadedAt === 0) && state.loading) await state.loading;
  return { entries: state.entries, prices: state.prices };
}

/** Forces the next call to reload (a budget was created, edited or deleted). */
export function notifyBudgetsChanged(): void {
  state.stale = true;
  state.edits++;
}

/** Waits for the state to be loaded now (tests, the bench's warm-up). */
export async function refreshBudgetState(now = Date.now()): Promise<void> {
  state.stale = true;
  await budgetEntries(now);
  if (state.loading) await state.loading;
}

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

/** The after-store listener: each new event's cost goes to every running budget it falls under. */
function addStoredSpend(rows: readonly EventRow[]): void {
  if (state.loadedAt === 0) return; // not loaded yet: the first load reads these from the store
  for (const e of state.entries) {
    const before = e.spend;
    const from = e.period.start.getTime();
    const to = e.period.end.getTime();
    for (const r of rows) {
      const ts = Date.parse(`${r.ts.replace(" ", "T")}Z`);
      if (ts < from || ts >= to || !rowMatches(e.match, r)) continue;
      e.spend = e.spend.plus(String(r.cost_usd ?? "0"));
    }
    if (!e.spend.eq(before)) void recordCrossings(e, before).catch((err) => logger.error({ err }, "budget event failed"));
  }
}

/**
 * Thresholds newly reached since `before` are recorded (once each: the store's unique index). Crossings this
 * process has already seen recorded are remembered, so a refresh does not ask the metadata store again for
 * every reached threshold of every budget (each query costs the event loop a millisecond or more).
 */
const holderSeen = globalThis as typeof globalThis & { __tokenledgerCrossingsSeen?: Set<string> };
const seen = (holderSeen.__tokenledgerCrossingsSeen ??= new Set<string>());

async function recordCrossings(e: Entry, before: Decimal): Promise<void> {
  const already = new Set(before.isNeg() ? [] : reachedThresholds(e.budget.thresholds, before, e.budget.amount_usd).map((t) => t.percent));
  for (const t of reachedThresholds(e.budget.thresholds, e.spend, e.budget.amount_usd)) {
    const key = `${e.budget.id}|${e.period.key}|${t.percent}`;
    if (already.has(t.percent) || seen.has(key)) continue;
    await onThresholdCrossed({ budget: e.budget, period: e.period, threshold: t, kind: "crossed", spendUsd: e.spend.toDecimalPlaces(2).toFixed(2) });
    if (seen.size > 10_000) seen.clear();
    seen.add(key);
  }
}
