import type { EventRow } from "./to-row";
import { logger } from "@/lib/log/logger";

/**
 * Listeners of newly stored events (not duplicates), called after each ingest batch is stored. Ingest knows
 * nothing about who listens: the budget decision state (lib/budgets/check-state.ts) registers itself here to
 * add new spend between refreshes. Kept on globalThis: Next may load a module once per route bundle, and
 * the ingest route and the budget-check route must share one registry. A listener's error never fails ingest.
 */
type Listener = (rows: readonly EventRow[]) => void;
const holder = globalThis as typeof globalThis & { __tokenledgerAfterStore?: Set<Listener> };
const listeners = (holder.__tokenledgerAfterStore ??= new Set());

export function onEventsStored(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function eventsStored(rows: readonly EventRow[]): void {
  if (rows.length === 0) return;
  for (const l of listeners) {
    try {
      l(rows);
    } catch (err) {
      logger.error({ err }, "after-store listener failed");
    }
  }
}
