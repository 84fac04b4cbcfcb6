import { route } from "@/lib/api/route";
import { spend } from "@/lib/api/operations/spend";
import { parseDimensionFilters } from "@/lib/finops/summary";
import { getTopTraces } from "@/lib/finops/trace-lookup";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/v1/traces?from=YYYY-MM-DD&to=YYYY-MM-DD[&tz=Zone][&limit=N][&DIMENSION=VALUE…][&exclude_DIMENSION=VALUE…]
 * The most expensive traces with an event matching the filters, within the caller's teams.
 */
export const GET = route(spend.listTopTraces, ({ query, request, auth }) =>
  getTopTraces({ ...query, filters: parseDimensionFilters(new URL(request.url).searchParams, ["from", "to", "tz", "limit"]), scope: auth.scope }),
);
