import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { alerts } from "@/lib/api/operations/alerts";
import { transitionAlert } from "@/lib/alerts/manage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = route(alerts.ackAlert, ({ params, auth }) => transitionAlert(auth.principal, auth.scope, params.id, "ack", actorOfPrincipal(auth.principal)));
