"use client";
import { prepareTimeSeries } from "@/components/charts/prepare-time-series";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { useTeamColors } from "@/components/charts/team-colors";
import { Card, StatusMessage } from "@/components/ui/card";
import { formatMetric, isSummable, metricById, type MetricDef } from "@/lib/finops/explorer-metrics";
import { timeseriesQuery, type ExplorerState } from "@/lib/finops/explorer-state";
import { formatUsdCompact } from "@/lib/finops/format";
import { useTimeseriesQuery } from "@/lib/hooks/use-timeseries";
import { Skeleton } from "./skeleton";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

function tickFormatter(m: MetricDef): (v: number) => string {
  switch (m.kind) {
    case "money":
      return formatUsdCompact;
    case "count":
      return (v) => compact.format(v);
    case "ratio":
      return (v) => `${Math.round(v * 100)}%`;
    case "times":
      return (v) => `${v.toFixed(1)}×`;
  }
}

/** The selected metric per day or hour, split by the first group-by dimension; a click narrows to that day. */
export function ExplorerChart({ state, onBucket }: { state: ExplorerState; onBucket: (bucket: string) => void }) {
  const metric = metricById(state.metric);
  const q = useTimeseriesQuery(timeseriesQuery(state));
  const teamColors = useTeamColors();
  const dim = state.groupBy.replace(/_/g, " ");
  const title = `${metric.label} per ${state.bucket === "hour" ? "hour" : "day"} by ${dim}`;
  const oneDay = Date.parse(state.to) - Date.parse(state.from) <= 86_400_000;
  const hint = state.bucket === "hour" && oneDay ? "" : ` Click a ${state.bucket === "hour" ? "bucket" : "day"} to see that day hour by hour.`;
  const subtitle = `Top 8 ${dim} values and all others (grey), ${state.tz}.${hint}`;
  if (q.isPending) return <Card title={title}><Skeleton kind="chart" /></Card>;
  if (q.error) return <Card title={title}><StatusMessage kind="error" title="Could not load the chart">{q.error.message}</StatusMessage></Card>;
  const { points, series } = prepareTimeSeries(q.data, { ratio: !isSummable(metric), totalName: metric.label, pinned: state.groupBy === "team" ? teamColors : undefined });
  return (
    <Card title={title} subtitle={subtitle} className={q.isPlaceholderData ? "is-refreshing" : undefined}>
      <TimeSeriesChart
        title={`${title}, ${state.from} to ${state.to}`}
        points={points}
        series={series}
        kind={isSummable(metric) ? "stacked" : "lines"}
        format={(v) => formatMetric(metric, v)}
        formatTick={tickFormatter(metric)}
        onBucket={onBucket}
      />
    </Card>
  );
}
