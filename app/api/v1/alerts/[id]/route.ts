import { route } from "@/lib/api/route";
import { alerts } from "@/lib/api/operations/alerts";
import { alertDetail } from "@/lib/alerts/manage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route(alerts.getAlert, ({ params, auth }) => alertDetail(auth.scope, params.id));
