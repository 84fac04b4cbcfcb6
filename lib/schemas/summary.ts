import { z } from "zod";
import { DIMENSION_NAMES, type Dimension } from "@/lib/clickhouse/fragments";

/** One dimension, or two as "a,b" (groups then carry key and key2). */
export const GroupBy = z
  .string()
  .transform((v) => v.split(","))
  .pipe(
    z
      .array(z.enum(DIMENSION_NAMES as [Dimension, ...Dimension[]], `must be one or two of ${DIMENSION_NAMES.join(", ")}, comma-separated`))
      .min(1)
      .max(2, "at most two dimensions")
      .refine((d) => new Set(d).size === d.length, "the two dimensions must differ"),
  );

/**
 * A time zone ClickHouse and the browser both know: an IANA name (Europe/Paris, UTC). Intl alone also accepts
 * offsets such as "+05:30", which ClickHouse rejects, so the name's shape is checked too.
 */
export const TimeZone = z
  .string()
  .default("UTC")
  .refine((tz) => {
    if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(tz)) return false;
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "must be an IANA time zone such as Europe/Paris");

/** A date range: from inclusive, to exclusive, calendar dates in `tz` (default UTC). Shared by ranged queries. */
export const DateOnly = z.iso.date("must be a date (YYYY-MM-DD)");
export const DateRangeFields = { from: DateOnly, to: DateOnly, tz: TimeZone };

/** The checks every ranged query applies to its from/to. */
export function withRangeChecks<S extends z.ZodType<{ from: string; to: string }>>(schema: S): S {
  return schema
    .refine((q) => q.from < q.to, { path: ["to"], message: "must be after from" })
    .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 400, { path: ["to"], message: "the range may span at most 400 days" });
}

/** The summary's page size cap: a grouping by session_id can have tens of thousands of groups. */
export const SUMMARY_MAX_LIMIT = 5000;
/** Sort keys of the summary's groups: a group key, or any measure (SummaryMeasures property). */
export const SUMMARY_SORT_KEYS = ["key", "key2", "cost_usd", "input_tokens", "cache_read_tokens", "cache_write_tokens", "output_tokens", "reasoning_tokens", "requests", "attempts", "cache_hit_rate", "cache_savings_usd", "retry_amplification", "retry_waste_usd", "reasoning_share", "reasoning_cost_usd", "cancellation_waste_usd", "cancelled_spend_usd", "unattributed_usd", "unpriced_events"] as const;

/** GET /api/v1/summary query. Without `limit` every group is returned (the CSV export relies on it). */
export const SummaryQuery = withRangeChecks(
  z.object({
    ...DateRangeFields,
    group_by: GroupBy.optional(),
    sort: z.enum(SUMMARY_SORT_KEYS, `must be key, key2 or a measure (${SUMMARY_SORT_KEYS.slice(2).join(", ")})`).default("cost_usd"),
    dir: z.enum(["asc", "desc"], "must be asc or desc").default("desc"),
    limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(SUMMARY_MAX_LIMIT, `must be at most ${SUMMARY_MAX_LIMIT}`).optional(),
    offset: z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").default(0),
  }),
);
export type SummaryQuery = z.infer<typeof SummaryQuery>;

/** Money on the wire: a decimal string with exactly 9 decimals. */
export const money = z.string().regex(/^-?\d+\.\d{9}$/);
export const SummaryMeasures = z
  .object({
    cost_usd: money,
    input_tokens: z.number().int(),
    cache_read_tokens: z.number().int(),
    cache_write_tokens: z.number().int(),
    output_tokens: z.number().int(),
    reasoning_tokens: z.number().int(),
    requests: z.number().int(),
    attempts: z.number().int(),
    cache_hit_rate: z.number(),
    cache_savings_usd: money,
    retry_amplification: z.number(),
    retry_waste_usd: money,
    reasoning_share: z.number(),
    reasoning_cost_usd: money,
    cancellation_waste_usd: money,
    cancelled_spend_usd: money,
    unattributed_usd: money,
    unpriced_events: z.number().int(),
  })
  .strict();
export type SummaryMeasures = z.infer<typeof SummaryMeasures>;

export const SummaryResponse = z
  .object({
    from: z.string(),
    to: z.string(),
    tz: z.string(),
    group_by: z.string().nullable(),
    total: SummaryMeasures,
    groups: z.array(SummaryMeasures.extend({ key: z.string(), key2: z.string().optional() }).strict()),
    /** How many groups there are in all (groups holds at most `limit` of them, from `offset`). */
    group_count: z.number().int().min(0),
    /** Every group not in `groups`, summed (ratios from the sums): groups + other = total exactly. Null when none is left out. */
    other: SummaryMeasures.nullable(),
  })
  .strict();
export type SummaryResponse = z.infer<typeof SummaryResponse>;
