import "server-only";
import type { TeamScope } from "@/lib/auth/roles";
import { DIMENSION_NAMES, type Dimension } from "@/lib/dimensions";

/**
 * The team-scope filter every spend query carries: admin and finance see every team (including
 * unattributed spend, team = ''); leads and viewers only their teams. Values travel as bound parameters.
 */
export const SCOPE_SQL = "({scope_all:Bool} OR team IN {scope_teams:Array(String)})";

export type ScopeParams = { scope_all: boolean; scope_teams: string[] };

export function scopeParams(scope: TeamScope): ScopeParams {
  return scope.all ? { scope_all: true, scope_teams: [] } : { scope_all: false, scope_teams: scope.teams };
}

/**
 * Dimensions a caller may group or filter by: API name → column. Identifiers reach SQL only through this
 * map; values only through bound parameters.
 */
export const DIMENSIONS: Record<Dimension, string> = {
  team: "team",
  repo: "repo",
  feature: "feature",
  environment: "environment",
  service: "service",
  customer: "customer",
  provider: "provider",
  model: "model",
  status: "status",
  service_tier: "service_tier",
  pipeline_stage: "pipeline_stage",
  user: "user",
  work_item: "work_item",
  pull_request: "pull_request",
  branch: "branch",
  trigger: "trigger",
  error_type: "error_type",
  session_id: "session_id",
};
// The names live in lib/dimensions.ts (client code needs them); re-exported for the callers that import them here.
export { DIMENSION_NAMES, type Dimension };

export type DimensionFilters = { include: Partial<Record<Dimension, string[]>>; exclude: Partial<Record<Dimension, string[]>> };

/** `AND column [NOT] IN {f_i:Array(String)}` for each filtered dimension, with its parameters. */
export function dimensionFilters(filters: DimensionFilters): { sql: string; params: Record<string, string[]> } {
  const parts: string[] = [];
  const params: Record<string, string[]> = {};
  DIMENSION_NAMES.forEach((dim, i) => {
    const inc = filters.include[dim];
    if (inc?.length) {
      parts.push(`AND ${DIMENSIONS[dim]} IN {fi_${i}:Array(String)}`);
      params[`fi_${i}`] = inc;
    }
    const exc = filters.exclude[dim];
    if (exc?.length) {
      parts.push(`AND ${DIMENSIONS[dim]} NOT IN {fx_${i}:Array(String)}`);
      params[`fx_${i}`] = exc;
    }
  });
  return { sql: parts.join(" "), params };
}
