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
import { reachedThresholds } from "./thresholds";
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
export type Entry = { budget: Budget; period: BudgetPeriod; filter: BudgetFilter; spend: Decimal };
type State = { entries: Entry[]; prices: PriceIndex; loadedAt: number; stale: boolean; edits: number; loading: Promise<void> | null; hooked: boolean };

const REFRESH_MS = Number(process.env.TOKENLEDGER_BUDGET_REFRESH_S ?? 30) * 1000;
const holder = globalThis as typeof globalThis & { __tokenledgerBudgetState?: State };
const state: State = (holder.__tokenledgerBudgetState ??= { entries: [], prices: new Map(), loadedAt: 0, stale: true, edits: 0, loading: null, hooked: false });

async function load(): Promise<void> {
  const started = Date.now();
  const edits = state.edits;
  const cal = await getOrgSettings();
  const now = new Date();
  const entries: Entry[] = [];
  for (const row of await listBudgets()) {
    const budget = toBudget(row);
    const period = budgetPeriod(budget, now, cal);
    if (now < period.start || now >= period.end) continue; // not running now: nothing to decide on
    const filter = filterOf(budget);
    entries.push({ budget, period, filter, spend: await totalSpend(filter, period.start, now, cal.timeZone) });
  }
  state.prices = buildPriceIndex(await listPrices());
  state.entries = entries;
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
  // A budget edit or a period that ended makes the state wrong, not just old: wait for the reload then.
  const wrong = state.stale || state.entries.some((e) => now >= e.period.end.getTime());
  if ((wrong || now - state.loadedAt > REFRESH_MS) && !state.loading) {
    state.loading = load().finally(() => (state.loading = null));
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
export async function refreshBudgetState(): Promise<void> {
  state.stale = true;
  await budgetEntries();
  if (state.loading) await state.loading;
}

const DIM_COLUMN: Record<keyof BudgetFilter, string> = { team: "team", repo: "repo", feature: "feature", customer: "customer", work_item: "work_item", ingest_key: "ingest_key_id" };

export function rowMatches(filter: BudgetFilter, row: Record<string, unknown>): boolean {
  for (const [dim, value] of Object.entries(filter) as [keyof BudgetFilter, string][]) {
    if ((row[DIM_COLUMN[dim]] ?? "") !== value) return false;
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
      if (ts < from || ts >= to || !rowMatches(e.filter, r)) continue;
      e.spend = e.spend.plus(String(r.cost_usd ?? "0"));
    }
    if (!e.spend.eq(before)) void recordCrossings(e, before).catch((err) => logger.error({ err }, "budget event failed"));
  }
}

/** Thresholds newly reached since `before` are recorded (once each: the store's unique index). */
async function recordCrossings(e: Entry, before: Decimal): Promise<void> {
  const already = new Set(before.isNeg() ? [] : reachedThresholds(e.budget.thresholds, before, e.budget.amount_usd).map((t) => t.percent));
  for (const t of reachedThresholds(e.budget.thresholds, e.spend, e.budget.amount_usd)) {
    if (!already.has(t.percent)) await onThresholdCrossed({ budget: e.budget, period: e.period, threshold: t, kind: "crossed", spendUsd: e.spend.toDecimalPlaces(2).toFixed(2) });
  }
}
