import "server-only";
/**
 * The filter a budget applies to events (shared by the budget queries): each dimension is either inactive
 * or must equal its value; plus the caller's team scope. Values only as bound parameters.
 */
import { SCOPE_SQL, type ScopeParams } from "../fragments";

export const BUDGET_FILTER_SQL = `({f_team:Bool} = false OR team = {v_team:String})
  AND ({f_repo:Bool} = false OR repo = {v_repo:String})
  AND ({f_feature:Bool} = false OR feature = {v_feature:String})
  AND ({f_customer:Bool} = false OR customer = {v_customer:String})
  AND ({f_work_item:Bool} = false OR work_item = {v_work_item:String})
  AND ({f_ingest_key:Bool} = false OR ingest_key_id = {v_ingest_key:String})
  AND ${SCOPE_SQL}`;

export type BudgetFilter = { team?: string; repo?: string; feature?: string; customer?: string; work_item?: string; ingest_key?: string };
type Dim = keyof BudgetFilter;
const DIMS: Dim[] = ["team", "repo", "feature", "customer", "work_item", "ingest_key"];

export type BudgetFilterParams = Record<`f_${Dim}`, boolean> & Record<`v_${Dim}`, string> & ScopeParams;

export function budgetFilterParams(filter: BudgetFilter, scope: ScopeParams): BudgetFilterParams {
  const out: Record<string, unknown> = { ...scope };
  for (const d of DIMS) {
    out[`f_${d}`] = filter[d] !== undefined;
    out[`v_${d}`] = filter[d] ?? "";
  }
  return out as BudgetFilterParams;
}
