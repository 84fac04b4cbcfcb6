import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { alerts } from "@/lib/api/operations/alerts";
import { addAlertRule, rulesList } from "@/lib/alerts/manage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route(alerts.listAlertRules, async () => ({ rules: await rulesList() }));
export const POST = route(alerts.createAlertRule, ({ body, auth }) => addAlertRule(auth.principal, body, actorOfPrincipal(auth.principal)));
