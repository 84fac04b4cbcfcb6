import { z } from "zod";
import { route } from "@/lib/api/route";
import { evaluateNow } from "@/lib/alerts/schedule";
import { EvaluateBody } from "@/lib/schemas/alerts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Admin and finance (budgets:write on every team): an evaluation reads every team's series. */
export const POST = route({ query: z.object({}), auth: { permission: "budgets:write" }, body: EvaluateBody }, ({ body, request }) => evaluateNow({ lookbackDays: body.lookback_days, publicUrl: new URL(request.url).origin }));
