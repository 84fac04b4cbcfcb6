import { z } from "zod";
import { route } from "@/lib/api/route";
import { updateUser } from "@/lib/auth/update-user";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { UserUpdate } from "@/lib/schemas/settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Changes a user's role or teams, or disables the user (which ends their sessions). */
export const PATCH = route({ query: z.object({}), auth: { permission: "users:write" }, body: UserUpdate }, ({ params, body, auth }) => updateUser(params.id, body, actorOfPrincipal(auth.principal)));
