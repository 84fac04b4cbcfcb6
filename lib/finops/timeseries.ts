import type { TeamScope } from "@/lib/auth/roles";
import type { DimensionFilters } from "@/lib/clickhouse/fragments";
import type { TimeseriesQuery, TimeseriesResponse } from "@/lib/schemas/timeseries";
import { EMPTY_SUMS, measureOf, measures } from "./measures";
import { sumsOf } from "@/lib/measures/registry";
import { bucketLabels, stackSeries } from "./series";

/** The explorer's chart: a metric per bucket, total and split by a dimension. */
export async function getTimeseries(q: TimeseriesQuery, filters: DimensionFilters, scope: TeamScope): Promise<TimeseriesResponse> {
  // The buckets carry one metric (and attempts): only their sums are read, which is most of a chart's rows.
  // Each series' whole-range total keeps every measure (API contract), from its own small query.
  const only = sumsOf([q.metric, "attempts"]);
  const base = { from: q.from, to: q.to, tz: q.tz, bucket: q.bucket, filters, scope };
  const [bucketRows, keyRows] = await Promise.all([
    measures({ ...base, sets: q.group_by ? [["bucket"], ["bucket", q.group_by]] : [["bucket"]], only }),
    q.group_by ? measures({ ...base, sets: [[q.group_by]] }) : Promise.resolve([]),
  ]);
  const buckets = bucketLabels(q.bucket, q.from, q.to, q.tz);
  const byBucket = new Map(bucketRows.filter((r) => r.set === 0).map((r) => [r.bucket, r.sums]));
  return {
    from: q.from,
    to: q.to,
    tz: q.tz,
    bucket: q.bucket,
    metric: q.metric,
    group_by: q.group_by ?? null,
    buckets,
    totals: buckets.map((b) => measureOf(byBucket.get(b) ?? EMPTY_SUMS, q.metric)),
    attempts: buckets.map((b) => Number((byBucket.get(b) ?? EMPTY_SUMS).attempts)),
    series: q.group_by
      ? stackSeries({ labels: buckets, byBucketAndKey: bucketRows.filter((r) => r.set === 1), byKey: keyRows, dim: q.group_by, metric: q.metric, top: q.top })
      : [],
  };
}
