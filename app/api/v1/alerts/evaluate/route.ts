import { route } from "@/lib/api/route";
import { alerts } from "@/lib/api/operations/alerts";
import { evaluateNow } from "@/lib/alerts/schedule";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Admin and finance (budgets:write on every team): an evaluation reads every team's series. */
export const POST = route(alerts.evaluateAlerts, ({ body, request }) => evaluateNow({ lookbackDays: body.lookback_days, publicUrl: new URL(request.url).origin }));
