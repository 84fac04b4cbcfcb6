/**
 * Domain errors: what went wrong, in the terms of lib/ (storage, ingest, finance, auth, admin), with no HTTP in
 * them. Only the route wrapper (lib/api/route.ts with lib/api/errors.ts) turns them into status codes and
 * response headers; the CLI prints their message. lib/ outside lib/api never imports lib/api/errors.ts.
 */
export abstract class DomainError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The input is not acceptable: a parameter, a body, a value. `issues` details which fields and why. */
export class InvalidInputError extends DomainError {
  constructor(
    message: string,
    readonly issues?: unknown,
  ) {
    super(message);
  }
}

/** No credential, or one that is unknown, revoked or wrong. */
export class UnauthorizedError extends DomainError {}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {}

/** The thing asked for does not exist (or is outside the caller's scope, which looks the same). */
export class NotFoundError extends DomainError {}

/** The change contradicts what is stored (a duplicate name, the last admin). */
export class ConflictError extends DomainError {}

/** The input exceeds a size or count limit (body bytes, events per request). */
export class LimitError extends DomainError {}

/** Too many attempts in a window; may be retried after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/**
 * A dependency cannot answer now (the event store hit a time or memory limit, or is overloaded); the same
 * request may succeed later, after about `retryAfterSeconds`.
 */
export class UnavailableError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
