import type { Role } from "./roles";

/**
 * Who is making a request: a signed-in user (session cookie) or an API token (`tla_…`). Everything that
 * authorizes looks at this, never at the user or token rows.
 *
 * - `name`: the user's email or the token's name (for display and the audit log).
 * - `teams`: slugs of the teams assigned to the user or token.
 * - `all`: whether the role sees every team (admin, finance). Computed by `principalFor` from the role;
 *   `teamScope` (lib/auth/roles.ts) is the one function that turns this into a query restriction.
 */
export type Principal = {
  kind: "user" | "token";
  id: string;
  name: string;
  role: Role;
  teams: string[];
  all: boolean;
};

/** The audit log's actor for a principal: "user:alice@example.com" or "token:grafana". */
export function actorOfPrincipal(principal: Principal): string {
  return `${principal.kind}:${principal.name}`;
}
