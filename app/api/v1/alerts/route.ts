import { route } from "@/lib/api/route";
import { alerts } from "@/lib/api/operations/alerts";
import { listVisibleAlerts } from "@/lib/alerts/manage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route(alerts.listAlerts, async ({ query, auth }) => ({ alerts: await listVisibleAlerts(auth.scope, query.status) }));
