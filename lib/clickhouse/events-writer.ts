import "server-only";
import { differingFields, type EventConflict } from "@/lib/ingest/event-identity";
import type { EventRow } from "@/lib/ingest/to-row";
import { chInsert, chQuery, getStore } from "./client";
import { IdFilter } from "./id-filter";
import { ALL_EVENT_IDS_SQL, EVENT_COUNT_SQL, storedCopies } from "./queries/stored-copies";
import { updateRetryLedger } from "./retry-ledger";

/**
 * Writes event rows exactly once per event_id (PRODUCT.md event identity), with batches running concurrently
 * (the engine overlaps one batch's look-up with another's insert: measured +19 % throughput over one at a time).
 *
 * Identity is the event_id alone, whatever timestamp a copy carries: a copy that agrees with the standing one
 * (the stored copy, or the first of its batch) on every identity field is a duplicate; one that differs is a
 * conflict, reported with the differing fields; neither changes anything.
 *
 * Which ids are stored: an in-memory filter of every stored event_id (lib/clickhouse/id-filter.ts), filled
 * from the store on the first write of the process and kept up to date by every commit. An id the filter has
 * never seen is new: no query. Only "maybe stored" ids are looked up, without a time bound, which also brings
 * the stored copy to compare with. One process owns the embedded store, so the filter is the whole truth
 * there; with a ClickHouse server and several app instances, each instance knows only its own writes
 * (../../shared/SCALE-OUT.md: one writer per key is the way out).
 *
 * How two overlapping batches cannot both store an id: after its look-up, a batch claims its new ids in
 * `pending` synchronously (no await between the check of `pending` and the claim), so a later batch sees them.
 * A claimed id stays in `pending` after its insert commits until no look-up that started before that commit
 * is still running (such a look-up may not see the commit); `epoch` counts commits to know which. While an
 * id's insert is in flight, its claim holds that insert's outcome: a batch that found the id claimed waits
 * for it and, if that insert failed, writes the row itself, so a duplicate or conflict is only ever judged
 * against a copy that is stored. A failed insert releases its claims and its caller gets the error.
 *
 * Month rewrites (repricing, re-attribution) are exclusive: they wait for running writes, and writes wait
 * for a running rewrite.
 */
type Claim = { row: EventRow; state: number | Promise<boolean> }; // epoch of its commit, or the in-flight insert (true = stored)
type WriterState = {
  pending: Map<string, Claim>;
  epoch: number;
  queries: Map<number, number>; // running look-ups: token → epoch when they started
  nextToken: number;
  writers: number;
  drainWaiters: (() => void)[];
  rewrite: Promise<unknown> | null;
  ids: Promise<IdFilter> | null;
};

// On globalThis: route bundles may each carry a copy of this module, but the store is one per process.
const holder = globalThis as typeof globalThis & { __tokenledgerWriter?: WriterState };
const state: WriterState = (holder.__tokenledgerWriter ??= { pending: new Map(), epoch: 0, queries: new Map(), nextToken: 0, writers: 0, drainWaiters: [], rewrite: null, ids: null });

export type WriteResult = { accepted: number; duplicates: number; conflicts: EventConflict[] };
type Verdict = { kind: "accepted" } | { kind: "duplicate" } | { kind: "conflict"; fields: string[] };
type Standing = Record<string, unknown>;

async function loadStoredIds(): Promise<IdFilter> {
  const { client } = await getStore();
  const [{ n }] = await (await client.query({ query: EVENT_COUNT_SQL, format: "JSONEachRow" })).json<{ n: string }>();
  const filter = new IdFilter(Math.max(1 << 20, Number(n) * 2));
  const rs = await client.query({ query: ALL_EVENT_IDS_SQL, format: "JSONCompactEachRow" });
  for await (const rows of rs.stream<[string]>()) for (const r of rows) filter.add(r.json()[0]);
  return filter;
}

function storedIds(): Promise<IdFilter> {
  state.ids ??= loadStoredIds().catch((err) => {
    state.ids = null;
    throw err;
  });
  return state.ids;
}

/**
 * Drops the in-memory id filter; the next write fills it again from the store. For a store changed behind
 * the writer's back (tests that truncate tables); never while writes run.
 */
export function forgetStoredIds(): void {
  state.ids = null;
}

function prune(): void {
  const oldestRunningQuery = Math.min(Infinity, ...state.queries.values());
  for (const [id, claim] of state.pending) {
    if (typeof claim.state === "number" && claim.state <= oldestRunningQuery) state.pending.delete(id);
  }
}

/** Runs `work` with no write in progress and none starting until it ends (month rewrites). */
export async function runExclusive<T>(work: () => Promise<T>): Promise<T> {
  while (state.rewrite) await state.rewrite.catch(() => undefined);
  const run = (async () => {
    if (state.writers > 0) await new Promise<void>((resolve) => state.drainWaiters.push(resolve));
    return work();
  })();
  state.rewrite = run;
  try {
    return await run;
  } finally {
    if (state.rewrite === run) state.rewrite = null;
  }
}

export async function writeEvents(rows: readonly EventRow[]): Promise<WriteResult> {
  const { accepted, duplicates, conflicts } = await writeEventsReporting(rows);
  return { accepted, duplicates, conflicts };
}

/** writeEvents, also returning the rows this call stored (not duplicates or conflicts): for listeners of new spend (lib/ingest/after-store.ts). */
export async function writeEventsReporting(rows: readonly EventRow[]): Promise<WriteResult & { stored: EventRow[] }> {
  if (rows.length === 0) return { accepted: 0, duplicates: 0, conflicts: [], stored: [] };
  while (state.rewrite) await state.rewrite.catch(() => undefined);
  state.writers++;
  try {
    const { verdicts } = await writeNow(rows);
    const result: WriteResult = { accepted: 0, duplicates: 0, conflicts: [] };
    verdicts.forEach((v, index) => {
      if (v.kind === "accepted") result.accepted++;
      else if (v.kind === "duplicate") result.duplicates++;
      else result.conflicts.push({ index, event_id: rows[index].event_id, fields: v.fields });
    });
    // Stored and duplicate rows (not conflicts): a re-sent batch repairs a ledger a crash left behind.
    await updateRetryLedger(rows.filter((_, i) => verdicts[i].kind !== "conflict"));
    return { ...result, stored: rows.filter((_, i) => verdicts[i].kind === "accepted") };
  } finally {
    state.writers--;
    if (state.writers === 0) for (const resolve of state.drainWaiters.splice(0)) resolve();
  }
}

const judge = (row: EventRow, standing: Standing): Verdict => {
  const fields = differingFields(row, standing);
  return fields.length ? { kind: "conflict", fields } : { kind: "duplicate" };
};

async function writeNow(rows: readonly EventRow[]): Promise<{ verdicts: Verdict[]; standing: Map<string, Standing> }> {
  const ids = await storedIds();
  const verdicts: Verdict[] = new Array(rows.length);
  const firstIndex = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!firstIndex.has(r.event_id)) firstIndex.set(r.event_id, i);
  });
  const candidates = [...firstIndex.values()];
  // Look-up and classification are synchronous with each other up to the query: any id committed after this
  // point is still in `pending` when the claim step below runs.
  const maybe = candidates.map((i) => rows[i].event_id).filter((id) => !state.pending.has(id) && ids.mightContain(id));
  const stored = new Map<string, Standing>();
  if (maybe.length) {
    const token = state.nextToken++;
    state.queries.set(token, state.epoch);
    try {
      for (const copy of await chQuery(storedCopies, { ids: maybe })) stored.set(copy.event_id, copy);
    } finally {
      state.queries.delete(token);
    }
  }
  // Check and claim with no await in between: this is what makes concurrent batches exclusive.
  const standing = new Map<string, Standing>();
  const fresh: number[] = [];
  const waitingOn: { index: number; row: EventRow; outcome: Promise<boolean> }[] = [];
  for (const i of candidates) {
    const id = rows[i].event_id;
    const copy = stored.get(id);
    const claim = state.pending.get(id);
    if (copy) standing.set(id, copy);
    else if (claim === undefined) fresh.push(i);
    else if (typeof claim.state === "number") standing.set(id, claim.row);
    else waitingOn.push({ index: i, row: claim.row, outcome: claim.state });
  }
  let settle!: (stored: boolean) => void;
  const outcome = new Promise<boolean>((resolve) => (settle = resolve));
  for (const i of fresh) state.pending.set(rows[i].event_id, { row: rows[i], state: outcome });
  try {
    await chInsert("usage_events", fresh.map((i) => rows[i]));
  } catch (err) {
    for (const i of fresh) state.pending.delete(rows[i].event_id);
    settle(false);
    throw err;
  }
  state.epoch++;
  for (const i of fresh) {
    const id = rows[i].event_id;
    state.pending.set(id, { row: rows[i], state: state.epoch });
    ids.add(id);
    standing.set(id, rows[i]);
    verdicts[i] = { kind: "accepted" };
  }
  settle(true);
  prune();
  // Ids another batch was inserting: if that insert failed, they are not stored yet, so write them here.
  const orphans: number[] = [];
  for (const w of waitingOn) {
    if (await w.outcome) standing.set(rows[w.index].event_id, w.row);
    else orphans.push(w.index);
  }
  if (orphans.length) {
    const again = await writeNow(orphans.map((i) => rows[i]));
    orphans.forEach((i, k) => (verdicts[i] = again.verdicts[k]));
    for (const [id, copy] of again.standing) standing.set(id, copy);
  }
  rows.forEach((r, i) => {
    verdicts[i] ??= judge(r, standing.get(r.event_id)!);
  });
  return { verdicts, standing };
}
