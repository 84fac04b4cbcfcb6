import Decimal from "decimal.js";
import { chQuery } from "@/lib/clickhouse/client";
import { budgetFilterParams, type BudgetFilter } from "@/lib/clickhouse/queries/budget-filter";
import { budgetModelMix } from "@/lib/clickhouse/queries/budget-model-mix";
import { budgetSpendDaily } from "@/lib/clickhouse/queries/budget-spend-daily";
import { scopeParams } from "@/lib/clickhouse/fragments";
import type { TeamScope } from "@/lib/auth/roles";
import { chDateTime } from "@/lib/ingest/to-row";


/** Spend per local day in [start, end): a map YYYY-MM-DD → exact decimal. */
export async function dailySpend(filter: BudgetFilter, start: Date, end: Date, timeZone: string, scope: TeamScope = { all: true }): Promise<Map<string, Decimal>> {
  const rows = await chQuery(budgetSpendDaily, { from: chDateTime(start), to: chDateTime(end), tz: timeZone, ...budgetFilterParams(filter, scopeParams(scope)) });
  return new Map(rows.map((r) => [r.day, new Decimal(r.total_cost_usd)]));
}

export async function totalSpend(filter: BudgetFilter, start: Date, end: Date, timeZone: string): Promise<Decimal> {
  let s = new Decimal(0);
  for (const v of (await dailySpend(filter, start, end, timeZone)).values()) s = s.plus(v);
  return s;
}

export async function modelMix(filter: BudgetFilter, start: Date, end: Date, scope: TeamScope = { all: true }) {
  return chQuery(budgetModelMix, { from: chDateTime(start), to: chDateTime(end), ...budgetFilterParams(filter, scopeParams(scope)) });
}
