import type { TeamScope } from "@/lib/auth/roles";

/**
 * The team-scope filter every spend query carries: admin and finance see every team (including
 * unattributed spend, team = ''); leads and viewers only their teams. Values travel as bound parameters.
 */
export const SCOPE_SQL = "({scope_all:Bool} OR team IN {scope_teams:Array(String)})";

export type ScopeParams = { scope_all: boolean; scope_teams: string[] };

export function scopeParams(scope: TeamScope): ScopeParams {
  return scope.all ? { scope_all: true, scope_teams: [] } : { scope_all: false, scope_teams: scope.teams };
}
