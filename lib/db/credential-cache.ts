import "server-only";

/**
 * Verified API tokens and sessions for CREDENTIAL_CACHE_MS, like ingest keys (lib/db/ingest-keys.ts): the
 * metadata lookup (a token or session with its user and teams: several queries) was a fixed cost on every API
 * request, a large part of the API's own time on fast questions. Any write in this process to a table the
 * answer depends on (users, teams, memberships, sessions, tokens) empties the cache at once (lib/db/prisma.ts
 * hooks every write), so a revoke, a role or team change, a disable or a sign-out applies to the next request;
 * a change made by another process (the CLI while the server runs) applies within CREDENTIAL_CACHE_MS. Only
 * live credentials are cached, never a refusal. On globalThis: one cache per process, whatever Next bundles.
 */
export const CREDENTIAL_CACHE_MS = 2_000;

/** The Prisma models whose writes change who a credential is. */
export const CREDENTIAL_MODELS = new Set(["User", "UserTeam", "Team", "Session", "ApiToken", "ApiTokenTeam"]);

const holder = globalThis as typeof globalThis & { __tokenledgerCredentialCache?: { entries: Map<string, { value: unknown; until: number }>; generation: number } };
const state = (holder.__tokenledgerCredentialCache ??= { entries: new Map(), generation: 0 });
const cache = state.entries;

/**
 * How many times the cache was emptied. A lookup notes it before reading and remembers its answer only if no
 * other write happened meanwhile (`ownWrites`: the writes the lookup itself made, such as a last-use touch),
 * so an answer read just before a revoke cannot outlive it.
 */
export function credentialGeneration(): number {
  return state.generation;
}

export function cachedCredential<T>(key: string): T | undefined {
  const hit = cache.get(key);
  if (!hit) return undefined;
  if (hit.until > Date.now()) return hit.value as T;
  cache.delete(key);
  return undefined;
}

export function rememberCredential(key: string, value: unknown, readAt: number, ownWrites = 0): void {
  if (state.generation !== readAt + ownWrites) return;
  if (cache.size > 5000) cache.clear();
  cache.set(key, { value, until: Date.now() + CREDENTIAL_CACHE_MS });
}

export function forgetCredentials(): void {
  state.generation++;
  cache.clear();
}
