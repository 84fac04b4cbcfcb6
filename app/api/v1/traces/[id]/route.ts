import { route } from "@/lib/api/route";
import { spend } from "@/lib/api/operations/spend";
import { getTrace } from "@/lib/finops/trace-lookup";
import { TraceParams } from "@/lib/schemas/trace";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/v1/traces/{trace_id or request_id}: the call graph, its total and the cost by executing and originating team. */
export const GET = route(spend.getTrace, ({ params, auth }) =>
  getTrace({ id: TraceParams.parse(params).id, scope: auth.scope }),
);
