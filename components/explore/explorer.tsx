"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo } from "react";
import { GroupBarChart } from "@/components/charts/group-bar-chart";
import { Card, StatusMessage } from "@/components/ui/card";
import { DIMENSION_NAMES, type Dimension } from "@/lib/clickhouse/fragments";
import { explorerCsv } from "@/lib/finops/explorer-csv";
import { formatMetric, metricById, metricChange, metricNumber, METRICS } from "@/lib/finops/explorer-metrics";
import { lastDaysWindow } from "@/lib/finops/date-range";
import { explorerQuery, parseExplorerState, previousRange, summaryQuery, type ExplorerState } from "@/lib/finops/explorer-state";
import { useSummaryQuery } from "@/lib/hooks/use-summary";
import { FilterBar } from "./filter-bar";

const ZONES = ["UTC", "America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Paris", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney"];
const PRESETS = [7, 30, 90] as const;
// Drill-down order: a click on a group filters to it and groups by the next dimension.
const NEXT: Partial<Record<Dimension, Dimension>> = { team: "repo", repo: "feature", feature: "model", service: "feature", customer: "feature", model: "feature", environment: "team", provider: "model" };
const TABLE_METRICS = ["cost_usd", "requests", "attempts", "retry_amplification", "cache_hit_rate", "reasoning_share"] as const;
const shown = (v: string) => (v === "" ? "(none)" : v);
const pct = (p: number | null) => (p === null ? "–" : `${p > 0 ? "+" : ""}${(p * 100).toFixed(1)}%`);

export function Explorer() {
  const params = useSearchParams();
  const router = useRouter();
  const state = useMemo(() => parseExplorerState(new URLSearchParams(params.toString()), new Date()), [params]);
  const metric = metricById(state.metric);
  const prev = previousRange(state.from, state.to);
  const current = useSummaryQuery(summaryQuery(state, state));
  const previous = useSummaryQuery(summaryQuery(state, prev));
  const go = (patch: Partial<ExplorerState>) => router.replace(`/explore?${explorerQuery({ ...state, ...patch })}`, { scroll: false });
  // The URL carries the whole state from the first render on, so a copied link always reproduces the view.
  useEffect(() => {
    if (!params.get("from") || !params.get("to")) router.replace(`/explore?${explorerQuery(state)}`, { scroll: false });
  }, [params, router, state]);

  const prevByKey = useMemo(() => new Map((previous.data?.groups ?? []).map((g) => [g.key, g])), [previous.data]);
  const rows = useMemo(() => {
    const groups = [...(current.data?.groups ?? [])];
    const sortMetric = state.sort === "key" ? null : metricById(state.sort);
    groups.sort((a, b) => {
      const c = sortMetric ? metricNumber(a[sortMetric.id]) - metricNumber(b[sortMetric.id]) : a.key.localeCompare(b.key);
      return state.dir === "asc" ? c : -c;
    });
    return groups;
  }, [current.data, state.sort, state.dir]);
  const sortBy = (col: string) => go({ sort: col, dir: state.sort === col && state.dir === "desc" ? "asc" : "desc" });
  const drill = (key: string) => go({ include: { ...state.include, [state.groupBy]: [key] }, groupBy: NEXT[state.groupBy] ?? state.groupBy });
  function download() {
    if (!current.data) return;
    const blob = new Blob([explorerCsv(state.groupBy, rows, current.data.total)], { type: "text/csv" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `tokenledger-${state.groupBy}-${state.from}-${state.to}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  }
  const total = current.data?.total;
  const prevTotal = previous.data?.total;
  const range = `${state.from} → ${state.to} (to exclusive, ${state.tz}); compared with ${prev.from} → ${prev.to}`;

  return (
    <div className="stack">
      <Card>
        <div className="toolbar">
          {PRESETS.map((d) => (
            <button key={d} className="button small" onClick={() => go(lastDaysWindow(d, new Date()))}>Last {d} days</button>
          ))}
          <label className="field inline"><span className="field-label">From</span><input type="date" value={state.from} onChange={(e) => e.target.value && go({ from: e.target.value })} /></label>
          <label className="field inline"><span className="field-label">To</span><input type="date" value={state.to} onChange={(e) => e.target.value && go({ to: e.target.value })} /></label>
          <label className="field inline"><span className="field-label">Time zone</span>
            <select value={state.tz} onChange={(e) => go({ tz: e.target.value })}>{[...new Set([state.tz, ...ZONES])].map((z) => <option key={z}>{z}</option>)}</select>
          </label>
        </div>
        <div className="toolbar">
          <label className="field inline"><span className="field-label">Group by</span>
            <select aria-label="Group by" value={state.groupBy} onChange={(e) => go({ groupBy: e.target.value as Dimension })}>{DIMENSION_NAMES.map((d) => <option key={d} value={d}>{d.replace(/_/g, " ")}</option>)}</select>
          </label>
          <label className="field inline"><span className="field-label">Metric</span>
            <select aria-label="Metric" value={state.metric} onChange={(e) => go({ metric: e.target.value, sort: e.target.value })}>{METRICS.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}</select>
          </label>
          <button className="button small" onClick={download} disabled={!current.data}>Export CSV</button>
        </div>
        <FilterBar state={state} suggestions={{ [state.groupBy]: rows.map((r) => r.key) }} onChange={(include, exclude) => go({ include, exclude })} />
      </Card>
      {current.isPending ? (
        <StatusMessage kind="loading" title="Loading…" />
      ) : current.error ? (
        <StatusMessage kind="error" title="Could not load the breakdown">{current.error.message}</StatusMessage>
      ) : !total || total.attempts === 0 ? (
        <StatusMessage kind="empty" title="No usage matches">Widen the date range or remove a filter.</StatusMessage>
      ) : (
        <>
          <Card title={`${metric.label} by ${state.groupBy.replace(/_/g, " ")}`} subtitle={range}>
            <div className="kpi-label" title={metric.definition}>{metric.label}: <strong data-testid="explore-total">{formatMetric(metric, total[metric.id])}</strong> {prevTotal && <span className="muted">({pct(metricChange(metric, total, prevTotal).pct)} vs previous)</span>}</div>
            <GroupBarChart title={`${metric.label} by ${state.groupBy}`} points={rows.slice(0, 15).map((r) => ({ label: shown(r.key), value: metricNumber(r[metric.id]), text: formatMetric(metric, r[metric.id]) }))} />
          </Card>
          <Card title="Breakdown" subtitle="Click a name to filter to it and drill down. Click a column to sort.">
            <div className="table-scroll">
              <table className="table compact" data-testid="explore-table">
                <thead>
                  <tr>
                    <th><button className="th-sort" onClick={() => sortBy("key")}>{state.groupBy.replace(/_/g, " ")}{state.sort === "key" ? (state.dir === "asc" ? " ↑" : " ↓") : ""}</button></th>
                    <th className="num"><button className="th-sort" title={metric.definition} onClick={() => sortBy(metric.id)}>{metric.label}{state.sort === metric.id ? (state.dir === "asc" ? " ↑" : " ↓") : ""}</button></th>
                    <th className="num">Previous</th>
                    <th className="num">Change</th>
                    {TABLE_METRICS.filter((id) => id !== metric.id).map((id) => (
                      <th key={id} className="num"><button className="th-sort" title={metricById(id).definition} onClick={() => sortBy(id)}>{metricById(id).label}{state.sort === id ? (state.dir === "asc" ? " ↑" : " ↓") : ""}</button></th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const p = prevByKey.get(r.key);
                    return (
                      <tr key={r.key}>
                        <td className="truncate" title={shown(r.key)}><button className="link" onClick={() => drill(r.key)}>{shown(r.key)}</button></td>
                        <td className="num">{formatMetric(metric, r[metric.id])}</td>
                        <td className="num muted">{p ? formatMetric(metric, p[metric.id]) : "–"}</td>
                        <td className="num">{pct(metricChange(metric, r, p).pct)}</td>
                        {TABLE_METRICS.filter((id) => id !== metric.id).map((id) => <td key={id} className="num">{formatMetric(metricById(id), r[id])}</td>)}
                      </tr>
                    );
                  })}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td className="num">{formatMetric(metric, total[metric.id])}</td>
                    <td className="num muted">{prevTotal ? formatMetric(metric, prevTotal[metric.id]) : "–"}</td>
                    <td className="num">{pct(metricChange(metric, total, prevTotal).pct)}</td>
                    {TABLE_METRICS.filter((id) => id !== metric.id).map((id) => <td key={id} className="num">{formatMetric(metricById(id), total[id])}</td>)}
                  </tr>
                </tfoot>
              </table>
            </div>
          </Card>
        </>
      )}
    </div>
  );
}
