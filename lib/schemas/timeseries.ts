import { z } from "zod";
import { DIMENSION_NAMES, type Dimension } from "@/lib/dimensions";
import { SeriesSchema } from "./overview";
import { MEASURE_IDS } from "@/lib/measures/registry";
import { DateRangeFields, withRangeChecks } from "./summary";

export const METRIC_IDS = MEASURE_IDS;
export const MAX_HOURLY_DAYS = 31;

/**
 * GET /api/v1/timeseries: one metric per time bucket of [from, to) in tz, optionally split by a dimension
 * into its `top` groups and "(other)". Dimension filters as in /api/v1/summary.
 */
export const TimeseriesQuery = withRangeChecks(
  z.object({
    ...DateRangeFields,
    bucket: z.enum(["day", "hour"]).default("day"),
    metric: z.enum(METRIC_IDS).default("cost_usd"),
    group_by: z.enum(DIMENSION_NAMES as [Dimension, ...Dimension[]]).optional(),
    top: z.coerce.number().int().min(1).max(20).default(8),
  }),
).refine((q) => q.bucket === "day" || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= MAX_HOURLY_DAYS, {
    path: ["bucket"],
    message: `hourly buckets need a range of at most ${MAX_HOURLY_DAYS} days`,
  });
export type TimeseriesQuery = z.infer<typeof TimeseriesQuery>;

export const TimeseriesResponse = z
  .object({
    from: z.string(),
    to: z.string(),
    tz: z.string(),
    bucket: z.enum(["day", "hour"]),
    metric: z.enum(METRIC_IDS),
    group_by: z.string().nullable(),
    buckets: z.array(z.string()),
    totals: z.array(z.union([z.string(), z.number(), z.null()])),
    /** Attempts per bucket: where 0, nothing ran and a ratio's value (0) is no reading. */
    attempts: z.array(z.number().int()),
    series: z.array(SeriesSchema),
  })
  .strict();
export type TimeseriesResponse = z.infer<typeof TimeseriesResponse>;
