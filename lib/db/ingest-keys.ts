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
  return res.count > 0;
}

export type VerifiedKey = { id: string; name: string; defaultTeam: string | null; source: string | null; rateLimitPerMinute: number; allowedTeams: string[] };

const LAST_USED_EVERY_MS = 60_000;
const lastUsedWritten = new Map<string, number>();

/**
 * Verified keys for KEY_CACHE_MS: a metadata-store lookup costs milliseconds under load, too much for the
 * budget decision API's 10 ms p99. Revoking in this process clears it at once; a revocation by another
 * process (the CLI while the server runs) applies within KEY_CACHE_MS. On globalThis: one per process even
 * when Next loads this module once per route bundle.
 */
const KEY_CACHE_MS = 2_000;
const keyHolder = globalThis as typeof globalThis & { __tokenledgerKeyCache?: Map<string, { key: VerifiedKey; until: number }> };
const keyCache = (keyHolder.__tokenledgerKeyCache ??= new Map());

/** The live key for a secret, or null. Records last use (at most once a minute per key). */
export async function verifyIngestKey(secret: string): Promise<VerifiedKey | null> {
  if (!secret.startsWith(INGEST_KEY_PREFIX)) return null;
  const hash = hashKey(secret);
  const hit = keyCache.get(hash);
  if (hit && hit.until > Date.now()) return hit.key;
  const prisma = await db();
  const row = await prisma.ingestKey.findUnique({ where: { hash }, include: { defaultTeam: true } });
  if (!row || row.revokedAt) return null;
  const now = Date.now();
  if (now - (lastUsedWritten.get(row.id) ?? 0) > LAST_USED_EVERY_MS) {
    lastUsedWritten.set(row.id, now);
    await prisma.ingestKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  const key = { id: row.id, name: row.name, defaultTeam: row.defaultTeam?.slug ?? null, source: row.source, rateLimitPerMinute: row.rateLimitPerMinute, allowedTeams: splitTeams(row.allowedTeams) };
  if (keyCache.size > 1000) keyCache.clear();
  keyCache.set(hash, { key, until: now + KEY_CACHE_MS });
  return key;
}
