import { cookies } from "next/headers";
import { getSession } from "@/lib/db/sessions";
import { SESSION_COOKIE } from "./authenticate";
import type { Principal } from "./principal";
import { can, PERMISSIONS, type Permission } from "./roles";

/** The signed-in user of a page request (server components), or null. */
export async function currentPrincipal(): Promise<Principal | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return (await getSession(token))?.principal ?? null;
}

/** Every permission the principal holds for at least its own teams (to show only what they can use). */
export function permissionsOf(principal: Principal): Permission[] {
  return PERMISSIONS.filter((p) => can(principal, p) || (principal.teams.length > 0 && can(principal, p, { team: principal.teams[0] })));
}
