import { afterAll, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

/**
 * API tokens and sessions are verified from a 2 s per-process cache (the metadata lookup was a fixed cost on every
 * request). Any write to their tables in this process empties it at once; a change it cannot see (another
 * process) applies within CREDENTIAL_CACHE_MS. Real SQLite through Prisma.
 */
const store = useTempStore();
const { db } = await import("@/lib/db/prisma");
const users = await import("@/lib/db/users");
const sessions = await import("@/lib/db/sessions");
const tokens = await import("@/lib/db/api-tokens");
const { CREDENTIAL_CACHE_MS } = await import("@/lib/db/credential-cache");
afterAll(() => store.cleanup());

const PASSWORD = "a long enough password";

describe("credential cache", () => {
  it("a revoked token is refused on the next request, though it was just verified", async () => {
    const t = await tokens.createApiToken({ name: "ci", role: "viewer", createdBy: "test" });
    expect(await tokens.verifyApiToken(t.secret)).not.toBeNull();
    expect(await tokens.verifyApiToken(t.secret)).not.toBeNull();
    expect(await tokens.revokeApiToken(t.id)).toBe(true);
    expect(await tokens.verifyApiToken(t.secret)).toBeNull();
  });

  it("a role change or a disable in this process applies to a cached session at once", async () => {
    const u = await users.createUser({ email: "cache@example.com", role: "viewer", password: PASSWORD });
    const s = await sessions.createSession(u.id);
    expect((await sessions.getSession(s.token))?.principal.role).toBe("viewer");
    await users.setUserRole(u.id, "finance");
    expect((await sessions.getSession(s.token))?.principal.role).toBe("finance");
    await sessions.deleteSession(s.token);
    expect(await sessions.getSession(s.token)).toBeNull();
  });

  it("a change made behind its back (as by another process) applies within the cache's lifetime", async () => {
    const t = await tokens.createApiToken({ name: "bi", role: "viewer", createdBy: "test" });
    expect((await tokens.verifyApiToken(t.secret))?.role).toBe("viewer");
    // Raw SQL is not a model write: the cache does not hear of it, like a change by the CLI.
    await (await db()).$executeRawUnsafe(`UPDATE "ApiToken" SET "revokedAt" = CURRENT_TIMESTAMP WHERE "id" = '${t.id}'`);
    expect((await tokens.verifyApiToken(t.secret))?.role).toBe("viewer");
    await new Promise((r) => setTimeout(r, CREDENTIAL_CACHE_MS + 100));
    expect(await tokens.verifyApiToken(t.secret)).toBeNull();
  });
});
