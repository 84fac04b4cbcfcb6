import { route } from "@/lib/api/route";
import { listVisibleAlerts } from "@/lib/alerts/manage";
import { AlertListQuery } from "@/lib/schemas/alerts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: AlertListQuery, auth: { permission: "spend:read" } }, async ({ query, auth }) => ({ alerts: await listVisibleAlerts(auth.scope, query.status) }));
