import { randomBytes } from "node:crypto";
import { RateLimitedError, UnauthorizedError } from "@/lib/errors";
import { createSession, type NewSession, type SessionMeta } from "@/lib/db/sessions";
import { findUserCredentials, setPasswordHash, type UserInfo } from "@/lib/db/users";
import { hashPassword, needsRehash, verifyPassword } from "./password";

/**
 * Sign-in. Every failure (unknown email, wrong password, disabled user) answers the same
 * "Invalid email or password", and an unknown email still runs one scrypt verification (against a dummy
 * hash) so the response time does not tell which emails exist.
 *
 * Failed attempts are limited per email: after 10 failures within 15 minutes, further attempts for that
 * email are refused with RateLimitedError without checking the password, until the oldest failure
 * leaves the window. And per client address: after 50 failures within 15 minutes from one address (one
 * guesser spraying many emails), that address is refused the same way. In memory, per process: a restart
 * forgets (acceptable for a single-server app).
 */
export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_MAX_FAILURES_PER_IP = 50;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

const INVALID = "Invalid email or password";

/** Failures per key within a sliding window. Bounded: beyond maxKeys the oldest keys are forgotten. */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly maxFailures = LOGIN_MAX_FAILURES,
    readonly windowMs = LOGIN_WINDOW_MS,
    readonly maxKeys = 10_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Milliseconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.maxFailures) return 0;
    return recent[recent.length - this.maxFailures] + this.windowMs - now;
  }

  fail(key: string, now: number): void {
    const recent = this.recent(key, now);
    this.failures.delete(key); // re-insert: Map order = least recently failed first
    this.failures.set(key, [...recent, now].slice(-this.maxFailures));
    while (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value as string);
  }

  reset(key?: string): void {
    if (key === undefined) this.failures.clear();
    else this.failures.delete(key);
  }
}

/** The process's limiters (tests may reset them). */
export const loginLimiter = new LoginLimiter();
export const loginIpLimiter = new LoginLimiter(LOGIN_MAX_FAILURES_PER_IP);

let dummyHash: Promise<string> | undefined;
/** A hash of a random password nobody knows, with today's parameters: verified against for unknown emails. */
const dummy = () => (dummyHash ??= hashPassword(randomBytes(32).toString("base64url")));

export type LoginResult = NewSession & { user: UserInfo };

/** Checks the credentials and starts a session, or throws UnauthorizedError or RateLimitedError. */
export async function login(email: string, password: string, meta: SessionMeta = {}): Promise<LoginResult> {
  const key = email.trim().toLowerCase();
  const now = (meta.now ?? new Date()).getTime();
  const ip = meta.ip ?? "";
  const refuse = (wait: number, what: string) => {
    const minutes = Math.max(1, Math.ceil(wait / 60_000));
    return new RateLimitedError(`Too many failed sign-in attempts ${what}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  };
  const wait = loginLimiter.retryAfterMs(key, now);
  if (wait > 0) throw refuse(wait, "for this email");
  const ipWait = ip ? loginIpLimiter.retryAfterMs(ip, now) : 0;
  if (ipWait > 0) throw refuse(ipWait, "from this address");
  const creds = key && password ? await findUserCredentials(key) : null;
  const ok = await verifyPassword(password, creds?.passwordHash ?? (await dummy()));
  if (!creds || !ok || creds.user.disabledAt) {
    loginLimiter.fail(key, now);
    if (ip) loginIpLimiter.fail(ip, now);
    throw new UnauthorizedError(INVALID);
  }
  loginLimiter.reset(key);
  if (needsRehash(creds.passwordHash)) await setPasswordHash(creds.user.id, await hashPassword(password));
  const session = await createSession(creds.user.id, meta);
  return { ...session, user: creds.user };
}
