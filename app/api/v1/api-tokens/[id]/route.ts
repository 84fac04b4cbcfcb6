import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { revokeToken } from "@/lib/auth/admin";
import { actorOfPrincipal } from "@/lib/auth/principal";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const DELETE = route({ query: z.object({}), auth: { permission: "tokens:write" } }, async ({ params, auth }) => {
  if (!(await revokeToken(params.id, actorOfPrincipal(auth.principal)))) throw new ApiError("not_found", "No live API token with that id");
  return { revoked: params.id };
});
