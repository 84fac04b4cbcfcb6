import { route } from "@/lib/api/route";
import { budgets } from "@/lib/api/operations/budgets";
import { checkBudgets } from "@/lib/budgets/check";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The budget decision for a call about to be dispatched (gateways, CI). Authenticated by an ingest key. */
export const POST = route(budgets.checkBudgets, ({ body, key }) => checkBudgets(body, { keyId: key.id, defaultTeam: key.defaultTeam }));
