import { route } from "@/lib/api/route";
import { spend } from "@/lib/api/operations/spend";
import { parseDimensionFilters } from "@/lib/finops/summary";
import { getTimeseries } from "@/lib/finops/timeseries";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/v1/timeseries?from=YYYY-MM-DD&to=YYYY-MM-DD[&tz=Zone][&bucket=day|hour][&metric=M][&group_by=DIM][&top=N][&DIM=VALUE…]
 * One metric per bucket, for the caller's teams.
 */
export const GET = route(spend.getTimeseries, ({ query, request, auth }) =>
  getTimeseries(query, parseDimensionFilters(new URL(request.url).searchParams, ["from", "to", "tz", "bucket", "metric", "group_by", "top"]), auth.scope),
);
