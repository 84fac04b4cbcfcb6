import { route } from "@/lib/api/route";
import { anomaliesBetween } from "@/lib/alerts/anomalies";
import { AnomaliesQuery } from "@/lib/schemas/alerts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: AnomaliesQuery, auth: { permission: "spend:read" } }, ({ query, auth }) => anomaliesBetween(auth.scope, query.from, query.to, query.tz));
