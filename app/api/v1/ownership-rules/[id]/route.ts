import { z } from "zod";
import { actorOf } from "@/lib/admin/actor";
import { removeRule } from "@/lib/admin/ownership";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const DELETE = route({ query: z.object({}), auth: "open" }, async ({ params, request }) => {
  const rule = await removeRule(params.id, actorOf(request));
  if (!rule) throw new ApiError("not_found", "No such ownership rule");
  return { deleted: rule };
});
