import { route } from "@/lib/api/route";
import { spend } from "@/lib/api/operations/spend";
import { getChange } from "@/lib/finops/change";
import { parseDimensionFilters } from "@/lib/finops/summary";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/v1/change?from=YYYY-MM-DD&to=YYYY-MM-DD[&base_from=YYYY-MM-DD&base_to=YYYY-MM-DD][&tz=Zone][&DIM=VALUE…][&exclude_DIM=VALUE…]
 * Why spend changed: the drivers of current − baseline, each with the dimension values that carry it.
 */
export const GET = route(spend.getChange, ({ query, request, auth }) =>
  getChange({ ...query, filters: parseDimensionFilters(new URL(request.url).searchParams, ["from", "to", "tz", "base_from", "base_to", "baseline_from", "baseline_to"]), scope: auth.scope }),
);
