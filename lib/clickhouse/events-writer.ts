import type { EventRow } from "@/lib/ingest/to-row";
import { chInsert, chQuery } from "./client";
import { existingEventIds } from "./queries/existing-event-ids";

/**
 * Writes event rows exactly once per event_id. Batches are serialized within the process (one process owns
 * the embedded store), so two overlapping batches cannot both see an id as new. Ids repeated inside a
 * batch keep their first occurrence.
 */
// On globalThis: route bundles may each carry a copy of this module, but the store is one per process.
const holder = globalThis as typeof globalThis & { __tokenledgerWriteQueue?: Promise<unknown> };

export type WriteResult = { accepted: number; duplicates: number };

/** Runs `work` after every earlier write or rewrite has finished, and before any later one starts. */
export function runExclusive<T>(work: () => Promise<T>): Promise<T> {
  const run = (holder.__tokenledgerWriteQueue ?? Promise.resolve()).then(work);
  holder.__tokenledgerWriteQueue = run.catch(() => undefined);
  return run;
}

export function writeEvents(rows: readonly EventRow[]): Promise<WriteResult> {
  return runExclusive(() => writeNow(rows));
}

async function writeNow(rows: readonly EventRow[]): Promise<WriteResult> {
  if (rows.length === 0) return { accepted: 0, duplicates: 0 };
  const unique = new Map<string, EventRow>();
  for (const r of rows) if (!unique.has(r.event_id)) unique.set(r.event_id, r);
  const candidates = [...unique.values()];
  let from = candidates[0].ts;
  let to = candidates[0].ts;
  for (const r of candidates) {
    if (r.ts < from) from = r.ts;
    if (r.ts > to) to = r.ts;
  }
  const stored = await chQuery(existingEventIds, { ids: candidates.map((r) => r.event_id), from, to });
  const seen = new Set(stored.map((r) => r.event_id));
  const fresh = candidates.filter((r) => !seen.has(r.event_id));
  await chInsert("usage_events", fresh);
  return { accepted: fresh.length, duplicates: rows.length - fresh.length };
}
