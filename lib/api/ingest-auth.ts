import { verifyIngestKey, type VerifiedKey } from "@/lib/db/ingest-keys";
import { RateLimitedError } from "@/lib/errors";
import { takeToken } from "@/lib/ingest/rate-limit";
import { ApiError } from "./errors";

/**
 * An ingest-key request's credential: the live key named by `Authorization: Bearer tlk_…`, within its
 * per-minute rate. One place for the route wrapper (lib/api/route.ts) and the budget check's fast path
 * (lib/api/budget-check-http.ts), so both refuse the same requests with the same errors.
 */
export async function authenticateIngest(authorization: string | null | undefined): Promise<VerifiedKey> {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!m) throw new ApiError("unauthorized", "Missing ingest key: send Authorization: Bearer <ingest key>");
  const key = await verifyIngestKey(m[1]);
  if (!key) throw new ApiError("unauthorized", "Unknown or revoked ingest key");
  const rate = takeToken(key.id, key.rateLimitPerMinute);
  if (!rate.ok) {
    throw new RateLimitedError(`Ingest key "${key.name}" is limited to ${key.rateLimitPerMinute} requests per minute; retry after ${rate.retryAfterSeconds} s`, rate.retryAfterSeconds);
  }
  return key;
}
