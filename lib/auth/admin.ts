import { NotFoundError } from "@/lib/errors";
import { createApiToken, revokeApiToken } from "@/lib/db/api-tokens";
import { recordAudit } from "@/lib/db/audit";
import { createUser, disableUser, findUserByEmail, setUserRole, setUserTeams, type UserInfo } from "@/lib/db/users";
import { generatePassword } from "./password";

/**
 * Audited user and token changes, shared by the CLI (actor "cli"), start-up (bootstrap) and, later, the
 * admin API (actor = actorOfPrincipal(principal)). Audit entries never contain passwords, hashes or secrets.
 */
const auditUser = (u: UserInfo) => ({ email: u.email, name: u.name, role: u.role, teams: u.teams });

/** Creates a user; without a password, generates one and returns it (show it once, never store it). */
export async function addUser(
  input: { email: string; role: string; name?: string; password?: string; teams?: readonly string[] },
  actor: string,
): Promise<{ user: UserInfo; generatedPassword?: string }> {
  const generatedPassword = input.password === undefined ? generatePassword() : undefined;
  const user = await createUser({ ...input, password: input.password ?? generatedPassword! });
  await recordAudit({ actor, action: "user.create", entity: "user", entityId: user.id, after: auditUser(user) });
  return { user, generatedPassword };
}

/** The user with this email, or NotFoundError. */
export async function userByEmail(email: string): Promise<UserInfo> {
  const user = await findUserByEmail(email);
  if (!user) throw new NotFoundError(`No user with email "${email.trim().toLowerCase()}"`);
  return user;
}

export async function changeUserRole(email: string, role: string, actor: string): Promise<UserInfo> {
  const before = await userByEmail(email);
  const after = await setUserRole(before.id, role);
  await recordAudit({ actor, action: "user.role", entity: "user", entityId: after.id, before: auditUser(before), after: auditUser(after) });
  return after;
}

export async function changeUserTeams(email: string, teams: readonly string[], actor: string): Promise<UserInfo> {
  const before = await userByEmail(email);
  const after = await setUserTeams(before.id, teams);
  await recordAudit({ actor, action: "user.teams", entity: "user", entityId: after.id, before: auditUser(before), after: auditUser(after) });
  return after;
}

/** Disables a user and ends its sessions. False when it was already disabled. */
export async function disableUserAccount(email: string, actor: string): Promise<boolean> {
  const user = await userByEmail(email);
  const changed = await disableUser(user.id);
  if (changed) await recordAudit({ actor, action: "user.disable", entity: "user", entityId: user.id, before: auditUser(user) });
  return changed;
}

/** Creates an API token; the secret is in the result only. */
export async function addApiToken(input: { name: string; role: string; teams?: readonly string[] }, actor: string) {
  const token = await createApiToken({ ...input, createdBy: actor });
  await recordAudit({ actor, action: "api_token.create", entity: "api_token", entityId: token.id, after: { name: input.name.trim(), role: input.role.trim().toLowerCase(), teams: input.teams ?? [], prefix: token.prefix } });
  return token;
}

export async function revokeToken(id: string, actor: string): Promise<boolean> {
  const revoked = await revokeApiToken(id);
  if (revoked) await recordAudit({ actor, action: "api_token.revoke", entity: "api_token", entityId: id });
  return revoked;
}

/** Reads the routes need, from the repositories (app/ never imports lib/db). */
export { listApiTokens } from "@/lib/db/api-tokens";
export { listUsers } from "@/lib/db/users";
