import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Principal } from "@/lib/auth/principal";
import { isRole, principalFor } from "@/lib/auth/roles";
import { cachedCredential, credentialGeneration, rememberCredential } from "./credential-cache";
import { db } from "./prisma";

/**
 * Browser sessions. The cookie carries 32 random bytes (base64url); the row's id is their SHA-256, so a
 * leaked database does not yield usable cookies. A session ends after 12 h without a request (idle,
 * measured from lastSeenAt) or 7 d after sign-in (absolute, expiresAt), whichever comes first, and at
 * once when the user is disabled or signs out.
 *
 * Every function takes an optional `now` (tests inject a clock; callers leave it out).
 */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often per session (one write a minute, not one per request). */
export const SESSION_TOUCH_EVERY_MS = 60 * 1000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const sessionIdOf = (rawToken: string) => createHash("sha256").update(rawToken).digest("hex");

export type SessionMeta = { ip?: string | null; userAgent?: string | null; now?: Date };
export type NewSession = { token: string; csrfToken: string; expiresAt: Date };
export type ActiveSession = { principal: Principal; csrfToken: string; expiresAt: Date };

/** Starts a session; the raw token goes into the cookie and is never stored. */
export async function createSession(userId: string, meta: SessionMeta = {}): Promise<NewSession> {
  const now = meta.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await (await db()).session.create({
    data: {
      id: sessionIdOf(token),
      userId,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: meta.ip?.slice(0, 100) || null,
      userAgent: meta.userAgent?.slice(0, 500) || null,
    },
  });
  return { token, csrfToken, expiresAt };
}

/**
 * The live session for a cookie token, as a principal, or null (unknown, expired, idle too long, user
 * disabled). An expired session is deleted when seen. Touches lastSeenAt at most once a minute.
 */
export async function getSession(rawToken: string, opts: { now?: Date } = {}): Promise<ActiveSession | null> {
  if (!TOKEN_PATTERN.test(rawToken)) return null;
  const now = opts.now ?? new Date();
  const id = sessionIdOf(rawToken);
  // A cached session still inside both limits and not yet due for its lastSeenAt touch; anything else reads the row.
  const hit = cachedCredential<ActiveSession & { lastSeenAt: Date }>(`session:${id}`);
  if (hit && now.getTime() < hit.expiresAt.getTime() && now.getTime() - hit.lastSeenAt.getTime() < SESSION_TOUCH_EVERY_MS) {
    return { principal: hit.principal, csrfToken: hit.csrfToken, expiresAt: hit.expiresAt };
  }
  const readAt = credentialGeneration();
  const prisma = await db();
  const row = await prisma.session.findUnique({
    where: { id },
    include: { user: { include: { teams: { include: { team: { select: { slug: true } } } } } } },
  });
  if (!row) return null;
  const t = now.getTime();
  if (t >= row.expiresAt.getTime() || t - row.lastSeenAt.getTime() >= SESSION_IDLE_MS) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  const user = row.user;
  if (user.disabledAt || !isRole(user.role)) return null;
  let lastSeenAt = row.lastSeenAt;
  let writes = 0;
  if (t - row.lastSeenAt.getTime() >= SESSION_TOUCH_EVERY_MS) {
    await prisma.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
    lastSeenAt = now;
    writes = 1;
  }
  const session = {
    principal: principalFor({ kind: "user", id: user.id, name: user.email, role: user.role, teams: user.teams.map((ut) => ut.team.slug) }),
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
  };
  rememberCredential(`session:${id}`, { ...session, lastSeenAt }, readAt, writes);
  return session;
}

/** Ends one session (sign-out). Unknown tokens are ignored. */
export async function deleteSession(rawToken: string): Promise<void> {
  if (!TOKEN_PATTERN.test(rawToken)) return;
  await (await db()).session.deleteMany({ where: { id: sessionIdOf(rawToken) } });
}

/** Ends every session of a user (disable, password change, role change if wanted). Returns how many. */
export async function deleteUserSessions(userId: string): Promise<number> {
  return (await (await db()).session.deleteMany({ where: { userId } })).count;
}

/** Deletes sessions past either limit (housekeeping; getSession already refuses them). Returns how many. */
export async function purgeExpiredSessions(opts: { now?: Date } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const res = await (await db()).session.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - SESSION_IDLE_MS) } }] },
  });
  return res.count;
}
