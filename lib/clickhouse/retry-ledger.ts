import "server-only";
import { chCommand, chQuery, getStore } from "./client";
import { INSERT_WASTED_ATTEMPTS, ledgerMonths, REBUILD_MONTHS_INTO_STAGING } from "./queries/retry-ledger";

/**
 * Keeps the retry ledger (migration 0004) equal to PRODUCT.md's definition over the stored events. After a
 * batch is stored, every logical request it touches is judged again whole (all its stored attempts, in any
 * month) and its wasted attempts that the ledger lacks are added. Runs one judgement at a time, after the
 * batch's insert committed: of two batches holding attempts of one request, the second to run sees both,
 * whatever order they committed in. Idempotent, so it runs for re-sent batches too: that repairs a ledger
 * left behind by a crash between an insert and its ledger update.
 *
 * The verdicts depend only on the stored events, so the incremental ledger and a rebuild (`rebuildRetryLedger`,
 * used by month rewrites, `cli verify --repair` and migrations) agree on any input, whatever the batching,
 * arrival order or distance between attempts (../../shared/SCALE-OUT.md: with one writer per request key,
 * the same judgement runs per partition).
 */
export type LedgerRow = Record<string, unknown> & { request_id?: unknown };

const holder = globalThis as typeof globalThis & { __tokenledgerLedger?: Promise<unknown> };

function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = (holder.__tokenledgerLedger ?? Promise.resolve()).catch(() => undefined).then(work);
  holder.__tokenledgerLedger = run;
  return run;
}

/**
 * Batches that finish while the ledger is busy are judged together in its next run: one statement for all
 * of them (measured: each ledger statement costs ~10-25 ms whatever its size, which cost a third of ingest
 * throughput when run per batch). Each caller still resolves only after its rows ran.
 */
type Waiting = { ids: string[]; done: (err?: unknown) => void };
const queue: Waiting[] = [];
let draining = false;

export function updateRetryLedger(rows: readonly LedgerRow[]): Promise<void> {
  const ids = [...new Set(rows.map((r) => r.request_id).filter((id): id is string => typeof id === "string" && id !== ""))];
  if (ids.length === 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    queue.push({ ids, done: (err) => (err === undefined ? resolve() : reject(err)) });
    if (!draining) void drain();
  });
}

async function drain(): Promise<void> {
  draining = true;
  try {
    while (queue.length) {
      const jobs = queue.splice(0);
      try {
        const ids = [...new Set(jobs.flatMap((j) => j.ids))];
        await serially(() => chCommand(INSERT_WASTED_ATTEMPTS, { ids }));
        for (const j of jobs) j.done();
      } catch (err) {
        for (const j of jobs) j.done(err);
      }
    }
  } finally {
    draining = false;
  }
}

const validMonth = (month: number) => {
  // Partition ids are not bindable parameters in ALTER ... PARTITION; the value is a validated integer.
  if (!Number.isInteger(month) || month < 200001 || month > 299912) throw new Error(`Invalid month ${month}`);
  return month;
};

/**
 * Rebuilds these months of the ledger from usage_events (each request judged over all its attempts) and
 * swaps each in (REPLACE PARTITION), so readers see a month's old rows or its new ones. Callers hold the
 * writer exclusively (month rewrites, migrations, verify --repair).
 */
export function rebuildRetryLedger(months: readonly number[]): Promise<void> {
  const list = [...new Set(months.map(validMonth))].sort((a, b) => a - b);
  if (list.length === 0) return Promise.resolve();
  return serially(async () => {
    const { client } = await getStore();
    await client.command({ query: "TRUNCATE TABLE retry_waste_rewrite" });
    await chCommand(REBUILD_MONTHS_INTO_STAGING, { months: list });
    // A month that no longer has wasted attempts must end up empty: replacing from an empty source is meant.
    for (const month of list)
      await client.command({ query: `ALTER TABLE retry_waste REPLACE PARTITION ${month} FROM retry_waste_rewrite`, clickhouse_settings: { allow_replace_partition_from_empty_source: 1 } });
    await client.command({ query: "TRUNCATE TABLE retry_waste_rewrite" });
  });
}

export function rebuildRetryMonth(month: number): Promise<void> {
  return rebuildRetryLedger([month]);
}

/** Rebuilds the whole ledger (a migration changed its definition). */
export async function rebuildWholeRetryLedger(): Promise<void> {
  await rebuildRetryLedger((await chQuery(ledgerMonths, {})).map((r) => r.m));
}
