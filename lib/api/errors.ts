import { z } from "zod";
import { logger } from "@/lib/log/logger";
import { ConflictError, DomainError, ForbiddenError, InvalidInputError, LimitError, NotFoundError, RateLimitedError, UnauthorizedError, UnavailableError } from "@/lib/errors";

/** One error shape for every endpoint: { error: { code, message, issues? } }. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * An error with its wire code, for code in lib/api itself. Kept for compatibility: lib/ outside lib/api throws
 * the domain errors of lib/errors.ts instead, which carry no HTTP.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: unknown,
  ) {
    super(message);
  }
}

/** Each domain error's code (and so its status): the one place lib/'s errors meet HTTP. */
const DOMAIN_CODES: [new (...args: never[]) => DomainError, ErrorCode][] = [
  [InvalidInputError, "bad_request"],
  [UnauthorizedError, "unauthorized"],
  [ForbiddenError, "forbidden"],
  [NotFoundError, "not_found"],
  [ConflictError, "conflict"],
  [LimitError, "payload_too_large"],
  [RateLimitedError, "rate_limited"],
  [UnavailableError, "unavailable"],
];

/** The wire code of an ApiError or a domain error; undefined for anything else (a bug: 500). */
export function errorCodeOf(err: unknown): ErrorCode | undefined {
  if (err instanceof ApiError) return err.code;
  if (err instanceof DomainError) return DOMAIN_CODES.find(([cls]) => err instanceof cls)?.[1];
  return undefined;
}

/** Seconds after which a retry may succeed, for errors that say so (Retry-After). */
function retryAfterOf(err: unknown): number | undefined {
  if (err instanceof UnavailableError || err instanceof RateLimitedError) return err.retryAfterSeconds;
  return undefined;
}

export type ErrorPayload = { status: number; body: { error: { code: ErrorCode; message: string; issues?: unknown } }; headers?: Record<string, string> };

/** Maps any thrown value to the error's status, body and headers; unknown errors are logged and get a generic message. */
export function errorPayload(err: unknown): ErrorPayload {
  const code = errorCodeOf(err);
  if (code && err instanceof Error) {
    const issues = err instanceof ApiError || err instanceof InvalidInputError ? err.issues : undefined;
    const retryAfter = retryAfterOf(err);
    // Expected under load, not a bug: the reason is enough, a stack would bury it.
    if (err instanceof UnavailableError) logger.warn({ reason: err.message }, "unavailable");
    return { status: ERROR_STATUS[code], body: { error: { code, message: err.message, issues } }, headers: retryAfter === undefined ? undefined : { "Retry-After": String(retryAfter) } };
  }
  if (err instanceof z.ZodError) return { status: 400, body: { error: { code: "bad_request", message: "Invalid parameters", issues: z.flattenError(err) } } };
  logger.error({ err }, "unhandled error");
  return { status: 500, body: { error: { code: "internal_error", message: "Internal error" } } };
}

/** Maps any thrown value to the error response (errorPayload as a web Response). */
export function toErrorResponse(err: unknown): Response {
  const { status, body, headers } = errorPayload(err);
  return Response.json(body, { status, headers });
}
