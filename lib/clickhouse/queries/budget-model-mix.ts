import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";
import { BUDGET_FILTER_SQL, type BudgetFilterParams } from "./budget-filter";

/**
 * A budget's spend and token counts per provider and model in [from, to): the mix a what-if scenario
 * reprices when a share of one model's traffic moves to another. Raw usage_events (same filter as
 * budget-spend-daily). Units: cost as a decimal string, tokens as counts (strings: 64-bit).
 */
const Row = z.object({
  provider: z.string(),
  model: z.string(),
  total_cost_usd: z.string(),
  total_calls: z.coerce.number(),
  total_input: z.coerce.number(),
  total_cache_read: z.coerce.number(),
  total_cache_write: z.coerce.number(),
  total_output: z.coerce.number(),
  total_reasoning: z.coerce.number(),
});

export const budgetModelMix: QueryDef<{ from: string; to: string } & BudgetFilterParams, typeof Row> = {
  name: "budget-model-mix",
  sql: `SELECT provider, model, sum(cost_usd) AS total_cost_usd, count() AS total_calls,
               sum(input_tokens) AS total_input, sum(cache_read_tokens) AS total_cache_read,
               sum(cache_write_tokens) AS total_cache_write, sum(output_tokens) AS total_output,
               sum(reasoning_tokens) AS total_reasoning
        FROM usage_events
        WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')} AND ${BUDGET_FILTER_SQL}
        GROUP BY provider, model
        ORDER BY total_cost_usd DESC`,
  row: Row,
};
