import { route } from "@/lib/api/route";
import { budgets } from "@/lib/api/operations/budgets";
import { getOrgSettings } from "@/lib/admin/org-settings";
import { spendForecasts } from "@/lib/finops/spend-forecasts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Where each team, repo or feature lands at the end of the current period, within the caller's teams. */
export const GET = route(budgets.listForecasts, async ({ query, auth }) => spendForecasts({ ...query, now: new Date(), cal: await getOrgSettings(), scope: auth.scope }));
