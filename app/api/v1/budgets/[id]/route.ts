import { route } from "@/lib/api/route";
import { budgets } from "@/lib/api/operations/budgets";
import { budgetDetail, deleteBudget, updateBudget } from "@/lib/budgets/manage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route(budgets.getBudget, ({ params, auth }) => budgetDetail(params.id, auth.principal));
export const PATCH = route(budgets.updateBudget, async ({ params, body, auth }) => ({ budget: await updateBudget(params.id, body, auth.principal) }));
export const DELETE = route(budgets.deleteBudget, async ({ params, auth }) => ({ deleted: await deleteBudget(params.id, auth.principal) }));
