import { actorOfPrincipal } from "@/lib/auth/principal";
import { revokeKey } from "@/lib/admin/ingest-keys";
import { NotFoundError } from "@/lib/errors";
import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Revokes a key: requests with it get 401 from then on. */
export const DELETE = route(admin.revokeIngestKey, async ({ params, auth }) => {
  if (!(await revokeKey(params.id, actorOfPrincipal(auth.principal)))) throw new NotFoundError("No live ingest key with that id");
  return { revoked: params.id };
});
