import { z } from "zod";
import { DIMENSION_NAMES, type Dimension } from "@/lib/dimensions";
import { MEASURE_IDS, MEASURE_REGISTRY, MEASURES, type MeasureId } from "@/lib/measures/registry";

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
 * A time zone ClickHouse and the browser both know: an IANA name (Europe/Paris, UTC), matched case-insensitively
 * and answered in its canonical spelling (`utc` → UTC, `america/santiago` → America/Santiago): ClickHouse only
 * knows the exact spelling. Intl alone also accepts offsets such as "+05:30", which ClickHouse rejects, so the
 * name's shape is checked too.
 */
let zonesByLowerCase: Map<string, string> | undefined;
export function canonicalTimeZone(tz: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(tz)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  zonesByLowerCase ??= new Map([...Intl.supportedValuesOf("timeZone"), "UTC"].map((z) => [z.toLowerCase(), z]));
  const listed = zonesByLowerCase.get(tz.toLowerCase());
  if (listed) return listed;
  if (resolved.toLowerCase() === tz.toLowerCase()) return resolved;
  // An alias Intl knows but does not list (Asia/Kolkata, US/Pacific): keep it as written when it is written in
  // its usual mixed case; an all-lower-case alias becomes the zone Intl resolves it to (the same rules).
  return tz !== tz.toLowerCase() ? tz : resolved;
}

export const TimeZone = z
  .string()
  .default("UTC")
  .transform((tz, ctx) => {
    const canonical = canonicalTimeZone(tz);
    if (canonical === null) {
      ctx.addIssue({ code: "custom", message: "must be an IANA time zone such as Europe/Paris" });
      return z.NEVER;
    }
    return canonical;
  });

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
export const SUMMARY_SORT_KEYS = ["key", "key2", ...MEASURE_IDS] as const;

/** GET /api/v1/summary query. Without `limit` every group is returned (the CSV export relies on it). */
export const SummaryQuery = withRangeChecks(
  z.object({
    ...DateRangeFields,
    group_by: GroupBy.optional(),
    sort: z.enum(SUMMARY_SORT_KEYS, `must be key, key2 or a measure (${SUMMARY_SORT_KEYS.slice(2).join(", ")})`).default("cost_usd"),
    dir: z.enum(["asc", "desc"], "must be asc or desc").default("desc"),
    limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(SUMMARY_MAX_LIMIT, `must be at most ${SUMMARY_MAX_LIMIT}`).optional(),
    offset: z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").default(0),
    /** Only the groups whose key (or key2) contains this text, case-insensitively ("unattributed" finds the empty key). */
    search: z.string().trim().max(200, "must be at most 200 characters").optional(),
    /**
     * An instant (ISO 8601, e.g. 2026-10-29T14:00:00Z) the range ends at instead of the end of `to`'s day: the
     * same-elapsed-time baseline of a period that is not over (lib/finops/comparison.ts). Must fall on the
     * range's last day or the day after, in any zone.
     */
    until: z.iso.datetime({ offset: true, message: "must be an instant such as 2026-10-29T14:00:00Z" }).optional(),
  }),
).refine((q) => !q.until || (Date.parse(q.until) > Date.parse(q.to) - 3 * 86_400_000 && Date.parse(q.until) <= Date.parse(q.to) + 86_400_000), { path: ["until"], message: "must fall within the range's last day" });
export type SummaryQuery = z.infer<typeof SummaryQuery>;

/** Money on the wire: a decimal string with exactly 9 decimals. */
export const money = z.string().regex(/^-?\d+\.\d{9}$/);
const count = z.number().int();
const ratio = z.number();
/** A ratio the contract leaves undefined over a zero denominator (retry amplification): null there, never 0. */
const undefinedRatio = z.number().nullable();
type MeasureSchemas = {
  [K in MeasureId]: (typeof MEASURE_REGISTRY)[K]["kind"] extends "money"
    ? typeof money
    : (typeof MEASURE_REGISTRY)[K]["kind"] extends "count"
      ? typeof count
      : (typeof MEASURE_REGISTRY)[K] extends { undefinedWithoutDen: true }
        ? typeof undefinedRatio
        : typeof ratio;
};
/** Every measure of lib/measures/registry.ts, in its order: money as decimal strings, counts as integers, ratios as numbers (retry amplification may be null). */
export const SummaryMeasures = z
  .object(
    Object.fromEntries(
      MEASURES.map((m) => [m.id, m.kind === "money" ? money : m.kind === "count" ? count : "undefinedWithoutDen" in m && m.undefinedWithoutDen ? undefinedRatio : ratio]),
    ) as MeasureSchemas,
  )
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
