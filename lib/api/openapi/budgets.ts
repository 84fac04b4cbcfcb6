import { z } from "zod";
import { BudgetCreate, BudgetDeleted, BudgetDetailOut, BudgetEventsOut, BudgetListOut, BudgetPatch, BudgetSaved, CheckRequest, CheckResponse, WhatIf, WhatIfOut } from "@/lib/schemas/budget";
import { ForecastQuery, ForecastsOut } from "@/lib/schemas/forecast";
import type { Spec } from "./builder";

/** Budgets, their forecasts and events, what-if scenarios, and the decision API for gateways. */
export function addBudgets(spec: Spec): void {
  const tag = "Budgets";
  const id = { id: { schema: z.string().min(1), description: "The budget's id." } };
  spec.add("get", "/api/v1/budgets", { id: "listBudgets", tag, summary: "Budgets with actual, forecast and status", description: "Each budget the caller may see (admin/finance: all; lead/viewer: their teams' budgets) in its current period: actual spend, the forecast at period end with 80 %/95 % intervals, status and projected breach date. Listing records threshold crossings as budget events.", auth: { permission: "spend:read" }, responses: { "200": spec.json("The budgets.", "BudgetList", BudgetListOut) } });
  spec.add("post", "/api/v1/budgets", { id: "createBudget", tag, summary: "Create a budget", description: "Needs budgets:write; a lead only for a budget of one of their teams (team budget, or another scope with `team`). Audited.", auth: "signed-in", body: { name: "BudgetCreate", schema: BudgetCreate }, responses: { "201": spec.json("The budget.", "BudgetSaved", BudgetSaved) }, errors: ["forbidden"] });
  spec.add("get", "/api/v1/budgets/{id}", { id: "getBudget", tag, summary: "One budget with its burn-down chart and events", auth: { permission: "spend:read" }, pathParams: id, responses: { "200": spec.json("The budget.", "BudgetDetail", BudgetDetailOut) }, errors: ["not_found"] });
  spec.add("patch", "/api/v1/budgets/{id}", { id: "updateBudget", tag, summary: "Edit a budget", description: "Any subset of the fields; audited with before and after.", auth: "signed-in", pathParams: id, body: { name: "BudgetPatch", schema: BudgetPatch }, responses: { "200": spec.json("The budget after the change.", "BudgetSaved", BudgetSaved) }, errors: ["not_found", "forbidden"] });
  spec.add("delete", "/api/v1/budgets/{id}", { id: "deleteBudget", tag, summary: "Delete a budget", description: "Audited; its events go with it.", auth: "signed-in", pathParams: id, responses: { "200": spec.json("The deleted budget.", "BudgetDeleted", BudgetDeleted) }, errors: ["not_found", "forbidden"] });
  spec.add("post", "/api/v1/budgets/{id}/what-if", { id: "budgetWhatIf", tag, summary: "A budget's projection under a scenario", description: "Price change %, volume growth %, and moving a share of one model's traffic to another model at its prices scale the forecast of the remaining days. Changes nothing.", auth: { permission: "spend:read" }, pathParams: id, body: { name: "WhatIf", schema: WhatIf }, responses: { "200": spec.json("Base and scenario projections.", "WhatIfResult", WhatIfOut) }, errors: ["not_found"] });
  spec.add("get", "/api/v1/budgets/events", { id: "listBudgetEvents", tag, summary: "Threshold crossings, newest first", description: "One event per budget, period and threshold when actual spend crosses it (kind crossed) or the forecast first projects it (kind projected, thresholds ≥ 100 %).", auth: { permission: "spend:read" }, query: z.object({ budget_id: z.string().optional() }), queryDocs: { budget_id: "Only this budget's events." }, responses: { "200": spec.json("The events.", "BudgetEvents", BudgetEventsOut) } });
  spec.add("get", "/api/v1/forecasts", {
    id: "listForecasts",
    tag,
    summary: "Where each team, repo or feature lands at period end",
    description: "The current month, quarter or week of the organisation's calendar: spend so far, the forecast at period end with 80 % and 95 % intervals (the same projection as a budget's), and the whole previous period, per value ranked by spend over the last 28 days. Only the caller's teams.",
    auth: { permission: "spend:read" },
    query: ForecastQuery,
    queryDocs: { dimension: "team, repo or feature (default team).", period: "month, quarter or week (default month).", limit: "Rows forecast one by one, 1–50 (default 12)." },
    responses: { "200": spec.json("The forecasts.", "Forecasts", ForecastsOut) },
  });
  spec.add("post", "/api/v1/budgets/check", {
    id: "checkBudgets",
    tag,
    summary: "May this call run? (gateways, CI)",
    description: "The call's attribution (team defaults to the ingest key's team; the key itself is the caller) and its estimated cost (`estimated_cost_usd`, or `model` with token counts priced by the price book). `deny` when any matching budget would pass a block threshold, `warn` when one would reach a notify or require-approval threshold. Answers from memory kept fresh from the store and from ingest.",
    auth: "ingest",
    body: { name: "BudgetCheck", schema: CheckRequest },
    responses: { "200": spec.json("The decision and the budgets that matched.", "BudgetDecision", CheckResponse) },
  });
}
