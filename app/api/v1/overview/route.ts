import { route } from "@/lib/api/route";
import { spend } from "@/lib/api/operations/spend";
import { getOverview } from "@/lib/finops/overview";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/v1/overview[?from=YYYY-MM-DD&to=YYYY-MM-DD][&tz=Zone][&stack=team|model|provider|environment]
 * The overview's figures, restricted to the teams the caller may see.
 */
export const GET = route(spend.getOverview, ({ query, auth }) => getOverview(query, auth.scope));
