import { route } from "@/lib/api/route";
import { getOverview } from "@/lib/finops/overview";
import { OverviewQuery } from "@/lib/schemas/overview";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: OverviewQuery, auth: "open" }, ({ query }) => getOverview(query.days));
