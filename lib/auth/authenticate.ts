import { createHash, timingSafeEqual } from "node:crypto";
import { ForbiddenError } from "@/lib/errors";
import { API_TOKEN_PREFIX, verifyApiToken } from "@/lib/db/api-tokens";
import { getSession, type NewSession } from "@/lib/db/sessions";
import type { Principal } from "./principal";

/**
 * Who is calling: an API token (`Authorization: Bearer tla_…`) or a browser session (cookie `tl_session`).
 *
 * Cookies set at sign-in:
 * - `tl_session`: the raw session token. HttpOnly, SameSite=Lax, Path=/, Secure on https.
 * - `tl_csrf`: the session's CSRF token, readable by the page (not HttpOnly) so the fetch helper can echo
 *   it in the `x-csrf-token` header. A cross-site page can neither read it nor set the header, so a
 *   forged form post or fetch fails requireCsrf. SameSite=Lax is the second fence.
 * Token-authenticated requests need no CSRF token: browsers never attach bearer headers on their own.
 */
export const SESSION_COOKIE = "tl_session";
export const CSRF_COOKIE = "tl_csrf";
export const CSRF_HEADER = "x-csrf-token";

export type Authenticated = { principal: Principal; via: "session" | "token"; csrfToken?: string };

/** The value of one cookie from the request's Cookie header, or null. */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

function bearer(request: Request): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  return m ? m[1] : null;
}

/**
 * The caller, or null. An Authorization header decides alone: a live `tla_` token authenticates; anything
 * else there (an ingest key, a revoked or unknown token) is null even when a session cookie is present.
 */
export async function authenticate(request: Request, opts: { now?: Date } = {}): Promise<Authenticated | null> {
  if (request.headers.has("authorization")) {
    const secret = bearer(request);
    if (!secret || !secret.startsWith(API_TOKEN_PREFIX)) return null;
    const principal = await verifyApiToken(secret, opts);
    return principal ? { principal, via: "token" } : null;
  }
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return null;
  const session = await getSession(token, opts);
  return session ? { principal: session.principal, via: "session", csrfToken: session.csrfToken } : null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * For cookie-authenticated requests that change something (not GET/HEAD/OPTIONS): the `x-csrf-token`
 * header must equal the session's CSRF token (compared in constant time), else ForbiddenError.
 */
export function requireCsrf(request: Request, csrfToken: string): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const sent = request.headers.get(CSRF_HEADER);
  // Comparing digests keeps the comparison constant-time even when the lengths differ.
  if (!sent || !csrfToken || !timingSafeEqual(digest(sent), digest(csrfToken))) {
    throw new ForbiddenError("Missing or invalid CSRF token");
  }
}

/** Whether the request reached us over https (directly, or through a proxy that says so). */
export function isSecureRequest(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  return new URL(request.url).protocol === "https:";
}

function cookie(name: string, value: string, opts: { httpOnly: boolean; secure: boolean; expires: Date; maxAge: number }): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    `Expires=${opts.expires.toUTCString()}`,
    `Max-Age=${Math.max(0, Math.floor(opts.maxAge))}`,
    "SameSite=Lax",
    ...(opts.httpOnly ? ["HttpOnly"] : []),
    ...(opts.secure ? ["Secure"] : []),
  ].join("; ");
}

/**
 * Set-Cookie values for a new session: the HttpOnly session cookie and the readable CSRF cookie. Both last
 * until the session's absolute expiry; the server enforces the idle timeout.
 */
export function sessionCookies(request: Request, session: Pick<NewSession, "token" | "csrfToken" | "expiresAt">, now: Date = new Date()): string[] {
  const secure = isSecureRequest(request);
  const maxAge = (session.expiresAt.getTime() - now.getTime()) / 1000;
  return [
    cookie(SESSION_COOKIE, session.token, { httpOnly: true, secure, expires: session.expiresAt, maxAge }),
    cookie(CSRF_COOKIE, session.csrfToken, { httpOnly: false, secure, expires: session.expiresAt, maxAge }),
  ];
}

/** Set-Cookie values that remove both cookies (sign-out, or a session that is no longer valid). */
export function clearSessionCookies(request: Request): string[] {
  const secure = isSecureRequest(request);
  const epoch = new Date(0);
  return [
    cookie(SESSION_COOKIE, "", { httpOnly: true, secure, expires: epoch, maxAge: 0 }),
    cookie(CSRF_COOKIE, "", { httpOnly: false, secure, expires: epoch, maxAge: 0 }),
  ];
}

/** Adds Set-Cookie values to a response's headers (one header each, as Set-Cookie requires). */
export function appendCookies(headers: Headers, cookies: readonly string[]): Headers {
  for (const c of cookies) headers.append("set-cookie", c);
  return headers;
}
