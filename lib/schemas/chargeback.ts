import { z } from "zod";

/** Chargeback API schemas (issue 17): the period report, close/reopen, the allocation rule, settings, exports. */

export const PeriodKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM, e.g. 2026-10");
export const RuleName = z.enum(["proportional", "even", "fixed"], { error: "must be proportional, even or fixed" });
export const Attribution = z.enum(["executed", "originated"], { error: "must be executed or originated" });
const Usd = z.string().describe("USD, a decimal string with 2 decimals (cents).");

export const ChargebackQuery = z
  .object({
    period: PeriodKey.optional().describe("The month (YYYY-MM, cut in the organisation's zone and month start day); default: the current one."),
    rule: RuleName.optional().describe("Preview another rule for an open period without saving it (ignored for a closed period)."),
    attribution: Attribution.default("executed").describe("Traced calls charged to the team that executed them, or to the team whose root request originated them."),
  })
  .strict();

const Breakdown = z.array(z.object({ key: z.string(), amount_usd: Usd }));
export const TeamLineOut = z.object({
  team: z.string().describe('Team slug; "" is the unallocated line (no team could receive the pool).'),
  name: z.string(),
  direct_usd: Usd,
  allocated_usd: Usd,
  adjustments_usd: Usd,
  total_usd: Usd,
  share: z.string().describe("total_usd / the report's total_usd, a decimal fraction with 4 decimals."),
  previous_total_usd: Usd.nullable(),
  change_usd: Usd.nullable(),
  breakdown: z.object({ repo: Breakdown, feature: Breakdown, model: Breakdown, environment: Breakdown }),
});
export const AdjustmentOut = z.object({
  team: z.string(),
  source_period: z.string().describe("The closed period (YYYY-MM) this line corrects."),
  source_from: z.string(),
  source_to: z.string(),
  amount_usd: Usd,
  reason: z.string(),
  late_events: z.number().int(),
  first_event_at: z.string().nullable(),
  last_event_at: z.string().nullable(),
});
export const PoolPartOut = z.object({ kind: z.enum(["unattributed", "shared_team", "shared_service", "eval"]), name: z.string(), amount_usd: Usd });

export const ChargebackReportOut = z.object({
  period: z.string(),
  label: z.string(),
  from: z.string().describe("First local date of the period (inclusive)."),
  to: z.string().describe("Local date after the period (exclusive)."),
  time_zone: z.string(),
  status: z.enum(["open", "closed"]),
  attribution: Attribution,
  wording: z.enum(["chargeback", "showback"]),
  rule: RuleName,
  applied_rule: z.enum(["proportional", "even", "fixed", "none"]),
  rule_note: z.string(),
  percentages: z.record(z.string(), z.string()),
  total_usd: Usd.describe("Σ of every line's total_usd: the period's spend plus its adjustments."),
  spend_usd: Usd,
  spend_exact_usd: z.string().describe("The period's spend as stored (9 decimals), before rounding to cents."),
  pool_usd: Usd,
  unallocated_usd: Usd,
  adjustments_usd: Usd,
  pool: z.array(PoolPartOut),
  teams: z.array(TeamLineOut),
  adjustments: z.array(AdjustmentOut),
  previous: z.object({ period: z.string(), total_usd: Usd, status: z.enum(["open", "closed"]) }).nullable(),
  closed: z
    .object({ by: z.string(), at: z.string(), hash: z.string().describe("SHA-256 (hex) of the frozen report's canonical JSON."), verified: z.boolean().describe("The stored JSON still hashes to `hash`.") })
    .nullable(),
  settings: z.object({ shared_teams: z.array(z.string()), shared_services: z.array(z.string()), eval_to_pool: z.boolean() }),
});
export type ChargebackReportOut = z.infer<typeof ChargebackReportOut>;

export const PeriodBody = z.object({ period: PeriodKey }).strict();
export const ReopenBody = z.object({ period: PeriodKey, reason: z.string().trim().max(500).default("") }).strict();
export const RuleBody = z
  .object({
    period: PeriodKey,
    rule: RuleName,
    percentages: z.record(z.string(), z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, "must be a percentage such as 12.5")).default({}).describe("Fixed rule only: team slug → percentage; must sum to exactly 100."),
  })
  .strict();
export const RuleOut = z.object({ period: z.string(), rule: RuleName, percentages: z.record(z.string(), z.string()) });
export const CloseOut = z.object({ period: z.string(), status: z.enum(["open", "closed"]), hash: z.string().nullable(), total_usd: Usd });

const slugList = z.array(z.string().trim().min(1).max(100)).max(200);
export const ChargebackSettingsOut = z.object({
  sharedTeams: z.array(z.string()),
  sharedServices: z.array(z.string()),
  evalToPool: z.boolean(),
  wording: z.enum(["chargeback", "showback"]),
  defaultRule: RuleName,
});
export const ChargebackSettingsUpdate = z
  .object({
    sharedTeams: slugList.optional(),
    sharedServices: slugList.optional(),
    evalToPool: z.boolean().optional(),
    wording: z.enum(["chargeback", "showback"], { error: "must be chargeback or showback" }).optional(),
    defaultRule: z.enum(["proportional", "even"], { error: "must be proportional or even (fixed needs percentages per period)" }).optional(),
  })
  .strict();

export const ExportQuery = z
  .object({
    period: PeriodKey,
    format: z.enum(["csv", "focus", "pdf"], { error: "must be csv, focus or pdf" }),
    attribution: Attribution.default("executed"),
    team: z.string().optional().describe("csv only: one team's lines (its breakdown rows)."),
  })
  .strict();
