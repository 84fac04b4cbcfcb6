import { z } from "zod";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { transitionAlert } from "@/lib/alerts/manage";
import { SnoozeBody } from "@/lib/schemas/alerts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = route({ query: z.object({}), auth: { permission: "spend:read" }, body: SnoozeBody }, ({ params, auth, body }) =>
  transitionAlert(auth.principal, auth.scope, params.id, "snooze", actorOfPrincipal(auth.principal), new Date(body.until)),
);
