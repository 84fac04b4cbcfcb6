import { NotFoundError } from "@/lib/errors";
import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";
import { revokeToken } from "@/lib/auth/admin";
import { actorOfPrincipal } from "@/lib/auth/principal";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const DELETE = route(admin.revokeApiToken, async ({ params, auth }) => {
  if (!(await revokeToken(params.id, actorOfPrincipal(auth.principal)))) throw new NotFoundError("No live API token with that id");
  return { revoked: params.id };
});
