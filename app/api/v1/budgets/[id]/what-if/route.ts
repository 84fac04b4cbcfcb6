import { route } from "@/lib/api/route";
import { budgets } from "@/lib/api/operations/budgets";
import { whatIf } from "@/lib/budgets/what-if";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Read-only: the projection under a scenario, beside the base one. POST because the scenario is a body. */
export const POST = route(budgets.budgetWhatIf, ({ params, body, auth }) => whatIf(params.id, body, auth.principal));
