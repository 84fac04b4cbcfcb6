import { z } from "zod";

/**
 * Budgets on the wire (snake_case, money as decimal strings): create/edit bodies, the what-if scenario,
 * the decision API's request and response, and the listed budget with its forecast.
 */
export const SCOPE_TYPES = ["org", "team", "repo", "feature", "customer", "work_item", "ingest_key"] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];
export const PERIODS = ["month", "quarter", "week", "custom"] as const;
export type BudgetPeriodKind = (typeof PERIODS)[number];
export const ACTIONS = ["notify", "require_approval", "block"] as const;
export type ThresholdAction = (typeof ACTIONS)[number];

const usd = z
  .union([z.string().trim(), z.number().transform((n) => String(n))])
  .refine((s) => /^\d{1,12}(\.\d{1,9})?$/.test(s), "must be a non-negative decimal (USD), at most 12 digits before the point and 9 after");
const positiveUsd = usd.refine((s) => /[1-9]/.test(s), "must be greater than 0");
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD").refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "is not a real date");

export const Threshold = z.object({
  percent: z.number().int("must be a whole percent").min(1, "must be 1 to 1000").max(1000, "must be 1 to 1000"),
  action: z.enum(ACTIONS, { error: `must be one of ${ACTIONS.join(", ")}` }),
});
export type Threshold = z.infer<typeof Threshold>;
export const DEFAULT_THRESHOLDS: Threshold[] = [
  { percent: 80, action: "notify" },
  { percent: 100, action: "require_approval" },
  { percent: 120, action: "block" },
];

const thresholds = z
  .array(Threshold)
  .min(1, "needs at least one threshold")
  .max(10, "at most 10 thresholds")
  .refine((t) => new Set(t.map((x) => x.percent)).size === t.length, "two thresholds have the same percent");

const fields = {
  name: z.string().trim().max(120, "at most 120 characters"),
  scope_type: z.enum(SCOPE_TYPES, { error: `must be one of ${SCOPE_TYPES.join(", ")}` }),
  scope_value: z.string().trim().max(200, "at most 200 characters"),
  team: z.string().trim().max(100).nullable(),
  period: z.enum(PERIODS, { error: `must be one of ${PERIODS.join(", ")}` }),
  custom_from: localDate.nullable(),
  custom_to: localDate.nullable(),
  amount_usd: positiveUsd,
  thresholds,
};

/** The rules every saved budget obeys, checked on create and on the merged result of an edit. */
export function budgetRules(b: { scope_type: ScopeType; scope_value: string; team: string | null; period: BudgetPeriodKind; custom_from: string | null; custom_to: string | null }, ctx: z.RefinementCtx): void {
  if (b.scope_type === "org" && b.scope_value) ctx.addIssue({ code: "custom", path: ["scope_value"], message: "must be empty for an org budget" });
  if (b.scope_type !== "org" && b.scope_type !== "team" && !b.scope_value) ctx.addIssue({ code: "custom", path: ["scope_value"], message: `names the ${b.scope_type.replace("_", " ")} this budget covers` });
  if (b.scope_type === "team" && !b.scope_value && !b.team) ctx.addIssue({ code: "custom", path: ["scope_value"], message: "names the team this budget covers" });
  if (b.scope_type === "team" && b.scope_value && b.team && b.team !== b.scope_value) ctx.addIssue({ code: "custom", path: ["team"], message: "must equal scope_value for a team budget" });
  if (b.period === "custom") {
    if (!b.custom_from) ctx.addIssue({ code: "custom", path: ["custom_from"], message: "is required for a custom period" });
    if (!b.custom_to) ctx.addIssue({ code: "custom", path: ["custom_to"], message: "is required for a custom period" });
    if (b.custom_from && b.custom_to && b.custom_to <= b.custom_from) ctx.addIssue({ code: "custom", path: ["custom_to"], message: "must be after custom_from (it is exclusive)" });
  } else if (b.custom_from || b.custom_to) {
    ctx.addIssue({ code: "custom", path: ["period"], message: "custom_from/custom_to only apply to period \"custom\"" });
  }
}

export const BudgetCreate = z
  .object({
    ...fields,
    name: fields.name.default(""),
    scope_value: fields.scope_value.default(""),
    team: fields.team.default(null),
    period: fields.period.default("month"),
    custom_from: fields.custom_from.default(null),
    custom_to: fields.custom_to.default(null),
    thresholds: thresholds.default(DEFAULT_THRESHOLDS),
  })
  .strict()
  .superRefine(budgetRules);
export type BudgetCreate = z.infer<typeof BudgetCreate>;

export const BudgetPatch = z.object(fields).partial().strict();
export type BudgetPatch = z.infer<typeof BudgetPatch>;

/** What-if scenario applied to the remaining days' forecast. Percentages, all optional. */
export const WhatIf = z
  .object({
    price_change_pct: z.number().min(-100, "must be at least -100").max(1000, "must be at most 1000").default(0),
    volume_growth_pct: z.number().min(-100, "must be at least -100").max(1000, "must be at most 1000").default(0),
    shift: z
      .object({
        from_model: z.string().trim().min(1, "names the model traffic moves from"),
        to_model: z.string().trim().min(1, "names the model traffic moves to"),
        share_pct: z.number().min(0, "must be 0 to 100").max(100, "must be 0 to 100"),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type WhatIf = z.infer<typeof WhatIf>;

const tokenCount = z.number().int("must be a whole number").min(0, "must be 0 or more").max(100_000_000, "must be at most 100,000,000");

/** POST /api/v1/budgets/check: the call's attribution and its estimated cost, or tokens and a model. */
export const CheckRequest = z
  .object({
    team: z.string().max(100).optional(),
    repo: z.string().max(200).optional(),
    feature: z.string().max(200).optional(),
    customer: z.string().max(200).optional(),
    work_item: z.string().max(200).optional(),
    estimated_cost_usd: usd.optional(),
    provider: z.string().max(100).optional(),
    model: z.string().max(200).optional(),
    input_tokens: tokenCount.optional(),
    output_tokens: tokenCount.optional(),
    cache_read_tokens: tokenCount.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.estimated_cost_usd !== undefined) return;
    if (!r.model) ctx.addIssue({ code: "custom", path: ["estimated_cost_usd"], message: "send estimated_cost_usd, or model with input_tokens/output_tokens to price by the price book" });
    else if (r.input_tokens === undefined && r.output_tokens === undefined) ctx.addIssue({ code: "custom", path: ["input_tokens"], message: "input_tokens or output_tokens is required with model" });
  });
export type CheckRequest = z.infer<typeof CheckRequest>;

export const Decision = z.enum(["allow", "warn", "deny"]);
export const CheckResponse = z
  .object({
    decision: Decision,
    estimated_cost_usd: z.string().describe("The cost the decision assumed (given, or priced from the price book)"),
    budgets: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        scope: z.string().describe('e.g. "team:search" or "org"'),
        remaining_usd: z.string().describe("Budget minus spend so far this period (negative when over), before this call"),
        threshold: z.object({ percent: z.number(), action: z.enum(ACTIONS) }).nullable().describe("The highest threshold this call would reach, or null"),
      }),
    ),
  })
  .strict();
export type CheckResponse = z.infer<typeof CheckResponse>;

// ---- Response shapes (the OpenAPI document; the handlers' types are checked against them in tests) ----
const money = z.string().describe("USD as a decimal string");
export const BudgetOut = z.object({
  id: z.string(),
  name: z.string(),
  scope_type: z.enum(SCOPE_TYPES),
  scope_value: z.string(),
  team: z.string().nullable(),
  period: z.enum(PERIODS),
  custom_from: z.string().nullable(),
  custom_to: z.string().nullable(),
  amount_usd: money,
  thresholds: z.array(Threshold),
  created_by: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export const ForecastOut = z
  .object({ end_usd: money, lower80_usd: money, upper80_usd: money, lower95_usd: money, upper95_usd: money, model: z.string().describe("The model the backtest chose for this budget's daily spend"), note: z.string().nullable() })
  .nullable()
  .describe("Projected spend at period end with its 80 % and 95 % intervals; null once the period has ended");
export const ChartPointOut = z.object({ date: z.string(), actual: money.nullable(), forecast: money.nullable(), lower80: money.nullable(), upper80: money.nullable(), lower95: money.nullable(), upper95: money.nullable() });
const statusFields = {
  scope: z.string(),
  current_period: z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string().describe("exclusive") }),
  actual_usd: money,
  percent_used: z.string(),
  reached: Threshold.nullable().describe("The highest threshold actual spend has reached"),
  forecast: ForecastOut,
  status: z.enum(["on_track", "warning", "at_risk", "over", "not_started", "ended"]),
  projected_breach_date: z.string().nullable().describe("First local date the (projected) cumulative spend reaches 100 %"),
  can_edit: z.boolean(),
};
export const BudgetListOut = z.object({ budgets: z.array(BudgetOut.extend(statusFields)) });
export const BudgetEventOut = z.object({ id: z.string(), budget_id: z.string(), period: z.string(), kind: z.enum(["crossed", "projected"]), percent: z.number(), action: z.enum(ACTIONS), spend_usd: money, amount_usd: money, at: z.string() });
export const BudgetEventsOut = z.object({ events: z.array(BudgetEventOut) });
export const BudgetDetailOut = z.object({ budget: BudgetOut.extend({ ...statusFields, chart: z.array(ChartPointOut) }), events: z.array(BudgetEventOut) });
export const BudgetSaved = z.object({ budget: BudgetOut });
export const BudgetDeleted = z.object({ deleted: BudgetOut });
export const WhatIfOut = z.object({
  multiplier: z.string().describe("Factor applied to the forecast of the remaining days"),
  notes: z.array(z.string()),
  base: z.object({ end_usd: money.nullable(), projected_breach_date: z.string().nullable() }),
  scenario: z.object({ forecast: ForecastOut, projected_breach_date: z.string().nullable(), status: statusFields.status, chart: z.array(ChartPointOut) }),
  difference_usd: money.nullable().describe("Scenario minus base projected spend at period end"),
});
