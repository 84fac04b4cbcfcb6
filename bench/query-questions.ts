import type { Dimension } from "@/lib/clickhouse/fragments";

/**
 * The questions the query benchmark asks, each as an HTTP path and as the lib/ call behind it (so the same
 * SQL can be replayed on the bare engine). Ranges are the generated store's last 30 days.
 */
export type Question = { id: string; label: string; target_p95_ms?: number; path: string; call: () => Promise<unknown> };

const ALL = { all: true } as const;

export async function questions(from: string, to: string): Promise<Question[]> {
  const { getOverview } = await import("@/lib/finops/overview");
  const { getSummary } = await import("@/lib/finops/summary");
  const { getTimeseries } = await import("@/lib/finops/timeseries");
  const { getChange } = await import("@/lib/finops/change");
  const noFilters = { include: {}, exclude: {} };
  // The store spans 30 days: the change question compares its last 15 days with the 15 before (both full).
  const half = new Date(Date.parse(to) - 15 * 86_400_000).toISOString().slice(0, 10);
  const week = new Date(Date.parse(to) - 7 * 86_400_000).toISOString().slice(0, 10);
  const summary = (group_by: Dimension[], include: Partial<Record<Dimension, string[]>> = {}) => () =>
    getSummary({ from, to, tz: "UTC", group_by, filters: { include, exclude: {} }, scope: ALL });
  return [
    { id: "overview", label: "overview (30 d, stacked by team, top lists, previous period)", target_p95_ms: 150, path: `/api/v1/overview?from=${from}&to=${to}&stack=team`, call: () => getOverview({ from, to, tz: "UTC", stack: "team" }, ALL) },
    { id: "explorer_group_by", label: "explorer group-by model (30 d, every measure)", target_p95_ms: 300, path: `/api/v1/summary?from=${from}&to=${to}&group_by=model`, call: summary(["model"]) },
    { id: "explorer_two_dims", label: "explorer repo × feature, filtered to one team", target_p95_ms: 300, path: `/api/v1/summary?from=${from}&to=${to}&group_by=repo,feature&team=search`, call: summary(["repo", "feature"], { team: ["search"] }) },
    { id: "explorer_chart_hourly", label: "explorer chart: hourly cost by service (7 d)", path: `/api/v1/timeseries?from=${week}&to=${to}&bucket=hour&group_by=service`, call: () => getTimeseries({ from: week, to, tz: "UTC", bucket: "hour", metric: "cost_usd", group_by: "service", top: 8 }, noFilters, ALL) },
    { id: "change", label: "why spend changed: last 15 d vs the 15 before, drivers and contributors", target_p95_ms: 1000, path: `/api/v1/change?from=${half}&to=${to}`, call: () => getChange({ from: half, to, tz: "UTC", filters: noFilters, scope: ALL }) },
    { id: "explorer_raw_dimension", label: "explorer group-by pipeline_stage (not rolled up: raw events)", path: `/api/v1/summary?from=${from}&to=${to}&group_by=pipeline_stage`, call: summary(["pipeline_stage"]) },
  ];
}
