import "server-only";
import { randomBytes } from "node:crypto";
import { InvalidInputError } from "@/lib/errors";
import type { Principal } from "@/lib/auth/principal";
import { isRole, parseRole, principalFor, type Role } from "@/lib/auth/roles";
import { hashKey } from "./ingest-keys";
import { cachedCredential, credentialGeneration, rememberCredential } from "./credential-cache";
import { db } from "./prisma";
import { teamIdsForSlugs } from "./users";

/**
 * API tokens: bearer secrets for scripts and BI tools that read (or, with an admin/finance role, change)
 * data through the API, with a role and teams exactly like a user. Same storage as ingest keys (192
 * random bits, SHA-256 hash, shown once) but a different prefix and table: an ingest key (`tlk_`) never
 * verifies as an API token and an API token (`tla_`) never verifies as an ingest key.
 */
export const API_TOKEN_PREFIX = "tla_";

export type ApiTokenInfo = { id: string; name: string; prefix: string; role: Role; teams: string[]; createdBy: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

const LAST_USED_EVERY_MS = 60_000;

const withTeams = { teams: { include: { team: { select: { slug: true } } } } } as const;

/** Creates a token; the returned secret is never retrievable again. */
export async function createApiToken(input: { name: string; role: string; teams?: readonly string[]; createdBy: string }): Promise<{ id: string; secret: string; prefix: string }> {
  const name = input.name.trim();
  if (!name) throw new InvalidInputError("A token needs a name");
  const role = parseRole(input.role);
  const prisma = await db();
  const teamIds = await teamIdsForSlugs(prisma, input.teams ?? []);
  const secret = API_TOKEN_PREFIX + randomBytes(24).toString("base64url");
  const prefix = secret.slice(0, API_TOKEN_PREFIX.length + 6);
  const row = await prisma.apiToken.create({
    data: { name, prefix, hash: hashKey(secret), role, createdBy: input.createdBy, teams: { create: teamIds.map((teamId) => ({ teamId })) } },
  });
  return { id: row.id, secret, prefix };
}

/** Lists tokens (never secrets or hashes), newest first. */
export async function listApiTokens(): Promise<ApiTokenInfo[]> {
  const rows = await (await db()).apiToken.findMany({ include: withTeams, orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: isRole(r.role) ? r.role : "viewer",
    teams: r.teams.map((t) => t.team.slug).sort(),
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }));
}

/** Revokes a live token; false when there is no live token with that id. */
export async function revokeApiToken(id: string, now: Date = new Date()): Promise<boolean> {
  const res = await (await db()).apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return res.count > 0;
}

/** The principal for a live token secret, or null. Records last use at most once a minute per token. */
export async function verifyApiToken(secret: string, opts: { now?: Date } = {}): Promise<Principal | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const hash = hashKey(secret);
  // A cached token not yet due for its last-use write; anything else reads the row.
  const cached = cachedCredential<{ principal: Principal; lastUsedAt: Date }>(`token:${hash}`);
  if (cached && (opts.now ?? new Date()).getTime() - cached.lastUsedAt.getTime() < LAST_USED_EVERY_MS) return cached.principal;
  const readAt = credentialGeneration();
  const prisma = await db();
  const row = await prisma.apiToken.findUnique({ where: { hash }, include: withTeams });
  if (!row || row.revokedAt || !isRole(row.role)) return null;
  const now = opts.now ?? new Date();
  let writes = 0;
  let lastUsedAt = row.lastUsedAt ?? now;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    await prisma.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: now } });
    lastUsedAt = now;
    writes = 1;
  }
  const principal = principalFor({ kind: "token", id: row.id, name: row.name, role: row.role, teams: row.teams.map((t) => t.team.slug) });
  rememberCredential(`token:${hash}`, { principal, lastUsedAt }, readAt, writes);
  return principal;
}
