import { actorOfPrincipal } from "@/lib/auth/principal";
import { removeRule } from "@/lib/admin/ownership";
import { NotFoundError } from "@/lib/errors";
import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const DELETE = route(admin.deleteOwnershipRule, async ({ params, auth }) => {
  const rule = await removeRule(params.id, actorOfPrincipal(auth.principal));
  if (!rule) throw new NotFoundError("No such ownership rule");
  return { deleted: rule };
});
