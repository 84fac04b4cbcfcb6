import { route } from "@/lib/api/route";
import { budgets } from "@/lib/api/operations/budgets";
import { listVisibleEvents } from "@/lib/budgets/manage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Threshold crossings (and projected breaches) of the budgets the caller may see, newest first. */
export const GET = route(budgets.listBudgetEvents, ({ query, auth }) => listVisibleEvents(auth.principal, query.budget_id));
