import Decimal from "decimal.js";
import { UnavailableError } from "@/lib/errors";
import { fromWire, type DecisionState, type Entry, type WireSnapshot } from "./check-entry";
import type { BudgetStateChange } from "./check-state";

/**
 * The decision worker's copy of the budget state (bin/serve.ts): the main thread owns the store and the real
 * state (check-state.ts) and sends every change here: each load as a snapshot, each ingest batch's new spend
 * per budget, each edit. Answers come from this copy without waiting, except when it is wrong rather than just
 * old (an edit not yet reloaded, an instant outside the period edges it was loaded for): then a decision
 * asks the main thread for a fresh load and waits for it, as the in-process state does (check-state.ts).
 * No storage imports: the worker loads this.
 */
export class CheckMirror {
  private state: DecisionState | null = null;
  private byId = new Map<string, Entry>();
  private validFrom = 0;
  private validTo = 0;
  private stale = true;
  private waiters: { resolve: () => void; reject: (err: Error) => void }[] = [];
  private asked = false;

  /** requestFresh(now): ask the owner for a load valid at `now`; it answers with a "loaded" change. */
  constructor(private readonly requestFresh: (now: number) => void) {}

  apply(change: BudgetStateChange): void {
    if (change.type === "stale") {
      this.stale = true;
    } else if (change.type === "loaded") {
      this.load(change.snapshot);
    } else if (this.state) {
      for (const [id, spend] of change.spends) {
        const e = this.byId.get(id);
        if (e) e.spend = new Decimal(spend);
      }
    }
  }

  private load(s: WireSnapshot): void {
    this.state = fromWire(s);
    this.byId = new Map(this.state.entries.map((e) => [e.budget.id, e]));
    this.validFrom = s.validFrom;
    this.validTo = s.validTo;
    this.stale = s.stale;
    this.asked = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.resolve();
  }

  /** The load asked for failed: the decisions waiting for it fail (503) rather than wait on. */
  fail(message: string): void {
    this.asked = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(new UnavailableError(message, 5));
  }

  private wrong(now: number): boolean {
    return !this.state || this.stale || now >= this.validTo || now < this.validFrom;
  }

  /** The state to decide at `now` with: at once when right, else after the loads it takes (bounded). */
  async current(now: number, timeoutMs = 30_000): Promise<DecisionState> {
    const deadline = Date.now() + timeoutMs;
    while (this.wrong(now)) {
      if (Date.now() > deadline) throw new UnavailableError("Budget state did not load in time", 5);
      if (!this.asked) {
        this.asked = true;
        this.requestFresh(now);
      }
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        const done = () => clearTimeout(t);
        this.waiters.push({ resolve: () => (done(), resolve()), reject: (err) => (done(), reject(err)) });
      });
      this.asked = false; // a load arrived (or the wait ended): if still wrong, ask again
    }
    return this.state!;
  }
}
