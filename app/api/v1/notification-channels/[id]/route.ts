import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { alerts } from "@/lib/api/operations/alerts";
import { editChannel, removeChannel } from "@/lib/alerts/channels";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const PATCH = route(alerts.updateChannel, ({ params, body, auth }) => editChannel(params.id, body, actorOfPrincipal(auth.principal)));
export const DELETE = route(alerts.deleteChannel, ({ params, auth }) => removeChannel(params.id, actorOfPrincipal(auth.principal)));
