import { route } from "@/lib/api/route";
import { budgets } from "@/lib/api/operations/budgets";
import { createBudget, listBudgetStatuses } from "@/lib/budgets/manage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Budgets the caller may see, each with actual, forecast at period end, status and projected breach date. */
export const GET = route(budgets.listBudgets, ({ auth }) => listBudgetStatuses(auth.principal));

/** budgets:write (a lead only for own teams: checked in lib/budgets/manage.ts against the budget's team). */
export const POST = route(budgets.createBudget, async ({ body, auth }) => Response.json({ budget: await createBudget(body, auth.principal) }, { status: 201 }));
