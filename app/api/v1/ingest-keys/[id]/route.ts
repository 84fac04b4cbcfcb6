import { z } from "zod";
import { actorOf } from "@/lib/admin/actor";
import { revokeKey } from "@/lib/admin/ingest-keys";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Revokes a key: requests with it get 401 from then on. */
export const DELETE = route({ query: z.object({}), auth: "open" }, async ({ params, request }) => {
  if (!(await revokeKey(params.id, actorOf(request)))) throw new ApiError("not_found", "No live ingest key with that id");
  return { revoked: params.id };
});
