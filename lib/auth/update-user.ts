import { NotFoundError } from "@/lib/errors";
import { findUserById, type UserInfo } from "@/lib/db/users";
import { changeUserRole, changeUserTeams, disableUserAccount } from "./admin";

/** PATCH /api/v1/users/{id}: role, teams, or disable; each change audited on its own. */
export async function updateUser(id: string, change: { role?: string; teams?: string[]; disabled?: true }, actor: string): Promise<UserInfo> {
  const user = await findUserById(id);
  if (!user) throw new NotFoundError("No such user");
  if (change.role && change.role !== user.role) await changeUserRole(user.email, change.role, actor);
  if (change.teams) await changeUserTeams(user.email, change.teams, actor);
  if (change.disabled) await disableUserAccount(user.email, actor);
  return (await findUserById(id))!;
}
