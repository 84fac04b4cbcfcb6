/**
 * The main thread's side of the decision worker (bin/check-worker.ts): it owns the stores, so it keeps the
 * budget state (lib/budgets/check-state.ts) loaded and fresh, tells the worker every change (loads, spend added
 * by ingest, edits), answers its key verifications from the metadata store, and tells it of revocations.
 */
import type { Worker } from "node:worker_threads";
import { budgetEntries, budgetSnapshot, onBudgetState } from "../lib/budgets/check-state";
import { onIngestKeyRevoked, verifyIngestKeyNow } from "../lib/db/ingest-keys";
import { logger } from "../lib/log/logger";
import type { FromWorker, ToWorker } from "./check-worker";

export function feedCheckWorker(worker: Worker): () => void {
  const post = (m: ToWorker) => worker.postMessage(m);
  const offState = onBudgetState((change) => post({ type: "state", change }));
  const offKeys = onIngestKeyRevoked(() => post({ type: "keys-changed" }));
  const onMessage = (m: FromWorker) => {
    if (m.type === "fresh") {
      // The worker's copy is wrong at m.now (an edit, a period edge): load for that instant, then send it even if
      // this thread's state was already right (the load that made it so may have been sent before the worker asked).
      budgetEntries(m.now).then(
        () => post({ type: "state", change: { type: "loaded", snapshot: budgetSnapshot() } }),
        (err: unknown) => {
          logger.error({ err }, "budget state load for the decision worker failed");
          post({ type: "load-failed", message: "Budget state could not be loaded from the store" });
        },
      );
    } else if (m.type === "verify") {
      verifyIngestKeyNow(m.secret).then(
        (k) => post({ type: "verified", id: m.id, key: k && { id: k.id, name: k.name, defaultTeam: k.defaultTeam, rateLimitPerMinute: k.rateLimitPerMinute } }),
        (err: unknown) => {
          logger.error({ err }, "ingest key verification for the decision worker failed");
          post({ type: "verified", id: m.id, key: null, error: "key verification failed" });
        },
      );
    }
  };
  worker.on("message", onMessage);
  // No decision runs in this thread to trigger refreshes: ask every second, budgetEntries reloads when the state
  // is older than its refresh interval (TOKENLEDGER_BUDGET_REFRESH_S) or wrong; the first call also hooks ingest.
  const tick = () => void budgetEntries().catch((err: unknown) => logger.error({ err }, "budget state refresh failed"));
  tick();
  const timer = setInterval(tick, 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    offState();
    offKeys();
    worker.off("message", onMessage);
  };
}
