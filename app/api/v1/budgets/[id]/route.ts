import { z } from "zod";
import { route } from "@/lib/api/route";
import { budgetDetail, deleteBudget, updateBudget } from "@/lib/budgets/manage";
import { BudgetPatch } from "@/lib/schemas/budget";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: z.object({}), auth: { permission: "spend:read" } }, ({ params, auth }) => budgetDetail(params.id, auth.principal));
export const PATCH = route({ query: z.object({}), auth: "signed-in", body: BudgetPatch }, async ({ params, body, auth }) => ({ budget: await updateBudget(params.id, body, auth.principal) }));
export const DELETE = route({ query: z.object({}), auth: "signed-in" }, async ({ params, auth }) => ({ deleted: await deleteBudget(params.id, auth.principal) }));
