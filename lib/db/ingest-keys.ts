import "server-only";
import { InvalidInputError } from "@/lib/errors";
import { createHash, randomBytes } from "node:crypto";
import { db } from "./prisma";

/**
 * Ingest keys: bearer secrets that only ingest. The secret is shown once and stored as a SHA-256 hash:
 * keys are 192 random bits, so a fast hash is safe (a memory-hard hash is for guessable passwords) and
 * keeps per-request verification cheap.
 */
export const INGEST_KEY_PREFIX = "tlk_";

export const hashKey = (secret: string) => createHash("sha256").update(secret).digest("hex");

export type IngestKeyInfo = { id: string; name: string; prefix: string; defaultTeam: string | null; source: string | null; rateLimitPerMinute: number; allowedTeams: string[]; lastUsedAt: Date | null; revokedAt: Date | null; createdAt: Date };

const splitTeams = (s: string) => s.split(",").map((t) => t.trim()).filter(Boolean);

/** Creates a key; the returned secret is never retrievable again. */
export async function createIngestKey(input: { name: string; teamSlug?: string; source?: string; rateLimitPerMinute?: number; allowedTeams?: readonly string[] }): Promise<{ id: string; secret: string; prefix: string }> {
  const prisma = await db();
  let defaultTeamId: string | null = null;
  if (input.teamSlug) {
    const team = await prisma.team.findUnique({ where: { slug: input.teamSlug } });
    if (!team) throw new InvalidInputError(`Unknown team "${input.teamSlug}"`);
    defaultTeamId = team.id;
  }
  const secret = INGEST_KEY_PREFIX + randomBytes(24).toString("base64url");
  const prefix = secret.slice(0, INGEST_KEY_PREFIX.length + 6);
  const row = await prisma.ingestKey.create({
    data: {
      name: input.name,
      prefix,
      hash: hashKey(secret),
      defaultTeamId,
      source: input.source ?? null,
      rateLimitPerMinute: input.rateLimitPerMinute ?? 600,
      allowedTeams: (input.allowedTeams ?? []).join(","),
    },
  });
  return { id: row.id, secret, prefix };
}

/** Lists keys (never secrets). */
export async function listIngestKeys(): Promise<IngestKeyInfo[]> {
  const rows = await (await db()).ingestKey.findMany({ include: { defaultTeam: true }, orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    defaultTeam: r.defaultTeam?.slug ?? null,
    source: r.source,
    rateLimitPerMinute: r.rateLimitPerMinute,
    allowedTeams: splitTeams(r.allowedTeams),
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
    createdAt: r.createdAt,
  }));
}

export async function revokeIngestKey(id: string): Promise<boolean> {
  const res = await (await db()).ingestKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  keyCache.clear(); // after the write: a verification racing with it cannot re-cache the key
  for (const listener of revokeListeners) listener();
  return res.count > 0;
}

// Told after a revoke in this process: bin/serve.ts's decision worker keeps its own verified keys and drops them.
// On globalThis: the revoking route's bundle and bin/serve.ts load this module separately.
const revokeHolder = globalThis as typeof globalThis & { __tokenledgerKeyRevoked?: Set<() => void> };
const revokeListeners = (revokeHolder.__tokenledgerKeyRevoked ??= new Set());

export function onIngestKeyRevoked(listener: () => void): () => void {
  revokeListeners.add(listener);
  return () => revokeListeners.delete(listener);
}

export type VerifiedKey = { id: string; name: string; defaultTeam: string | null; source: string | null; rateLimitPerMinute: number; allowedTeams: string[] };

const LAST_USED_EVERY_MS = 60_000;
const lastUsedWritten = new Map<string, number>();

/**
 * Verified keys are cached by the hash of their secret. A metadata-store lookup costs milliseconds (the Prisma
 * query compiler runs on the event loop), too much to pay inline on the budget decision API's hot path, so:
 * - within KEY_FRESH_MS of its last verification a key is used as is;
 * - after that it is still used, while ONE background lookup per key re-verifies it (no thundering herd, no
 *   request waits); a revoked or deleted key is dropped from the cache as soon as that lookup answers;
 * - after KEY_MAX_STALE_MS without a successful re-verification (idle key, failing store) a request waits for
 *   the lookup, as on a miss.
 * So a key revoked by another process (the CLI while the server runs) stops working within about KEY_FRESH_MS
 * plus one lookup for a key in use, and never later than KEY_MAX_STALE_MS; revoking in this process clears the
 * cache at once. On globalThis: one per process even when Next loads this module once per route bundle, and
 * shared with the fast path in bin/serve.ts.
 */
const KEY_FRESH_MS = 2_000;
const KEY_MAX_STALE_MS = 10_000;
type Cached = { key: VerifiedKey; verifiedAt: number; refreshing: boolean };
const keyHolder = globalThis as typeof globalThis & { __tokenledgerKeyCache?: Map<string, Cached> };
const keyCache = (keyHolder.__tokenledgerKeyCache ??= new Map());

async function lookup(hash: string): Promise<VerifiedKey | null> {
  const prisma = await db();
  const row = await prisma.ingestKey.findUnique({ where: { hash }, include: { defaultTeam: true } });
  if (!row || row.revokedAt) {
    keyCache.delete(hash);
    return null;
  }
  const now = Date.now();
  if (now - (lastUsedWritten.get(row.id) ?? 0) > LAST_USED_EVERY_MS) {
    lastUsedWritten.set(row.id, now);
    // Bookkeeping, not verification: never make a request wait for this write.
    void prisma.ingestKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } }).catch((err: unknown) => console.error("[tokenledger] recording key use failed", err));
  }
  const key = { id: row.id, name: row.name, defaultTeam: row.defaultTeam?.slug ?? null, source: row.source, rateLimitPerMinute: row.rateLimitPerMinute, allowedTeams: splitTeams(row.allowedTeams) };
  if (keyCache.size > 1000) keyCache.clear();
  keyCache.set(hash, { key, verifiedAt: now, refreshing: false });
  return key;
}

/** The live key for a secret as the store says now (no cache), or null: for a cache kept elsewhere (bin/check-worker.ts). */
export function verifyIngestKeyNow(secret: string): Promise<VerifiedKey | null> {
  return secret.startsWith(INGEST_KEY_PREFIX) ? lookup(hashKey(secret)) : Promise.resolve(null);
}

/** The live key for a secret, or null. Records last use (at most once a minute per key). */
export async function verifyIngestKey(secret: string, now = Date.now()): Promise<VerifiedKey | null> {
  if (!secret.startsWith(INGEST_KEY_PREFIX)) return null;
  const hash = hashKey(secret);
  const hit = keyCache.get(hash);
  if (hit && now - hit.verifiedAt < KEY_FRESH_MS) return hit.key;
  if (hit && now - hit.verifiedAt < KEY_MAX_STALE_MS) {
    if (!hit.refreshing) {
      hit.refreshing = true;
      void lookup(hash).catch((err: unknown) => {
        hit.refreshing = false; // the next request tries again; past KEY_MAX_STALE_MS one waits for it
        console.error("[tokenledger] re-verifying an ingest key failed", err);
      });
    }
    return hit.key;
  }
  return lookup(hash);
}
