import { RateLimitedError } from "@/lib/errors";
import { takeToken } from "@/lib/ingest/rate-limit";
import { ApiError } from "./errors";

/** What a verified ingest key tells a request (lib/db/ingest-keys.ts VerifiedKey has more). */
export type IngestCaller = { id: string; name: string; defaultTeam: string | null; rateLimitPerMinute: number };

/**
 * An ingest-key request's credential, given how to verify a secret: the live key named by
 * `Authorization: Bearer tlk_…`, within its per-minute rate. ingest-auth.ts verifies against the metadata store
 * in this thread; the decision worker of bin/serve.ts asks the main thread. No storage imports: the worker loads this.
 */
export async function authenticateWith<K extends IngestCaller>(authorization: string | null | undefined, verify: (secret: string) => Promise<K | null>): Promise<K> {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!m) throw new ApiError("unauthorized", "Missing ingest key: send Authorization: Bearer <ingest key>");
  const key = await verify(m[1]);
  if (!key) throw new ApiError("unauthorized", "Unknown or revoked ingest key");
  const rate = takeToken(key.id, key.rateLimitPerMinute);
  if (!rate.ok) {
    throw new RateLimitedError(`Ingest key "${key.name}" is limited to ${key.rateLimitPerMinute} requests per minute; retry after ${rate.retryAfterSeconds} s`, rate.retryAfterSeconds);
  }
  return key;
}
