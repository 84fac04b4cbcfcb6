import type { TeamScope } from "@/lib/auth/roles";
import type { GroupKey } from "@/lib/clickhouse/queries/measures";
import { TOP_DIMENSIONS, type OverviewQuery, type OverviewResponse } from "@/lib/schemas/overview";
import { getOrgSettings } from "@/lib/db/org-settings";
import { comparisonFor, untilText } from "./comparison";
import { lastDays } from "./date-range";
import { EMPTY_SUMS, measures, toMeasures } from "./measures";
import { Money, toStored } from "./money";
import { bucketLabels, stackSeries } from "./series";

const TOP = 5;
const STACKS = 8;

/**
 * The overview in three queries run together: the period's total, the previous period's total (every
 * measure), and the period's cost by day and stack and by each top-list dimension (grouping sets of one scan). Every figure is a PRODUCT.md measure; the
 * stack and the daily totals add up to the period total exactly.
 */
export async function getOverview(q: OverviewQuery, scope: TeamScope, now = new Date()): Promise<OverviewResponse> {
  const { from, to } = q.from && q.to ? { from: q.from, to: q.to } : lastDays(30, q.tz, now);
  // Months with the month before, weeks with the week before, a partial period with the same elapsed time.
  const comparison = comparisonFor(from, to, q.tz, now, await getOrgSettings());
  const previous = comparison.previous;
  // Every measure for the two totals; cost alone for the breakdowns (grouping sets of one scan).
  const sets: GroupKey[][] = [["bucket"], ["bucket", q.stack], [q.stack], ...TOP_DIMENSIONS.filter((d) => d !== q.stack).map((d) => [d])];
  const base = { tz: q.tz, filters: { include: {}, exclude: {} }, scope };
  const [totalRows, prevRows, rows] = await Promise.all([
    measures({ ...base, from, to, bucket: null, sets: [[]] }),
    measures({ ...base, ...previous, ...(comparison.until ? { until: untilText(comparison.until) } : {}), bucket: null, sets: [[]] }),
    measures({ ...base, from, to, bucket: "day", sets, only: ["cost_usd"] }),
  ]);
  const inSet = (keys: GroupKey[]) => rows.filter((r) => r.set === sets.findIndex((s) => s.join() === keys.join()));
  const total = toMeasures(totalRows[0]?.sums ?? EMPTY_SUMS);
  const days = bucketLabels("day", from, to, q.tz);
  const daily = new Map(inSet(["bucket"]).map((r) => [r.bucket, r.sums.cost_usd]));
  const top = Object.fromEntries(
    TOP_DIMENSIONS.map((d) => {
      const entries = inSet([d])
        .map((r) => ({ key: r.keys[d] ?? "", cost_usd: toStored(r.sums.cost_usd) }))
        .sort((a, b) => new Money(b.cost_usd).cmp(a.cost_usd) || a.key.localeCompare(b.key));
      const share = (c: string) => (new Money(total.cost_usd).isZero() ? 0 : new Money(c).div(total.cost_usd).toNumber());
      return [d, { entries: entries.slice(0, TOP).map((e) => ({ ...e, share: share(e.cost_usd) })), others: Math.max(0, entries.length - TOP) }];
    }),
  ) as OverviewResponse["top"];
  return {
    from,
    to,
    tz: q.tz,
    previous,
    comparison: { kind: comparison.until ? "same_hours" : "complete_days", period: comparison.period, partial: comparison.partial, label: comparison.label, previous_until: comparison.until },
    stack: q.stack,
    total,
    previous_total: toMeasures(prevRows.find((r) => r.set === 0)?.sums ?? EMPTY_SUMS),
    days,
    daily_cost_usd: days.map((d) => toStored(daily.get(d) ?? "0")),
    series: stackSeries({ labels: days, byBucketAndKey: inSet(["bucket", q.stack]), byKey: inSet([q.stack]), dim: q.stack, metric: "cost_usd", top: STACKS }),
    top,
  };
}
