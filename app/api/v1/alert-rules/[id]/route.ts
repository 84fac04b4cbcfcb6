import { z } from "zod";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { editAlertRule, removeAlertRule } from "@/lib/alerts/manage";
import { AlertRuleUpdate } from "@/lib/schemas/alerts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const PATCH = route({ query: z.object({}), auth: "signed-in", body: AlertRuleUpdate }, ({ params, body, auth }) => editAlertRule(auth.principal, params.id, body, actorOfPrincipal(auth.principal)));
export const DELETE = route({ query: z.object({}), auth: "signed-in" }, ({ params, auth }) => removeAlertRule(auth.principal, params.id, actorOfPrincipal(auth.principal)));
