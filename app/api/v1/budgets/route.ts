import { z } from "zod";
import { route } from "@/lib/api/route";
import { createBudget, listBudgetStatuses } from "@/lib/budgets/manage";
import { BudgetCreate } from "@/lib/schemas/budget";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Budgets the caller may see, each with actual, forecast at period end, status and projected breach date. */
export const GET = route({ query: z.object({}), auth: { permission: "spend:read" } }, ({ auth }) => listBudgetStatuses(auth.principal));

/** budgets:write (a lead only for own teams: checked in lib/budgets/manage.ts against the budget's team). */
export const POST = route({ query: z.object({}), auth: "signed-in", body: BudgetCreate }, async ({ body, auth }) => Response.json({ budget: await createBudget(body, auth.principal) }, { status: 201 }));
