import { ForbiddenError, InvalidInputError } from "@/lib/errors";
import type { Principal } from "./principal";

/**
 * Roles and permissions, as data. Who sees what:
 *
 * | permission      | admin | finance | lead      | viewer    | what it covers                                   |
 * |-----------------|-------|---------|-----------|-----------|--------------------------------------------------|
 * | spend:read      | all   | all     | own teams | own teams | overview, explorer, usage, anomalies             |
 * | chargeback:read | all   | all     | –         | –         | chargeback / showback reports, period reports    |
 * | period:close    | all   | all     | –         | –         | closing and reopening accounting periods         |
 * | prices:write    | all   | all     | –         | –         | price book edits, LiteLLM import, reprice        |
 * | rules:write     | all   | all     | –         | –         | ownership rules, re-apply                        |
 * | teams:write     | all   | all     | –         | –         | creating and renaming teams                      |
 * | budgets:write   | all   | all     | own teams | –         | budgets and alert thresholds                     |
 * | keys:write      | all   | –       | –         | –         | ingest keys                                      |
 * | users:write     | all   | –       | –         | –         | users, roles, team assignments                   |
 * | tokens:write    | all   | –       | –         | –         | API tokens                                       |
 * | audit:read      | all   | all     | –         | –         | the audit log                                    |
 * | settings:read   | all   | all     | all       | –         | price book, rules, teams, ingest key list        |
 *
 * "own teams": the principal's assigned teams (`Principal.teams`).
 * - A read permission with "own teams" is granted; the data is then restricted with `teamScope`, the one
 *   function every query endpoint uses. A lead or viewer with no teams sees nothing.
 * - A write permission with "own teams" must name its target: `can(p, "budgets:write", { team })`.
 *   Without a team (an org-wide budget) it is refused.
 * admin and finance see every team (`teamScope` → `{ all: true }`), whatever teams they are assigned.
 * API tokens carry a role and teams exactly like users.
 */
export const ROLES = ["admin", "finance", "lead", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "spend:read",
  "chargeback:read",
  "period:close",
  "prices:write",
  "rules:write",
  "teams:write",
  "budgets:write",
  "keys:write",
  "users:write",
  "tokens:write",
  "audit:read",
  "settings:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** "all": granted for every team; "own": granted for the principal's teams only. Absent: not granted. */
type Grant = "all" | "own";

type RoleDef = { label: string; allTeams: boolean; grants: Partial<Record<Permission, Grant>> };

const everything = Object.fromEntries(PERMISSIONS.map((p) => [p, "all"])) as Record<Permission, Grant>;

export const ROLE_DEFS: Readonly<Record<Role, RoleDef>> = {
  admin: { label: "Admin", allTeams: true, grants: everything },
  finance: {
    label: "Finance",
    allTeams: true,
    grants: {
      "spend:read": "all",
      "chargeback:read": "all",
      "period:close": "all",
      "prices:write": "all",
      "rules:write": "all",
      "teams:write": "all",
      "budgets:write": "all",
      "audit:read": "all",
      "settings:read": "all",
    },
  },
  lead: { label: "Team lead", allTeams: false, grants: { "spend:read": "own", "budgets:write": "own", "settings:read": "all" } },
  viewer: { label: "Viewer", allTeams: false, grants: { "spend:read": "own" } },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The role named by `value`, or InvalidInputError listing the roles. */
export function parseRole(value: string): Role {
  const v = value.trim().toLowerCase();
  if (!isRole(v)) throw new InvalidInputError(`Unknown role "${value}": use one of ${ROLES.join(", ")}`);
  return v;
}

/** Builds a principal; `all` follows from the role. */
export function principalFor(input: { kind: Principal["kind"]; id: string; name: string; role: Role; teams: readonly string[] }): Principal {
  return { kind: input.kind, id: input.id, name: input.name, role: input.role, teams: [...new Set(input.teams)].sort(), all: ROLE_DEFS[input.role].allTeams };
}

/**
 * Whether `principal` may do `permission`, optionally on one team (`{ team: slug }`).
 * Read permissions granted for "own teams" answer true without a team: restrict the data with teamScope.
 * Write permissions granted for "own teams" need the team they act on.
 */
export function can(principal: Principal, permission: Permission, target?: { team?: string | null }): boolean {
  const def = ROLE_DEFS[principal.role];
  const grant = def?.grants[permission];
  if (!grant) return false;
  if (grant === "all") return true;
  const team = target?.team;
  // "" is unattributed data: it belongs to no team, so only an "all" grant covers it.
  if (team !== undefined && team !== null) return team !== "" && principal.teams.includes(team);
  return permission.endsWith(":read");
}

/** can(), or ForbiddenError naming what is missing. */
export function requirePermission(principal: Principal, permission: Permission, target?: { team?: string | null }): void {
  if (can(principal, permission, target)) return;
  const where = target?.team ? ` for team "${target.team}"` : "";
  throw new ForbiddenError(`Your role (${principal.role}) does not allow ${permission}${where}`);
}

export type TeamScope = { all: true } | { all: false; teams: string[] };

/**
 * The teams whose data a principal may see: THE restriction every query endpoint applies (events,
 * spend, budgets, anomalies…). `{ all: false, teams: [] }` means nothing.
 */
export function teamScope(principal: Principal): TeamScope {
  const def = ROLE_DEFS[principal.role];
  if (def?.allTeams && principal.all) return { all: true };
  return { all: false, teams: [...principal.teams] };
}

/** Whether data of `team` is inside the scope. Events with no team ("") are visible only to `{ all: true }`. */
export function inScope(scope: TeamScope, team: string): boolean {
  return scope.all || (team !== "" && scope.teams.includes(team));
}

/**
 * Narrows a team filter from the request to the scope: no filter → the scope itself; a filter → its teams
 * inside the scope (outside ones are dropped, so a lead asking for another team gets nothing, not an error).
 */
export function restrictToScope(scope: TeamScope, requested?: readonly string[] | null): TeamScope {
  if (!requested || requested.length === 0) return scope;
  return { all: false, teams: requested.filter((t) => inScope(scope, t)) };
}
