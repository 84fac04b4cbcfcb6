import { z } from "zod";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { transitionAlert } from "@/lib/alerts/manage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = route({ query: z.object({}), auth: { permission: "spend:read" } }, ({ params, auth }) => transitionAlert(auth.principal, auth.scope, params.id, "ack", actorOfPrincipal(auth.principal)));
