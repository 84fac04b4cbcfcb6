/**
 * Per-key request rate limit: a token bucket per ingest key, in the process that owns the store (one per
 * embedded store; with a ClickHouse server and several app instances each enforces its own share).
 * `perMinute` requests refill evenly; a burst of up to a tenth of a minute's allowance (at least 5) is allowed.
 * On globalThis: one set of buckets per process, shared by Next's route bundles and the budget check's fast path
 * in bin/serve.ts (loaded outside Next), so a key's allowance is one allowance. The server's decision worker is
 * another thread with its own globals: shareRateLimits() puts the buckets in memory both threads see.
 */
type Bucket = { tokens: number; updated: number };
type Shared = { lock: Int32Array; ids: Int32Array; vals: Float64Array };
const holder = globalThis as typeof globalThis & { __tokenledgerRateBuckets?: Map<string, Bucket>; __tokenledgerRateShared?: Shared };
const buckets = (holder.__tokenledgerRateBuckets ??= new Map<string, Bucket>());

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Refills `b` to `now` and takes one token if there is one: 0, else the seconds until there is. Allocates nothing. */
function take(b: Bucket, perMinute: number, now: number): number {
  const capacity = Math.max(5, Math.ceil(perMinute / 10));
  const perMs = perMinute / 60_000;
  b.tokens = b.updated < 0 ? capacity : Math.min(capacity, b.tokens + (now - b.updated) * perMs);
  b.updated = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
}

const decision = (retryAfterSeconds: number): RateDecision => (retryAfterSeconds === 0 ? { ok: true } : { ok: false, retryAfterSeconds });

export function takeToken(keyId: string, perMinute: number, now = Date.now()): RateDecision {
  const shared = holder.__tokenledgerRateShared;
  if (shared) {
    const wait = takeShared(shared, keyId, perMinute, now);
    if (wait >= 0) return decision(wait);
  }
  let b = buckets.get(keyId);
  if (!b) buckets.set(keyId, (b = { tokens: 0, updated: -1 }));
  return decision(take(b, perMinute, now));
}

/** Forget all buckets (tests). */
export function resetRateLimits(): void {
  buckets.clear();
  const shared = holder.__tokenledgerRateShared;
  if (shared) {
    shared.ids.fill(0);
    shared.vals.fill(0);
  }
}

// Shared buckets: SLOTS slots of (two 32-bit hashes of the key id; tokens, last update), open addressing, one
// spin lock (a take is a few arithmetic operations, nothing allocates while it is held). Two key ids with both
// hashes equal would share a bucket (stricter, never laxer); a full table falls back to this thread's own map.
const SLOTS = 1024;

/**
 * Makes this thread's buckets shared memory: without an argument a new table (the main thread; pass the result to
 * the worker), with one the table another thread made. Idempotent per thread.
 */
export function shareRateLimits(buffer?: SharedArrayBuffer): SharedArrayBuffer {
  const existing = holder.__tokenledgerRateShared;
  if (existing && (!buffer || existing.lock.buffer === buffer)) return existing.lock.buffer as SharedArrayBuffer;
  const sab = buffer ?? new SharedArrayBuffer(8 + SLOTS * 8 + SLOTS * 16);
  holder.__tokenledgerRateShared = { lock: new Int32Array(sab, 0, 1), ids: new Int32Array(sab, 8, SLOTS * 2), vals: new Float64Array(sab, 8 + SLOTS * 8, SLOTS * 2) };
  return sab;
}

function hashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 5381;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = (Math.imul(b, 33) + c) | 0;
  }
  return [a | 1, b]; // a is never 0: (0, x) marks an empty slot
}

const scratch: Bucket = { tokens: 0, updated: 0 };

/** take() on the shared bucket of `keyId`; -1 when the table is full. Nothing allocates while the lock is held. */
function takeShared({ lock, ids, vals }: Shared, keyId: string, perMinute: number, now: number): number {
  const [h1, h2] = hashes(keyId);
  while (Atomics.compareExchange(lock, 0, 0, 1) !== 0); // held for a few arithmetic operations
  try {
    for (let i = 0, slot = (h1 >>> 0) % SLOTS; i < SLOTS; i++, slot = (slot + 1) % SLOTS) {
      const empty = ids[slot * 2] === 0;
      if (!empty && (ids[slot * 2] !== h1 || ids[slot * 2 + 1] !== h2)) continue;
      if (empty) {
        ids[slot * 2] = h1;
        ids[slot * 2 + 1] = h2;
        vals[slot * 2 + 1] = -1; // new: full bucket
      }
      scratch.tokens = vals[slot * 2];
      scratch.updated = vals[slot * 2 + 1];
      const wait = take(scratch, perMinute, now);
      vals[slot * 2] = scratch.tokens;
      vals[slot * 2 + 1] = scratch.updated;
      return wait;
    }
    return -1;
  } finally {
    Atomics.store(lock, 0, 0);
  }
}
