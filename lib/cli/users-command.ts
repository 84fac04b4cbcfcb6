import { addUser, changeUserRole, changeUserTeams, disableUserAccount } from "@/lib/auth/admin";
import { listUsers } from "@/lib/db/users";

/**
 * `cli users …`: each function does the change (audited, actor "cli") and returns the text to print.
 * A generated password appears in the output once and nowhere else.
 */
const ACTOR = "cli";

/** "a, b,,c" → ["a", "b", "c"]. */
export function parseTeamsOption(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

const teamsText = (teams: readonly string[]) => (teams.length ? teams.join(",") : "-");

export async function usersCreateCommand(opts: { email: string; role: string; teams?: string; name?: string; password?: string }): Promise<string> {
  const { user, generatedPassword } = await addUser({ email: opts.email, role: opts.role, name: opts.name, password: opts.password, teams: parseTeamsOption(opts.teams) }, ACTOR);
  const line = `created user ${user.email} (role ${user.role}, teams ${teamsText(user.teams)})`;
  return generatedPassword ? `${line}. Generated password, shown once; store it now:\n${generatedPassword}` : line;
}

export async function usersListCommand(): Promise<string> {
  const users = await listUsers();
  if (users.length === 0) return "no users";
  return users
    .map((u) => `${u.email}  ${u.role}  teams=${teamsText(u.teams)}  ${u.disabledAt ? `DISABLED ${u.disabledAt.toISOString()}` : "active"}${u.name ? `  ${u.name}` : ""}`)
    .join("\n");
}

export async function usersDisableCommand(email: string): Promise<string> {
  return (await disableUserAccount(email, ACTOR)) ? `disabled ${email.trim().toLowerCase()} and ended its sessions` : `${email.trim().toLowerCase()} was already disabled`;
}

export async function usersSetRoleCommand(email: string, role: string): Promise<string> {
  const u = await changeUserRole(email, role, ACTOR);
  return `${u.email} is now ${u.role}`;
}

export async function usersSetTeamsCommand(email: string, teams: string): Promise<string> {
  const u = await changeUserTeams(email, parseTeamsOption(teams), ACTOR);
  return `${u.email} teams: ${teamsText(u.teams)}`;
}
