import { checkBudgets } from "@/lib/budgets/check";
import { budgetCheckHandler } from "./budget-check-handler";
import { authenticateIngest } from "./ingest-auth";

/**
 * The budget decision API's node:http handler with everything in this process: the key verified against the
 * metadata store, the decision from this process's state (check-state.ts). Used by tests, the bench's bare
 * "handler" target, and bin/serve.ts when its decision worker is off (TOKENLEDGER_CHECK_WORKER=off).
 * State shared with Next's bundles (the budget state, key cache, rate buckets, stores) lives on globalThis,
 * so both see one process-wide copy.
 */
export { BUDGET_CHECK_PATH, isBudgetCheck } from "./budget-check-handler";

export const serveBudgetCheck = budgetCheckHandler({ authenticate: authenticateIngest, decide: checkBudgets });
