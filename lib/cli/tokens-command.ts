import { addApiToken, revokeToken } from "@/lib/auth/admin";
import { listApiTokens } from "@/lib/db/api-tokens";
import { parseTeamsOption } from "./users-command";

/** `cli tokens …`: API tokens (`tla_…`), audited with actor "cli". Each function returns the text to print. */
const ACTOR = "cli";

/** The token is the last word of the output (scripts: `… | tail -n1`), shown this once. */
export async function tokensCreateCommand(opts: { name: string; role: string; teams?: string }): Promise<string> {
  const teams = parseTeamsOption(opts.teams);
  const t = await addApiToken({ name: opts.name, role: opts.role, teams }, ACTOR);
  return `created API token "${opts.name.trim()}" (${t.prefix}…, id ${t.id}, role ${opts.role.trim().toLowerCase()}, teams ${teams.length ? teams.join(",") : "-"}). Store it now; it is not shown again:\n${t.secret}`;
}

export async function tokensListCommand(): Promise<string> {
  const tokens = await listApiTokens();
  if (tokens.length === 0) return "no API tokens";
  return tokens
    .map((t) => `${t.id}  ${t.prefix}…  ${t.name}  ${t.role}  teams=${t.teams.length ? t.teams.join(",") : "-"}  ${t.revokedAt ? "REVOKED" : "live"}  last used ${t.lastUsedAt?.toISOString() ?? "never"}  by ${t.createdBy || "-"}`)
    .join("\n");
}

export async function tokensRevokeCommand(id: string): Promise<string> {
  return (await revokeToken(id, ACTOR)) ? "revoked" : "no live token with that id";
}
