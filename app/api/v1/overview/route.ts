import { route } from "@/lib/api/route";
import { getOverview } from "@/lib/finops/overview";
import { OverviewQuery } from "@/lib/schemas/overview";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/v1/overview[?from=YYYY-MM-DD&to=YYYY-MM-DD][&tz=Zone][&stack=team|model|provider|environment]
 * The overview's figures, restricted to the teams the caller may see.
 */
export const GET = route({ query: OverviewQuery, auth: { permission: "spend:read" } }, ({ query, auth }) => getOverview(query, auth.scope));
