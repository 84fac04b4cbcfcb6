import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// These checks must answer before any database access: point the store at an empty directory and
// verify afterwards that nothing was created there.
const dir = mkdtempSync(path.join(os.tmpdir(), "tokenledger-unit-auth-"));
process.env.TOKENLEDGER_DATA_DIR = dir;
process.env.DATABASE_URL = `file:${path.join(dir, "db", "app.db")}`;
const { API_TOKEN_PREFIX, verifyApiToken } = await import("@/lib/db/api-tokens");
const { INGEST_KEY_PREFIX, verifyIngestKey } = await import("@/lib/db/ingest-keys");
const { authenticate, clearSessionCookies, CSRF_COOKIE, readCookie, requireCsrf, SESSION_COOKIE, sessionCookies } = await import("@/lib/auth/authenticate");
const { errorCodeOf } = await import("@/lib/api/errors");

afterAll(() => {
  expect(readdirSync(dir)).toEqual([]);
  rmSync(dir, { recursive: true, force: true });
});

describe("token prefixes", () => {
  it("API tokens and ingest keys have distinct prefixes", () => {
    expect(API_TOKEN_PREFIX).toBe("tla_");
    expect(INGEST_KEY_PREFIX).toBe("tlk_");
  });

  it("an ingest key never verifies as an API token, nor an API token as an ingest key", async () => {
    expect(await verifyApiToken("tlk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
    expect(await verifyIngestKey("tla_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
    expect(await verifyApiToken("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
  });

  it("authenticate ignores ingest keys and non-bearer schemes, even with a session cookie", async () => {
    const cookie = `${SESSION_COOKIE}=${"A".repeat(43)}`;
    for (const authorization of ["Bearer tlk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Basic dXNlcjpwYXNz", "Bearer", ""]) {
      expect(await authenticate(new Request("http://t/api", { headers: { authorization, cookie } }))).toBeNull();
    }
  });
});

describe("cookies", () => {
  const session = { token: "tok", csrfToken: "csrf", expiresAt: new Date("2030-01-08T00:00:00Z") };
  const now = new Date("2030-01-01T00:00:00Z");

  it("sign-in sets an HttpOnly session cookie and a readable CSRF cookie, Lax, Path=/, Secure on https", () => {
    const [s, c] = sessionCookies(new Request("https://ledger.example/api/auth/login", { method: "POST" }), session, now);
    expect(s).toBe(`${SESSION_COOKIE}=tok; Path=/; Expires=Tue, 08 Jan 2030 00:00:00 GMT; Max-Age=604800; SameSite=Lax; HttpOnly; Secure`);
    expect(c).toBe(`${CSRF_COOKIE}=csrf; Path=/; Expires=Tue, 08 Jan 2030 00:00:00 GMT; Max-Age=604800; SameSite=Lax; Secure`);
    const [plain] = sessionCookies(new Request("http://localhost:3000/"), session, now);
    expect(plain).not.toContain("Secure");
    const [proxied] = sessionCookies(new Request("http://internal:3000/", { headers: { "x-forwarded-proto": "https" } }), session, now);
    expect(proxied).toContain("Secure");
  });

  it("sign-out expires both cookies", () => {
    const cookies = clearSessionCookies(new Request("http://localhost/"));
    expect(cookies.map((c) => c.split(";")[0])).toEqual([`${SESSION_COOKIE}=`, `${CSRF_COOKIE}=`]);
    for (const c of cookies) expect(c).toContain("Max-Age=0");
  });

  it("readCookie finds one cookie among several", () => {
    const req = new Request("http://t/", { headers: { cookie: `a=1; ${SESSION_COOKIE}=abc%2Dx; tl_session_other=2` } });
    expect(readCookie(req, SESSION_COOKIE)).toBe("abc-x");
    expect(readCookie(req, "missing")).toBeNull();
  });
});

describe("requireCsrf", () => {
  const req = (method: string, header?: string) => new Request("http://t/api/v1/x", { method, headers: header === undefined ? {} : { "x-csrf-token": header } });
  const code = (fn: () => void) => {
    try {
      fn();
      return "ok";
    } catch (err) {
      return errorCodeOf(err) && err instanceof Error ? `${errorCodeOf(err)}: ${err.message}` : String(err);
    }
  };

  it("lets safe methods through and demands the exact token on changes", () => {
    expect(code(() => requireCsrf(req("GET"), "secret-token"))).toBe("ok");
    expect(code(() => requireCsrf(req("HEAD"), "secret-token"))).toBe("ok");
    expect(code(() => requireCsrf(req("POST", "secret-token"), "secret-token"))).toBe("ok");
    for (const [method, header] of [["POST", undefined], ["POST", ""], ["DELETE", "secret-tokeN"], ["PUT", "secret-token-longer"], ["PATCH", "x"]] as const)
      expect(code(() => requireCsrf(req(method, header), "secret-token"))).toBe("forbidden: Missing or invalid CSRF token");
    expect(code(() => requireCsrf(req("POST", ""), ""))).toBe("forbidden: Missing or invalid CSRF token");
  });
});
