import Decimal from "decimal.js";
import { listBudgets } from "@/lib/db/budgets";
import { getOrgSettings } from "@/lib/db/org-settings";
import { listPrices } from "@/lib/db/price-book";
import { buildPriceIndex, type PriceIndex, type PriceRow } from "@/lib/finops/price-lookup";
import { onEventsStored } from "@/lib/ingest/after-store";
import type { EventRow } from "@/lib/ingest/to-row";
import { onThresholdCrossed } from "./events";
import { makeEntry, rowMatches, toWire, type Entry, type WireSnapshot } from "./check-entry";
import { budgetPeriod, filterOf, toBudget } from "./model";
import { totalSpend } from "./spend";
import { reachedThresholds } from "./thresholds";
import { logger } from "@/lib/log/logger";

export { matchOf, rowMatches, type Entry, type Match } from "./check-entry";

/**
 * In-memory budget state for the decision API: every budget's current period and its spend so far, loaded
 * from the store at first use and every REFRESH_MS (TOKENLEDGER_BUDGET_REFRESH_S, default 30 s), plus the
 * cost of each event stored since (lib/ingest/after-store.ts), so a decision never waits on a query.
 * A stale state is refreshed in the background while answers keep coming from the current one; an edit
 * of a budget marks it stale. Events stored while a refresh's queries run may be counted twice until the
 * next refresh: that errs towards stricter decisions, never laxer ones.
 * Kept on globalThis (one state per process, shared by the ingest and check routes' bundles).
 * Watchers (onBudgetState) hear every change: bin/serve.ts keeps the decision worker's copy in step with them.
 */
export type BudgetStateChange = { type: "loaded"; snapshot: WireSnapshot } | { type: "spend"; spends: [id: string, spend: string][] } | { type: "stale" };
type Watcher = (change: BudgetStateChange) => void;
// validFrom/validTo: the instants between which the set of running budgets and their periods stays as loaded.
type State = { entries: Entry[]; prices: PriceIndex; priceRows: PriceRow[]; loadedAt: number; validFrom: number; validTo: number; stale: boolean; edits: number; loading: Promise<void> | null; hooked: boolean; watchers: Set<Watcher> };

const REFRESH_MS = Number(process.env.TOKENLEDGER_BUDGET_REFRESH_S ?? 30) * 1000;
const holder = globalThis as typeof globalThis & { __tokenledgerBudgetState?: State };
const state: State = (holder.__tokenledgerBudgetState ??= { entries: [], prices: new Map(), priceRows: [], loadedAt: 0, validFrom: 0, validTo: 0, stale: true, edits: 0, loading: null, hooked: false, watchers: new Set() });

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
    entries.push(makeEntry(budget, period, filter, await totalSpend(filter, period.start, now, cal.timeZone)));
  }
  state.priceRows = await listPrices();
  state.prices = buildPriceIndex(state.priceRows);
  state.entries = entries;
  state.validFrom = validFrom;
  state.validTo = validTo;
  state.loadedAt = started;
  state.stale = state.edits !== edits; // an edit during this load needs another
  tell({ type: "loaded", snapshot: budgetSnapshot() });
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

/** Forces the next call to reload (a budget was created, edited or deleted, the organisation's calendar or the price book changed). */
export function notifyBudgetsChanged(): void {
  state.stale = true;
  state.edits++;
  tell({ type: "stale" });
}

/** The state as loaded, in its wire form (check-entry.ts). */
export function budgetSnapshot(): WireSnapshot {
  return toWire(state.entries, state.priceRows, state.validFrom, state.validTo, state.stale);
}

/** Calls `watcher` on every load, every spend added by ingest and every edit; returns the unsubscribe. */
export function onBudgetState(watcher: Watcher): () => void {
  state.watchers.add(watcher);
  return () => state.watchers.delete(watcher);
}

function tell(change: BudgetStateChange): void {
  for (const w of state.watchers) {
    try {
      w(change);
    } catch (err) {
      logger.error({ err }, "budget state watcher failed");
    }
  }
}

/** Waits for the state to be loaded now (tests, the bench's warm-up). */
export async function refreshBudgetState(now = Date.now()): Promise<void> {
  state.stale = true;
  await budgetEntries(now);
  if (state.loading) await state.loading;
}

/** The after-store listener: each new event's cost goes to every running budget it falls under. */
function addStoredSpend(rows: readonly EventRow[]): void {
  if (state.loadedAt === 0) return; // not loaded yet: the first load reads these from the store
  const spends: [string, string][] = [];
  // Each row's instant once, not once per budget (40 budgets × 100 events was 4,000 parses a batch).
  const times = rows.map((r) => Date.parse(`${r.ts.replace(" ", "T")}Z`));
  for (const e of state.entries) {
    const before = e.spend;
    const from = e.period.start.getTime();
    const to = e.period.end.getTime();
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const ts = times[i];
      if (ts < from || ts >= to || !rowMatches(e.match, r)) continue;
      e.spend = e.spend.plus(String(r.cost_usd ?? "0"));
    }
    if (e.spend.eq(before)) continue;
    spends.push([e.budget.id, e.spend.toFixed()]);
    void recordCrossings(e, before).catch((err) => logger.error({ err }, "budget event failed"));
  }
  if (spends.length) tell({ type: "spend", spends });
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
