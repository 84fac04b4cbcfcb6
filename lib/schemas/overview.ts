import { z } from "zod";
import { DateOnly, money, SummaryMeasures, TimeZone } from "./summary";

/**
 * GET /api/v1/overview: spend of [from, to) (dates in tz, to exclusive; default the last 30 UTC days, today
 * included) against the period of the same length just before, a daily trend stacked by `stack`, and the
 * top contributors of five dimensions.
 */
/**
 * The series that sums every group beyond the top ones, in stacks and charts. Its `kind` is "other" (a group's
 * is "group"): clients tell it apart by that flag, never by this key, so a real value "(other)" stays a group.
 */
export const OTHER_KEY = "(other)";
export const SeriesKind = z.enum(["group", "other"]);

export const STACK_DIMENSIONS = ["team", "model", "provider", "environment"] as const;
export const TOP_DIMENSIONS = ["team", "repo", "feature", "model", "customer"] as const;

export const OverviewQuery = z
  .object({
    from: DateOnly.optional(),
    to: DateOnly.optional(),
    tz: TimeZone,
    stack: z.enum(STACK_DIMENSIONS).default("team"),
  })
  .refine((q) => !q.from === !q.to, { path: ["to"], message: "give both from and to, or neither" })
  .refine((q) => !q.from || !q.to || q.from < q.to, { path: ["to"], message: "must be after from" })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 400, { path: ["to"], message: "the range may span at most 400 days" });
export type OverviewQuery = z.infer<typeof OverviewQuery>;

/** A money string, a count or a ratio; null where a ratio is undefined (retry amplification with no request ending). */
const value = z.union([z.string(), z.number(), z.null()]);
/** A group's metric per bucket, and its attempts per bucket (0 = no usage there: a ratio's 0 means nothing). */
export const SeriesSchema = z.object({ key: z.string(), kind: SeriesKind, total: SummaryMeasures, values: z.array(value), attempts: z.array(z.number().int()) }).strict();
const TopEntry = z.object({ key: z.string(), cost_usd: money, share: z.number() }).strict();
/** The biggest entries by cost, and how many more there are. */
const TopList = z.object({ entries: z.array(TopEntry), others: z.number().int() }).strict();

export const OverviewResponse = z
  .object({
    from: z.string(),
    to: z.string(),
    tz: z.string(),
    previous: z.object({ from: z.string(), to: z.string() }).strict(),
    /**
     * How the previous period was chosen and measured (lib/finops/comparison.ts): `period` month, quarter or week
     * when the range is one of the organisation's calendar (compared with the one before: October with
     * September), else days (the same length just before). `partial` when the range holds today: the previous
     * period is then cut to the same elapsed time, its last day to the hours today has had (kind same_hours,
     * previous_until: the instant it ends, UTC), or taken whole when it is shorter. `label` is the short text the
     * UI shows beside every change.
     */
    comparison: z
      .object({ kind: z.enum(["complete_days", "same_hours"]), period: z.enum(["month", "quarter", "week", "days"]), partial: z.boolean(), label: z.string(), previous_until: z.string().nullable() })
      .strict(),
    stack: z.enum(STACK_DIMENSIONS),
    total: SummaryMeasures,
    previous_total: SummaryMeasures,
    days: z.array(z.string()),
    daily_cost_usd: z.array(money),
    series: z.array(SeriesSchema),
    top: z.object({ team: TopList, repo: TopList, feature: TopList, model: TopList, customer: TopList }).strict(),
  })
  .strict();
export type OverviewResponse = z.infer<typeof OverviewResponse>;
