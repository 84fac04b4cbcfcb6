import type { TeamScope } from "@/lib/auth/roles";
import type { DimensionFilters } from "@/lib/clickhouse/fragments";
import type { GroupKey } from "@/lib/clickhouse/queries/measures";
import type { TimeseriesQuery, TimeseriesResponse } from "@/lib/schemas/timeseries";
import { EMPTY_SUMS, measureOf, measures } from "./measures";
import { bucketLabels, stackSeries } from "./series";

/** The explorer's chart: a metric per bucket, total and split by a dimension, from one query. */
export async function getTimeseries(q: TimeseriesQuery, filters: DimensionFilters, scope: TeamScope): Promise<TimeseriesResponse> {
  const sets: GroupKey[][] = q.group_by ? [["bucket"], ["bucket", q.group_by], [q.group_by]] : [["bucket"]];
  const rows = await measures({ from: q.from, to: q.to, tz: q.tz, bucket: q.bucket, sets, filters, scope });
  const buckets = bucketLabels(q.bucket, q.from, q.to, q.tz);
  const byBucket = new Map(rows.filter((r) => r.set === 0).map((r) => [r.bucket, r.sums]));
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
      ? stackSeries({ labels: buckets, byBucketAndKey: rows.filter((r) => r.set === 1), byKey: rows.filter((r) => r.set === 2), dim: q.group_by, metric: q.metric, top: q.top })
      : [],
  };
}
