import { z } from "zod";

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

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: unknown,
  ) {
    super(message);
  }
}

/** Maps any thrown value to the error response; unknown errors are logged and get a generic message. */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof ApiError) {
    return Response.json({ error: { code: err.code, message: err.message, issues: err.issues } }, { status: ERROR_STATUS[err.code] });
  }
  if (err instanceof z.ZodError) {
    return Response.json(
      { error: { code: "bad_request", message: "Invalid parameters", issues: z.flattenError(err) } },
      { status: 400 },
    );
  }
  console.error("[tokenledger] unhandled error", err);
  return Response.json({ error: { code: "internal_error", message: "Internal error" } }, { status: 500 });
}
