import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { alerts } from "@/lib/api/operations/alerts";
import { editAlertRule, removeAlertRule } from "@/lib/alerts/manage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const PATCH = route(alerts.updateAlertRule, ({ params, body, auth }) => editAlertRule(auth.principal, params.id, body, actorOfPrincipal(auth.principal)));
export const DELETE = route(alerts.deleteAlertRule, ({ params, auth }) => removeAlertRule(auth.principal, params.id, actorOfPrincipal(auth.principal)));
