import { route } from "@/lib/api/route";
import { spend } from "@/lib/api/operations/spend";
import { getSummary, parseDimensionFilters } from "@/lib/finops/summary";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/v1/summary?from=YYYY-MM-DD&to=YYYY-MM-DD[&tz=Zone][&group_by=DIMENSION][&sort=&dir=&limit=&offset=][&until=ISO instant][&search=text][&DIMENSION=VALUE…]
 * Every measure of PRODUCT.md for the caller's teams; repeat a dimension to include several values.
 */
export const GET = route(spend.getSummary, ({ query, request, auth }) =>
  getSummary({ ...query, filters: parseDimensionFilters(new URL(request.url).searchParams, ["from", "to", "tz", "group_by", "sort", "dir", "limit", "offset", "until", "search"]), scope: auth.scope }),
);
