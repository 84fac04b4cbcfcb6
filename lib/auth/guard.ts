import { UnauthorizedError } from "@/lib/errors";
import { authenticate, requireCsrf, type Authenticated } from "./authenticate";
import { requirePermission, teamScope, type Permission, type TeamScope } from "./roles";

export type Authorized = Authenticated & { scope: TeamScope };

/**
 * The whole check for a dashboard route, in order: who is calling (401 if nobody), the CSRF token for a
 * cookie-authenticated change (403), the permission if one is given (403). Returns the caller and the
 * team scope that every query must apply.
 */
export async function authorize(request: Request, permission?: Permission, target?: { team?: string | null }, opts: { now?: Date } = {}): Promise<Authorized> {
  const auth = await authenticate(request, opts);
  if (!auth) throw new UnauthorizedError("Sign in, or send Authorization: Bearer <API token>");
  if (auth.via === "session") requireCsrf(request, auth.csrfToken ?? "");
  if (permission) requirePermission(auth.principal, permission, target);
  return { ...auth, scope: teamScope(auth.principal) };
}
