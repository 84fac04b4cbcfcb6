import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

const store = useTempStore();
const { db } = await import("@/lib/db/prisma");
const { ensureTeams } = await import("@/lib/db/teams");
const users = await import("@/lib/db/users");
const sessions = await import("@/lib/db/sessions");
const tokens = await import("@/lib/db/api-tokens");
const { createIngestKey, verifyIngestKey } = await import("@/lib/db/ingest-keys");
const { authenticate, SESSION_COOKIE, CSRF_COOKIE, sessionCookies } = await import("@/lib/auth/authenticate");
const { authorize } = await import("@/lib/auth/guard");
const { login, loginLimiter, loginIpLimiter, LOGIN_WINDOW_MS } = await import("@/lib/auth/login");
const { errorCodeOf } = await import("@/lib/api/errors");

const PASSWORD = "a long enough password";
const HOUR = 60 * 60 * 1000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

/** The domain error a promise rejects with, as "wire code: message". */
async function apiError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (errorCodeOf(err) && err instanceof Error) return `${errorCodeOf(err)}: ${err.message}`;
    throw err;
  }
  throw new Error("expected a domain error");
}

beforeAll(async () => {
  await ensureTeams([
    { slug: "platform", name: "Platform" },
    { slug: "search", name: "Search" },
    { slug: "growth", name: "Growth" },
  ]);
});
afterAll(() => store.cleanup());

describe("users", () => {
  it("creates users with a normalized email, hashed password and teams; never lists hashes", async () => {
    const u = await users.createUser({ email: "  Ada@Example.COM ", name: "Ada", role: "Admin", password: PASSWORD, teams: ["platform"] });
    expect(u).toMatchObject({ email: "ada@example.com", name: "Ada", role: "admin", teams: ["platform"], disabledAt: null });
    const row = await (await db()).user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    const listed = await users.listUsers();
    expect(listed.map((x) => x.email)).toContain("ada@example.com");
    for (const x of listed) expect(Object.keys(x)).not.toContain("passwordHash");
    expect((await users.findUserByEmail("ADA@example.com"))?.id).toBe(u.id);
    expect(await users.findUserByEmail("nobody@example.com")).toBeNull();
    expect(await users.countUsers()).toBeGreaterThanOrEqual(1);
  });

  it("refuses duplicates, bad input and unknown teams with clear messages", async () => {
    expect(await apiError(users.createUser({ email: "ADA@example.com", role: "viewer", password: PASSWORD }))).toBe('conflict: A user with email "ada@example.com" already exists');
    expect(await apiError(users.createUser({ email: "not-an-email", role: "viewer", password: PASSWORD }))).toBe('bad_request: "not-an-email" is not a valid email address');
    expect(await apiError(users.createUser({ email: "b@example.com", role: "owner", password: PASSWORD }))).toMatch(/^bad_request: Unknown role "owner"/);
    expect(await apiError(users.createUser({ email: "b@example.com", role: "viewer", password: "short" }))).toBe("bad_request: Password must be at least 12 characters long (it has 5)");
    expect(await apiError(users.createUser({ email: "longaddress@example.com", role: "viewer", password: "LongAddress@example.com" }))).toBe("bad_request: Password must not be the same as the email address");
    expect(await apiError(users.createUser({ email: "b@example.com", role: "viewer", password: PASSWORD, teams: ["search", "nope", "nada"] }))).toBe('bad_request: Unknown teams: "nope", "nada"');
    expect(await users.findUserByEmail("b@example.com")).toBeNull();
  });

  it("changes teams and role, and never leaves the instance without an enabled admin", async () => {
    const ada = (await users.findUserByEmail("ada@example.com"))!;
    expect(await apiError(users.setUserRole(ada.id, "viewer"))).toBe("conflict: Cannot demote the last enabled admin: make another user admin first");
    expect(await apiError(users.disableUser(ada.id))).toBe("conflict: Cannot disable the last enabled admin: make another user admin first");
    const lead = await users.createUser({ email: "lead@example.com", role: "lead", password: PASSWORD, teams: ["platform"] });
    expect((await users.setUserTeams(lead.id, ["search", "growth"])).teams).toEqual(["growth", "search"]);
    expect((await users.setUserTeams(lead.id, [])).teams).toEqual([]);
    expect((await users.setUserRole(lead.id, "admin")).role).toBe("admin");
    expect((await users.setUserRole(ada.id, "finance")).role).toBe("finance");
    expect((await users.setUserRole(ada.id, "admin")).role).toBe("admin");
    expect((await users.setUserRole(lead.id, "lead")).role).toBe("lead");
    expect(await apiError(users.setUserRole("no-such-id", "viewer"))).toBe("not_found: No such user");
  });
});

describe("sessions", () => {
  const t0 = new Date("2030-03-01T08:00:00Z");
  let userId = "";
  beforeAll(async () => {
    userId = (await users.createUser({ email: "sam@example.com", role: "viewer", password: PASSWORD, teams: ["search"] })).id;
  });

  it("stores only the token's hash, and returns the user as a principal", async () => {
    const s = await sessions.createSession(userId, { ip: "10.0.0.1", userAgent: "vitest", now: t0 });
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.expiresAt).toEqual(at(t0, 7 * 24 * HOUR));
    const rows = await (await db()).session.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(sessions.sessionIdOf(s.token));
    expect(JSON.stringify(rows)).not.toContain(s.token);
    expect(rows[0]).toMatchObject({ ip: "10.0.0.1", userAgent: "vitest", csrfToken: s.csrfToken });
    const got = await sessions.getSession(s.token, { now: at(t0, 1000) });
    expect(got).toEqual({
      principal: { kind: "user", id: userId, name: "sam@example.com", role: "viewer", teams: ["search"], all: false },
      csrfToken: s.csrfToken,
      expiresAt: s.expiresAt,
    });
    expect(await sessions.getSession("A".repeat(43), { now: t0 })).toBeNull();
    expect(await sessions.getSession("garbage", { now: t0 })).toBeNull();
  });

  it("touches lastSeenAt at most once a minute", async () => {
    const s = await sessions.createSession(userId, { now: t0 });
    const lastSeen = async () => (await (await db()).session.findUniqueOrThrow({ where: { id: sessions.sessionIdOf(s.token) } })).lastSeenAt;
    await sessions.getSession(s.token, { now: at(t0, 30_000) });
    expect(await lastSeen()).toEqual(t0);
    await sessions.getSession(s.token, { now: at(t0, 61_000) });
    expect(await lastSeen()).toEqual(at(t0, 61_000));
    await sessions.getSession(s.token, { now: at(t0, 100_000) });
    expect(await lastSeen()).toEqual(at(t0, 61_000));
  });

  it("ends after 12 idle hours, and deletes the row", async () => {
    const s = await sessions.createSession(userId, { now: t0 });
    expect(await sessions.getSession(s.token, { now: at(t0, 11 * HOUR) })).not.toBeNull();
    expect(await sessions.getSession(s.token, { now: at(t0, 22 * HOUR) })).not.toBeNull(); // 11 h after the last request
    expect(await sessions.getSession(s.token, { now: at(t0, 34 * HOUR) })).toBeNull(); // 12 h idle
    expect(await (await db()).session.findUnique({ where: { id: sessions.sessionIdOf(s.token) } })).toBeNull();
  });

  it("ends 7 days after sign-in even when in use", async () => {
    const s = await sessions.createSession(userId, { now: t0 });
    let t = t0;
    while (t.getTime() + 11 * HOUR < s.expiresAt.getTime()) {
      t = at(t, 11 * HOUR);
      expect(await sessions.getSession(s.token, { now: t })).not.toBeNull();
    }
    expect(await sessions.getSession(s.token, { now: s.expiresAt })).toBeNull();
  });

  it("sees role and team changes at once; a disabled user's sessions end", async () => {
    const u = await users.createUser({ email: "dee@example.com", role: "viewer", password: PASSWORD, teams: ["search"] });
    const a = await sessions.createSession(u.id, { now: t0 });
    const b = await sessions.createSession(u.id, { now: t0 });
    await users.setUserRole(u.id, "lead");
    await users.setUserTeams(u.id, ["platform"]);
    expect((await sessions.getSession(a.token, { now: t0 }))?.principal).toMatchObject({ role: "lead", teams: ["platform"] });
    expect(await users.disableUser(u.id)).toBe(true);
    expect(await users.disableUser(u.id)).toBe(false);
    expect(await sessions.getSession(a.token, { now: t0 })).toBeNull();
    expect(await sessions.getSession(b.token, { now: t0 })).toBeNull();
    expect(await (await db()).session.count({ where: { userId: u.id } })).toBe(0);
    // a session created while disabled (should not happen) is refused too
    const c = await sessions.createSession(u.id, { now: t0 });
    expect(await sessions.getSession(c.token, { now: t0 })).toBeNull();
    expect(await users.enableUser(u.id)).toBe(true);
    expect(await sessions.getSession(c.token, { now: t0 })).not.toBeNull();
  });

  it("signs out one session or all of a user's, and purges expired ones", async () => {
    const a = await sessions.createSession(userId, { now: t0 });
    const b = await sessions.createSession(userId, { now: t0 });
    await sessions.deleteSession(a.token);
    expect(await sessions.getSession(a.token, { now: t0 })).toBeNull();
    expect(await sessions.getSession(b.token, { now: t0 })).not.toBeNull();
    expect(await sessions.deleteUserSessions(userId)).toBeGreaterThanOrEqual(1);
    expect(await sessions.getSession(b.token, { now: t0 })).toBeNull();
    const stale = await sessions.createSession(userId, { now: t0 });
    const fresh = await sessions.createSession(userId, { now: at(t0, 13 * HOUR) });
    expect(await sessions.purgeExpiredSessions({ now: at(t0, 13 * HOUR) })).toBeGreaterThanOrEqual(1);
    expect(await (await db()).session.findUnique({ where: { id: sessions.sessionIdOf(stale.token) } })).toBeNull();
    expect(await sessions.getSession(fresh.token, { now: at(t0, 13 * HOUR) })).not.toBeNull();
  });
});

describe("API tokens", () => {
  it("creates tla_ secrets stored as hashes; verifies to a principal with role and teams", async () => {
    const t = await tokens.createApiToken({ name: "grafana", role: "lead", teams: ["platform", "growth"], createdBy: "cli" });
    expect(t.secret).toMatch(/^tla_[A-Za-z0-9_-]{32}$/);
    expect(t.prefix).toBe(t.secret.slice(0, 10));
    const row = await (await db()).apiToken.findUniqueOrThrow({ where: { id: t.id } });
    expect(JSON.stringify(row)).not.toContain(t.secret);
    expect(await tokens.verifyApiToken(t.secret)).toEqual({ kind: "token", id: t.id, name: "grafana", role: "lead", teams: ["growth", "platform"], all: false });
    expect(await tokens.verifyApiToken(t.secret.slice(0, -1) + (t.secret.endsWith("A") ? "B" : "A"))).toBeNull();
    const listed = (await tokens.listApiTokens()).find((x) => x.id === t.id)!;
    expect(listed).toMatchObject({ name: "grafana", role: "lead", teams: ["growth", "platform"], createdBy: "cli", revokedAt: null });
    expect(Object.keys(listed)).not.toContain("hash");
  });

  it("records last use at most once a minute", async () => {
    const t = await tokens.createApiToken({ name: "lastused", role: "viewer", createdBy: "cli" });
    const t1 = new Date("2030-05-01T00:00:00Z");
    const lastUsed = async () => (await tokens.listApiTokens()).find((x) => x.id === t.id)!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await tokens.verifyApiToken(t.secret, { now: t1 });
    expect(await lastUsed()).toEqual(t1);
    await tokens.verifyApiToken(t.secret, { now: at(t1, 59_000) });
    expect(await lastUsed()).toEqual(t1);
    await tokens.verifyApiToken(t.secret, { now: at(t1, 60_000) });
    expect(await lastUsed()).toEqual(at(t1, 60_000));
  });

  it("a revoked token no longer verifies", async () => {
    const t = await tokens.createApiToken({ name: "to revoke", role: "finance", createdBy: "cli" });
    expect((await tokens.verifyApiToken(t.secret))?.all).toBe(true);
    expect(await tokens.revokeApiToken(t.id)).toBe(true);
    expect(await tokens.revokeApiToken(t.id)).toBe(false);
    expect(await tokens.verifyApiToken(t.secret)).toBeNull();
  });

  it("validates name, role and teams", async () => {
    expect(await apiError(tokens.createApiToken({ name: " ", role: "viewer", createdBy: "cli" }))).toBe("bad_request: A token needs a name");
    expect(await apiError(tokens.createApiToken({ name: "x", role: "root", createdBy: "cli" }))).toMatch(/^bad_request: Unknown role "root"/);
    expect(await apiError(tokens.createApiToken({ name: "x", role: "viewer", teams: ["nope"], createdBy: "cli" }))).toBe('bad_request: Unknown team: "nope"');
  });

  it("real ingest keys and API tokens never verify as each other", async () => {
    const key = await createIngestKey({ name: "gateway" });
    const tok = await tokens.createApiToken({ name: "bi", role: "admin", createdBy: "cli" });
    expect(await verifyIngestKey(key.secret)).not.toBeNull();
    expect(await tokens.verifyApiToken(key.secret)).toBeNull();
    expect(await verifyIngestKey(tok.secret)).toBeNull();
    // even the same random part under the other prefix is a different secret
    expect(await tokens.verifyApiToken("tla_" + key.secret.slice(4))).toBeNull();
    expect(await verifyIngestKey("tlk_" + tok.secret.slice(4))).toBeNull();
    expect(await authenticate(new Request("http://t/api/v1/overview", { headers: { authorization: `Bearer ${key.secret}` } }))).toBeNull();
  });
});

describe("authenticate, authorize and CSRF", () => {
  let cookieHeader = "";
  let csrf = "";
  let viewerToken = "";

  beforeAll(async () => {
    const u = await users.createUser({ email: "vic@example.com", role: "viewer", password: PASSWORD, teams: ["search"] });
    const s = await sessions.createSession(u.id);
    // what the browser sends back after sign-in
    cookieHeader = sessionCookies(new Request("http://localhost/"), s).map((c) => c.split(";")[0]).join("; ");
    csrf = s.csrfToken;
    viewerToken = (await tokens.createApiToken({ name: "viewer bot", role: "viewer", teams: ["search"], createdBy: "cli" })).secret;
  });

  const req = (method: string, headers: Record<string, string>) => new Request("http://localhost/api/v1/x", { method, headers });

  it("reads the session cookie or a bearer API token", async () => {
    expect(cookieHeader).toContain(`${SESSION_COOKIE}=`);
    expect(cookieHeader).toContain(`${CSRF_COOKIE}=`);
    const bySession = await authenticate(req("GET", { cookie: cookieHeader }));
    expect(bySession).toMatchObject({ via: "session", csrfToken: csrf, principal: { kind: "user", name: "vic@example.com", role: "viewer" } });
    const byToken = await authenticate(req("GET", { authorization: `Bearer ${viewerToken}` }));
    expect(byToken).toEqual({ via: "token", principal: expect.objectContaining({ kind: "token", name: "viewer bot" }) });
    expect(await authenticate(req("GET", {}))).toBeNull();
    expect(await authenticate(req("GET", { cookie: `${SESSION_COOKIE}=${"x".repeat(43)}` }))).toBeNull();
    // an explicit but wrong credential does not fall back to the cookie
    expect(await authenticate(req("GET", { cookie: cookieHeader, authorization: "Bearer tla_wrong" }))).toBeNull();
  });

  it("authorize: 401 without a caller, CSRF for cookie changes only, 403 without the permission, scope returned", async () => {
    expect(await apiError(authorize(req("GET", {}), "spend:read"))).toMatch(/^unauthorized: /);
    const read = await authorize(req("GET", { cookie: cookieHeader }), "spend:read");
    expect(read.scope).toEqual({ all: false, teams: ["search"] });
    expect(await apiError(authorize(req("POST", { cookie: cookieHeader }), "spend:read"))).toBe("forbidden: Missing or invalid CSRF token");
    expect(await apiError(authorize(req("POST", { cookie: cookieHeader, "x-csrf-token": "nope" }), "spend:read"))).toBe("forbidden: Missing or invalid CSRF token");
    expect((await authorize(req("POST", { cookie: cookieHeader, "x-csrf-token": csrf }), "spend:read")).via).toBe("session");
    expect(await apiError(authorize(req("POST", { cookie: cookieHeader, "x-csrf-token": csrf }), "prices:write"))).toBe("forbidden: Your role (viewer) does not allow prices:write");
    // bearer tokens are not subject to CSRF (browsers never attach them on their own)
    expect((await authorize(req("POST", { authorization: `Bearer ${viewerToken}` }), "spend:read")).via).toBe("token");
    expect(await apiError(authorize(req("DELETE", { authorization: `Bearer ${viewerToken}` }), "keys:write"))).toBe("forbidden: Your role (viewer) does not allow keys:write");
  });
});

describe("login", () => {
  const t0 = new Date("2030-06-01T12:00:00Z");
  beforeAll(async () => {
    await users.createUser({ email: "lin@example.com", role: "finance", password: PASSWORD });
  });
  beforeEach(() => {
    loginLimiter.reset();
    loginIpLimiter.reset();
  });

  it("signs in with the right password (any email case) and starts a session", async () => {
    const r = await login(" LIN@example.com ", PASSWORD, { ip: "10.1.1.1", userAgent: "ua", now: t0 });
    expect(r.user.email).toBe("lin@example.com");
    expect((await sessions.getSession(r.token, { now: t0 }))?.principal).toMatchObject({ name: "lin@example.com", role: "finance", all: true });
  });

  it("answers the same generic error for a wrong password, an unknown email and a disabled user", async () => {
    const d = await users.createUser({ email: "gone@example.com", role: "viewer", password: PASSWORD });
    await users.disableUser(d.id);
    const invalid = "unauthorized: Invalid email or password";
    expect(await apiError(login("lin@example.com", "wrong password!!", { now: t0 }))).toBe(invalid);
    expect(await apiError(login("nobody@example.com", PASSWORD, { now: t0 }))).toBe(invalid);
    expect(await apiError(login("gone@example.com", PASSWORD, { now: t0 }))).toBe(invalid);
    expect(await apiError(login("", "", { now: t0 }))).toBe(invalid);
  });

  it("spends comparable time on unknown emails (a dummy hash is verified)", async () => {
    const time = async (email: string) => {
      const ms: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        await login(email, "wrong password!!", { now: t0 }).catch(() => undefined);
        ms.push(performance.now() - start);
      }
      return ms.sort((a, b) => a - b)[1];
    };
    await time("nobody@example.com"); // warm the dummy hash
    const known = await time("lin@example.com");
    const unknown = await time("nobody2@example.com");
    expect(unknown).toBeGreaterThan(known * 0.4);
  });

  it("limits failed attempts to 10 per email per 15 minutes, then recovers", async () => {
    for (let i = 0; i < 10; i++) expect(await apiError(login("lin@example.com", "wrong password!!", { now: at(t0, i * 1000) }))).toMatch(/^unauthorized/);
    // the right password is refused too while limited, with how long to wait
    expect(await apiError(login("LIN@example.com", PASSWORD, { now: at(t0, 10_000) }))).toBe("rate_limited: Too many failed sign-in attempts for this email. Try again in 15 minutes.");
    expect(await apiError(login("lin@example.com", PASSWORD, { now: at(t0, LOGIN_WINDOW_MS - 60_000) }))).toBe("rate_limited: Too many failed sign-in attempts for this email. Try again in 1 minute.");
    // other emails are unaffected
    expect(await apiError(login("someone@example.com", "wrong password!!", { now: at(t0, 10_000) }))).toMatch(/^unauthorized/);
    // once the first failure leaves the window, one more attempt is allowed
    const r = await login("lin@example.com", PASSWORD, { now: at(t0, LOGIN_WINDOW_MS) });
    expect(r.user.email).toBe("lin@example.com");
    // success clears the count
    for (let i = 0; i < 9; i++) await login("lin@example.com", "wrong password!!", { now: at(t0, LOGIN_WINDOW_MS + 1000) }).catch(() => undefined);
    expect((await login("lin@example.com", PASSWORD, { now: at(t0, LOGIN_WINDOW_MS + 2000) })).user.email).toBe("lin@example.com");
  });

  it("limits one address spraying many emails to 50 failures per 15 minutes, without locking out others", async () => {
    const ip = "203.0.113.9";
    for (let i = 0; i < 50; i++) expect(await apiError(login(`spray${i}@example.com`, "wrong password!!", { ip, now: t0 }))).toMatch(/^unauthorized/);
    expect(await apiError(login("lin@example.com", PASSWORD, { ip, now: t0 }))).toBe("rate_limited: Too many failed sign-in attempts from this address. Try again in 15 minutes.");
    expect((await login("lin@example.com", PASSWORD, { ip: "198.51.100.1", now: t0 })).user.email).toBe("lin@example.com");
    expect((await login("lin@example.com", PASSWORD, { ip, now: at(t0, LOGIN_WINDOW_MS) })).user.email).toBe("lin@example.com");
  });

  it("unknown emails are limited too (no account enumeration through the limiter)", async () => {
    for (let i = 0; i < 10; i++) await login("ghost@example.com", "wrong password!!", { now: t0 }).catch(() => undefined);
    expect(await apiError(login("ghost@example.com", "wrong password!!", { now: t0 }))).toMatch(/^rate_limited/);
  });
});
