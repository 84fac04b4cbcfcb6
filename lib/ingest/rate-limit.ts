/**
 * Per-key request rate limit: a token bucket per ingest key, in the process that owns the store (one per
 * embedded store; with a ClickHouse server and several app instances each enforces its own share).
 * `perMinute` requests refill evenly; a burst of up to a tenth of a minute's allowance (at least 5) is allowed.
 * On globalThis: one set of buckets per process, shared by Next's route bundles and the budget check's fast path
 * in bin/serve.ts (loaded outside Next), so a key's allowance is one allowance.
 */
type Bucket = { tokens: number; updated: number };
const holder = globalThis as typeof globalThis & { __tokenledgerRateBuckets?: Map<string, Bucket> };
const buckets = (holder.__tokenledgerRateBuckets ??= new Map<string, Bucket>());

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export function takeToken(keyId: string, perMinute: number, now = Date.now()): RateDecision {
  const capacity = Math.max(5, Math.ceil(perMinute / 10));
  const perMs = perMinute / 60_000;
  const b = buckets.get(keyId) ?? { tokens: capacity, updated: now };
  b.tokens = Math.min(capacity, b.tokens + (now - b.updated) * perMs);
  b.updated = now;
  buckets.set(keyId, b);
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return { ok: true };
  }
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
}

/** Forget all buckets (tests). */
export function resetRateLimits(): void {
  buckets.clear();
}
