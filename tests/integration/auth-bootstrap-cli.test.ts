import { afterAll, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

const store = useTempStore();
const { db } = await import("@/lib/db/prisma");
const { listAudit } = await import("@/lib/db/audit");
const { countUsers, findUserByEmail } = await import("@/lib/db/users");
const { verifyApiToken } = await import("@/lib/db/api-tokens");
const { ensureFirstAdmin, createDemoUsers } = await import("@/lib/auth/bootstrap");
const { login } = await import("@/lib/auth/login");
const { usersCreateCommand, usersListCommand, usersDisableCommand, usersSetRoleCommand, usersSetTeamsCommand, parseTeamsOption } = await import("@/lib/cli/users-command");
const { tokensCreateCommand, tokensListCommand, tokensRevokeCommand } = await import("@/lib/cli/tokens-command");
const { DomainError } = await import("@/lib/errors");

afterAll(() => store.cleanup());

const wipeUsers = async () => (await db()).user.deleteMany({});
const auditText = async () => JSON.stringify(await listAudit(1000));

describe("first admin", () => {
  it("does nothing without an email, creates the admin once, then skips", async () => {
    expect(await ensureFirstAdmin({})).toEqual({ action: "skipped", reason: "not_configured" });
    expect(await ensureFirstAdmin({ password: "only a password here" })).toEqual({ action: "skipped", reason: "not_configured" });
    expect(await countUsers()).toBe(0);
    expect(await ensureFirstAdmin({ email: "Root@Example.com", password: "first admin password" })).toEqual({ action: "created", email: "root@example.com" });
    expect(await findUserByEmail("root@example.com")).toMatchObject({ role: "admin" });
    expect((await login("root@example.com", "first admin password")).user.role).toBe("admin");
    expect(await ensureFirstAdmin({ email: "other@example.com", password: "first admin password" })).toEqual({ action: "skipped", reason: "users_exist" });
    expect(await auditText()).not.toContain("first admin password");
  });

  it("generates a password when only the email is configured; rejects a weak one", async () => {
    await wipeUsers();
    await expect(ensureFirstAdmin({ email: "root@example.com", password: "short" })).rejects.toThrow(/at least 12 characters/);
    const r = await ensureFirstAdmin({ email: "root@example.com" });
    expect(r).toMatchObject({ action: "created", email: "root@example.com", generatedPassword: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) });
    if (r.action !== "created") throw new Error("unreachable");
    expect((await login("root@example.com", r.generatedPassword!)).user.email).toBe("root@example.com");
  });
});

describe("demo users", () => {
  it("creates one user per role with fresh passwords, only into an empty user table", async () => {
    expect(await createDemoUsers()).toEqual([]); // users exist
    await wipeUsers();
    const creds = await createDemoUsers();
    expect(creds.map((c) => [c.email, c.role, c.teams.join(",")])).toEqual([
      ["admin@demo.local", "admin", ""],
      ["finance@demo.local", "finance", ""],
      ["lead@demo.local", "lead", "platform"],
      ["viewer@demo.local", "viewer", "search"],
    ]);
    expect(new Set(creds.map((c) => c.password)).size).toBe(4);
    for (const c of creds) {
      const r = await login(c.email, c.password);
      expect(r.user.role).toBe(c.role);
    }
    const rows = await (await db()).user.findMany();
    const audit = await auditText();
    for (const c of creds) {
      expect(JSON.stringify(rows)).not.toContain(c.password);
      expect(audit).not.toContain(c.password);
    }
    expect(await createDemoUsers()).toEqual([]);
  });
});

describe("cli users", () => {
  it("parses --teams lists", () => {
    expect(parseTeamsOption(" a, b,,c ")).toEqual(["a", "b", "c"]);
    expect(parseTeamsOption(undefined)).toEqual([]);
  });

  it("creates with a given or a generated password (printed once, last), lists, changes and disables", async () => {
    expect(await usersCreateCommand({ email: "Fin@Example.com", role: "finance", password: "finance password 1", name: "Fin" })).toBe("created user fin@example.com (role finance, teams -)");
    const out = await usersCreateCommand({ email: "pat@example.com", role: "lead", teams: "platform,search" });
    expect(out).toMatch(/^created user pat@example.com \(role lead, teams platform,search\)\. Generated password, shown once; store it now:\n[A-Za-z0-9_-]{24}$/);
    const generated = out.split(/\s+/).at(-1)!;
    expect((await login("pat@example.com", generated)).user.teams).toEqual(["platform", "search"]);

    const list = await usersListCommand();
    expect(list).toContain("fin@example.com  finance  teams=-  active  Fin");
    expect(list).toContain("pat@example.com  lead  teams=platform,search  active");
    expect(list).not.toMatch(/scrypt|finance password 1/);
    expect(list).not.toContain(generated);

    expect(await usersSetRoleCommand("pat@example.com", "viewer")).toBe("pat@example.com is now viewer");
    expect(await usersSetTeamsCommand("pat@example.com", "search")).toBe("pat@example.com teams: search");
    expect(await usersDisableCommand("PAT@example.com")).toBe("disabled pat@example.com and ended its sessions");
    expect(await usersDisableCommand("pat@example.com")).toBe("pat@example.com was already disabled");
    expect(await usersListCommand()).toMatch(/pat@example.com {2}viewer {2}teams=search {2}DISABLED /);
    await expect(usersDisableCommand("nobody@example.com")).rejects.toThrow('No user with email "nobody@example.com"');
    await expect(usersCreateCommand({ email: "fin@example.com", role: "viewer" })).rejects.toBeInstanceOf(DomainError);

    const entries = (await listAudit(1000)).filter((e) => e.actor === "cli" && e.entity === "user");
    expect(entries.map((e) => e.action).sort()).toEqual(["user.create", "user.create", "user.disable", "user.role", "user.teams"]);
    const audit = await auditText();
    expect(audit).not.toContain("finance password 1");
    expect(audit).not.toContain(generated);
    expect(audit).not.toContain("scrypt$");
  });
});

describe("cli tokens", () => {
  it("creates a token printed as the last word, lists without the secret, revokes; all audited", async () => {
    const out = await tokensCreateCommand({ name: "grafana", role: "viewer", teams: "search" });
    const secret = out.split(/\s+/).at(-1)!;
    expect(secret).toMatch(/^tla_[A-Za-z0-9_-]{32}$/);
    const principal = await verifyApiToken(secret);
    expect(principal).toMatchObject({ kind: "token", name: "grafana", role: "viewer", teams: ["search"] });

    const list = await tokensListCommand();
    expect(list).toContain(`${principal!.id}  ${secret.slice(0, 10)}…  grafana  viewer  teams=search  live  last used `);
    expect(list).toContain("by cli");
    expect(list).not.toContain(secret);

    expect(await tokensRevokeCommand(principal!.id)).toBe("revoked");
    expect(await tokensRevokeCommand(principal!.id)).toBe("no live token with that id");
    expect(await verifyApiToken(secret)).toBeNull();
    expect(await tokensListCommand()).toContain("REVOKED");
    await expect(tokensCreateCommand({ name: "x", role: "superuser" })).rejects.toThrow(/Unknown role "superuser"/);

    const entries = (await listAudit(1000)).filter((e) => e.entity === "api_token");
    expect(entries.map((e) => [e.actor, e.action]).sort()).toEqual([["cli", "api_token.create"], ["cli", "api_token.revoke"]]);
    expect(await auditText()).not.toContain(secret);
  });
});
