import { route } from "@/lib/api/route";
import { alerts } from "@/lib/api/operations/alerts";
import { anomaliesBetween } from "@/lib/alerts/anomalies";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route(alerts.listAnomalies, ({ query, auth }) => anomaliesBetween(auth.scope, query.from, query.to, query.tz));
