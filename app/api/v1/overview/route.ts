import { route } from "@/lib/api/route";
import { getOverview } from "@/lib/finops/overview";
import { OverviewQuery } from "@/lib/schemas/overview";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Overview figures, restricted to the teams the caller may see. */
export const GET = route({ query: OverviewQuery, auth: { permission: "spend:read" } }, ({ query, auth }) => getOverview(query.days, auth.scope));
