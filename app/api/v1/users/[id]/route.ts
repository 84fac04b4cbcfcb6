import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";
import { updateUser } from "@/lib/auth/update-user";
import { actorOfPrincipal } from "@/lib/auth/principal";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Changes a user's role or teams, or disables the user (which ends their sessions). */
export const PATCH = route(admin.updateUser, ({ params, body, auth }) => updateUser(params.id, body, actorOfPrincipal(auth.principal)));
