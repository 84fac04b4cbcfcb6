import "server-only";
import { chCommand, chQuery, getStore } from "./client";
import { INSERT_WASTED_ATTEMPTS, REBUILD_MONTH_INTO_STAGING, retriedRequestIds } from "./queries/retry-ledger";

/**
 * Keeps the retry ledger (migration 0004) up to date as events are written. After a batch is stored, the
 * requests it touches that have (or now get) more than one attempt are re-judged and their newly superseded
 * attempts are added to retry_waste. Runs one batch at a time, after that batch's insert committed: of two
 * batches holding attempts of one request, the second to run sees both, whatever order they committed in.
 * Idempotent (an attempt already in the ledger is never added again), so it runs for re-sent batches too:
 * that repairs a ledger left behind by a crash between an insert and its ledger update.
 */
export type LedgerRow = { request_id?: unknown; attempt?: unknown; ts: string };

/** How far apart two attempts of one request may be and still be matched (each way). */
const RETRY_MATCH_WINDOW_MS = 24 * 3600 * 1000;

const holder = globalThis as typeof globalThis & { __tokenledgerLedger?: Promise<unknown> };

function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = (holder.__tokenledgerLedger ?? Promise.resolve()).catch(() => undefined).then(work);
  holder.__tokenledgerLedger = run;
  return run;
}

const chTs = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");
const tsMs = (ts: string) => Date.parse(`${ts.replace(" ", "T")}Z`);

/**
 * Batches that finish while the ledger is busy are judged together in its next run: one look-up and one
 * insert for all of them (measured: each ledger statement costs ~10-25 ms whatever its size, which cost
 * a third of ingest throughput when run per batch). Each caller still resolves only after its rows ran.
 */
type Waiting = { rows: readonly LedgerRow[]; done: (err?: unknown) => void };
const queue: Waiting[] = [];
let draining = false;

export function updateRetryLedger(rows: readonly LedgerRow[]): Promise<void> {
  if (!rows.some((r) => typeof r.request_id === "string" && r.request_id !== "")) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    queue.push({ rows, done: (err) => (err === undefined ? resolve() : reject(err)) });
    if (!draining) void drain();
  });
}

async function drain(): Promise<void> {
  draining = true;
  try {
    while (queue.length) {
      const jobs = queue.splice(0);
      try {
        await judge(jobs.flatMap((j) => j.rows));
        for (const j of jobs) j.done();
      } catch (err) {
        for (const j of jobs) j.done(err);
      }
    }
  } finally {
    draining = false;
  }
}

function judge(rows: readonly LedgerRow[]): Promise<void> {
  const retried = new Set<string>();
  const single = new Set<string>();
  for (const r of rows) {
    if (typeof r.request_id !== "string" || r.request_id === "") continue;
    // Two events of one request in a batch need judging even if both say attempt 1.
    if (Number(r.attempt ?? 1) > 1 || single.has(r.request_id)) retried.add(r.request_id);
    else single.add(r.request_id);
  }
  if (retried.size === 0 && single.size === 0) return Promise.resolve();
  return serially(async () => {
    // A lone first attempt matters only if a later attempt of its request is already stored (it came first).
    // Limit: two events that both claim attempt 1 of a request, sent in different batches, are not matched.
    const candidates = [...single].filter((id) => !retried.has(id));
    if (candidates.length) for (const r of await chQuery(retriedRequestIds, { ids: candidates })) retried.add(r.request_id);
    if (retried.size === 0) return;
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      if (typeof r.request_id !== "string" || !retried.has(r.request_id)) continue;
      const t = tsMs(r.ts);
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
    await chCommand(INSERT_WASTED_ATTEMPTS, { ids: [...retried], lo: chTs(lo - RETRY_MATCH_WINDOW_MS), hi: chTs(hi + RETRY_MATCH_WINDOW_MS + 1) });
  });
}

/** Month bounds widened by the match window, as ClickHouse DateTime64 text. */
export function monthWindow(month: number): { lo: string; hi: string } {
  const y = Math.floor(month / 100);
  const m = month % 100;
  return { lo: chTs(Date.UTC(y, m - 1, 1) - RETRY_MATCH_WINDOW_MS), hi: chTs(Date.UTC(y, m, 1) + RETRY_MATCH_WINDOW_MS) };
}

/**
 * Rebuilds the ledger of one month from usage_events and swaps it in (REPLACE PARTITION), so readers see
 * the old month or the new one. Callers hold the writer exclusively (month rewrites, backfill at boot).
 */
export function rebuildRetryMonth(month: number): Promise<void> {
  // Partition ids are not bindable parameters in ALTER ... PARTITION; the value is a validated integer.
  if (!Number.isInteger(month) || month < 200001 || month > 299912) throw new Error(`Invalid month ${month}`);
  return serially(async () => {
    const { client } = await getStore();
    await client.command({ query: "TRUNCATE TABLE retry_waste_rewrite" });
    await chCommand(REBUILD_MONTH_INTO_STAGING, { ...monthWindow(month), month });
    // A month that no longer has wasted attempts must end up empty: replacing from an empty source is meant.
    await client.command({ query: `ALTER TABLE retry_waste REPLACE PARTITION ${month} FROM retry_waste_rewrite`, clickhouse_settings: { allow_replace_partition_from_empty_source: 1 } });
    await client.command({ query: "TRUNCATE TABLE retry_waste_rewrite" });
  });
}
