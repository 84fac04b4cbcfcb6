import { z } from "zod";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { addAlertRule, rulesList } from "@/lib/alerts/manage";
import { AlertRuleCreate } from "@/lib/schemas/alerts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: z.object({}), auth: { permission: "spend:read" } }, async () => ({ rules: await rulesList() }));
export const POST = route({ query: z.object({}), auth: "signed-in", body: AlertRuleCreate }, ({ body, auth }) => addAlertRule(auth.principal, body, actorOfPrincipal(auth.principal)));
