import type { CheckRequest, CheckResponse } from "@/lib/schemas/budget";
import { budgetEntries } from "./check-state";
import { decideCall, type Caller } from "./decide";

/**
 * The budget decision for one call in this process (the Next route, tests): the in-memory state of
 * check-state.ts, refreshed as it requires, then the one decision rule of decide.ts.
 */
export type { Caller };

export async function checkBudgets(req: CheckRequest, caller: Caller, now = new Date()): Promise<CheckResponse> {
  return decideCall(req, caller, await budgetEntries(now.getTime()), now);
}
