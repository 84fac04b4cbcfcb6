import { describe, expect, it } from "vitest";
import { errorCodeOf } from "@/lib/api/errors";
import { ForbiddenError } from "@/lib/errors";
import type { Principal } from "@/lib/auth/principal";
import { can, inScope, parseRole, PERMISSIONS, principalFor, requirePermission, restrictToScope, ROLES, teamScope, type Permission, type Role } from "@/lib/auth/roles";

const user = (role: Role, teams: string[] = []): Principal => principalFor({ kind: "user", id: `u-${role}`, name: `${role}@x.test`, role, teams });

describe("permission matrix", () => {
  // Expected answers without a team target: the table in lib/auth/roles.ts, spelled out.
  const expected: Record<Permission, Record<Role, boolean>> = {
    "spend:read": { admin: true, finance: true, lead: true, viewer: true },
    "chargeback:read": { admin: true, finance: true, lead: false, viewer: false },
    "period:close": { admin: true, finance: true, lead: false, viewer: false },
    "prices:write": { admin: true, finance: true, lead: false, viewer: false },
    "rules:write": { admin: true, finance: true, lead: false, viewer: false },
    "teams:write": { admin: true, finance: true, lead: false, viewer: false },
    "budgets:write": { admin: true, finance: true, lead: false /* needs a team */, viewer: false },
    "keys:write": { admin: true, finance: false, lead: false, viewer: false },
    "users:write": { admin: true, finance: false, lead: false, viewer: false },
    "tokens:write": { admin: true, finance: false, lead: false, viewer: false },
    "audit:read": { admin: true, finance: true, lead: false, viewer: false },
    "settings:read": { admin: true, finance: true, lead: true, viewer: false },
  };

  it("covers every permission and role", () => {
    expect(Object.keys(expected).sort()).toEqual([...PERMISSIONS].sort());
    for (const permission of PERMISSIONS)
      for (const role of ROLES) expect({ permission, role, allowed: can(user(role, ["platform"]), permission) }).toEqual({ permission, role, allowed: expected[permission][role] });
  });

  it("admin can do everything, on any team", () => {
    for (const permission of PERMISSIONS) expect(can(user("admin"), permission, { team: "anything" })).toBe(true);
  });

  it("a lead writes budgets only for its own teams, and never org-wide", () => {
    const lead = user("lead", ["platform", "growth"]);
    expect(can(lead, "budgets:write", { team: "platform" })).toBe(true);
    expect(can(lead, "budgets:write", { team: "growth" })).toBe(true);
    expect(can(lead, "budgets:write", { team: "search" })).toBe(false);
    expect(can(lead, "budgets:write")).toBe(false);
    expect(can(lead, "budgets:write", { team: null })).toBe(false);
    expect(can(lead, "prices:write", { team: "platform" })).toBe(false);
  });

  it("finance writes budgets for any team; a viewer for none", () => {
    expect(can(user("finance"), "budgets:write", { team: "search" })).toBe(true);
    expect(can(user("viewer", ["search"]), "budgets:write", { team: "search" })).toBe(false);
  });

  it("team-scoped reads: a viewer reads its own team's spend but not another's", () => {
    const viewer = user("viewer", ["search"]);
    expect(can(viewer, "spend:read")).toBe(true);
    expect(can(viewer, "spend:read", { team: "search" })).toBe(true);
    expect(can(viewer, "spend:read", { team: "platform" })).toBe(false);
    expect(can(viewer, "spend:read", { team: "" })).toBe(false); // unattributed events
    expect(can(user("finance"), "spend:read", { team: "" })).toBe(true);
  });

  it("requirePermission throws forbidden naming the role and permission", () => {
    expect(() => requirePermission(user("admin"), "users:write")).not.toThrow();
    try {
      requirePermission(user("lead", ["platform"]), "budgets:write", { team: "search" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ForbiddenError);
      expect(errorCodeOf(err)).toBe("forbidden");
      expect((err as ForbiddenError).message).toBe('Your role (lead) does not allow budgets:write for team "search"');
    }
  });
});

describe("teamScope", () => {
  it("admin and finance see all teams; lead and viewer only theirs", () => {
    expect(teamScope(user("admin"))).toEqual({ all: true });
    expect(teamScope(user("finance", ["search"]))).toEqual({ all: true });
    expect(teamScope(user("lead", ["platform", "growth"]))).toEqual({ all: false, teams: ["growth", "platform"] });
    expect(teamScope(user("viewer", ["search"]))).toEqual({ all: false, teams: ["search"] });
    expect(teamScope(user("viewer"))).toEqual({ all: false, teams: [] });
  });

  it("does not widen a scoped role even when a principal claims all", () => {
    const forged: Principal = { ...user("viewer", ["search"]), all: true };
    expect(teamScope(forged)).toEqual({ all: false, teams: ["search"] });
  });

  it("principalFor derives `all` from the role and de-duplicates teams", () => {
    expect(principalFor({ kind: "token", id: "t", name: "bi", role: "finance", teams: [] }).all).toBe(true);
    expect(principalFor({ kind: "token", id: "t", name: "bi", role: "lead", teams: ["b", "a", "b"] })).toMatchObject({ all: false, teams: ["a", "b"] });
  });

  it("inScope and restrictToScope: unattributed events only for all-team roles; requested teams narrowed", () => {
    const scoped = teamScope(user("lead", ["platform"]));
    expect(inScope({ all: true }, "")).toBe(true);
    expect(inScope(scoped, "")).toBe(false);
    expect(inScope(scoped, "platform")).toBe(true);
    expect(inScope(scoped, "search")).toBe(false);
    expect(restrictToScope(scoped)).toEqual(scoped);
    expect(restrictToScope(scoped, ["search", "platform"])).toEqual({ all: false, teams: ["platform"] });
    expect(restrictToScope(scoped, ["search"])).toEqual({ all: false, teams: [] });
    expect(restrictToScope({ all: true }, ["search"])).toEqual({ all: false, teams: ["search"] });
  });
});

describe("parseRole", () => {
  it("accepts the four roles in any case and names them on a mistake", () => {
    expect(parseRole(" Finance ")).toBe("finance");
    expect(() => parseRole("owner")).toThrow('Unknown role "owner": use one of admin, finance, lead, viewer');
  });
});
