"use client";
import { useSearchParams } from "next/navigation";
import { useQueryStates } from "nuqs";
import { useEffect, useMemo, useRef, useState } from "react";
import { WhyChanged } from "@/components/change/why-changed";
import { fetchJson } from "@/lib/api/fetch-json";
import { Card, StatusMessage } from "@/components/ui/card";
import { explorerCsv } from "@/lib/finops/explorer-csv";
import { exportFileName } from "@/lib/finops/export-name";
import { formatMetric, formatPct, metricById, metricChange, metricDelta } from "@/lib/finops/explorer-metrics";
import { IgnoredParams, useIgnoredParams } from "@/components/ui/ignored-params";
import { useOrgCalendar } from "@/components/ui/org-calendar";
import { OutOfScope } from "@/components/ui/out-of-scope";
import { useViewerScope } from "@/components/ui/viewer-scope";
import { teamsOutOfScope } from "@/lib/finops/scope-notice";
import { comparisonFor } from "@/lib/finops/comparison";
import { drillDown, explorerParsers, explorerQuery, explorerStateOf, exploreHref, hasFilters, narrowToBucket, nextState, summaryQuery, type ExplorerState } from "@/lib/finops/explorer-state";
import { isPaged, onPage, pagedSummaryQuery, PAGE_SIZE, previousForGroupsQuery } from "@/lib/finops/explorer-paging";
import { sortTableRows, tableRows, type TableRow } from "@/lib/finops/explorer-table";
import { formatDayRange, formatInt } from "@/lib/finops/format";
import { SummaryResponse } from "@/lib/schemas/summary";
import { useSummaryQuery } from "@/lib/hooks/use-summary";
import { BreakdownTable } from "./breakdown-table";
import { ExplorerChart } from "./explorer-chart";
import { ExplorerToolbar } from "./explorer-toolbar";
import { FilterBar } from "./filter-bar";
import { Skeleton } from "./skeleton";
import "./explorer.css";
import { replaceUrl } from "@/components/ui/navigate";

/** /explore: every view is a URL; this component reads it, fetches, and writes changes back to it. */
export function Explorer() {
  const params = useSearchParams();
  // The page's parsers (lib/finops/explorer-state.ts) read the address and write it back.
  // Writes go through the same map's serializer (exploreHref), which encodes as every link to the page does.
  const [values] = useQueryStates(explorerParsers);
  const state = useMemo(() => explorerStateOf(values, new Date()), [values]);
  const ignored = useIgnoredParams(params, explorerQuery(state));
  const metric = metricById(state.metric);
  // The same comparison as the overview and the change API: a month with the month before, a partial period
  // with the same elapsed time (the previous queries then carry `until`).
  const calendar = useOrgCalendar();
  const viewer = useViewerScope();
  const outside = teamsOutOfScope(state.include.team, viewer);
  const comparison = comparisonFor(state.from, state.to, state.tz, new Date(), calendar);
  const prev = { ...comparison.previous, until: comparison.until };
  // Big groupings come a page at a time, sorted on the server; "show more" asks for the next hundred too.
  const base = summaryQuery(state, state) + state.sort + state.dir;
  const [more, setMore] = useState({ base, pages: 1 });
  const limit = PAGE_SIZE * (more.base === base ? more.pages : 1);
  const current = useSummaryQuery(pagedSummaryQuery(state, limit));
  const previous = useSummaryQuery(pagedSummaryQuery({ ...state, ...prev }, limit));
  const paged = !current.isPlaceholderData && isPaged(current.data);
  const previousShown = useSummaryQuery(paged && current.data ? previousForGroupsQuery(state, prev, current.data.groups) : "", { enabled: paged });
  const go = (patch: Partial<ExplorerState>) => replaceUrl(exploreHref(nextState(state, patch, new Date())));
  // The URL carries the whole state from the first render on, so a copied link always reproduces the view.
  useEffect(() => {
    // Synchronously, through the History API (Next syncs its router with it): a router.replace here is async
    // and could land after a click made right away (a preset), undoing it.
    if (!params.get("from") || !params.get("to")) replaceUrl(exploreHref(state));
  }, [params, state]);

  // A previous period fetched for another grouping (kept while loading) must not be matched to these rows.
  // Memoized: the table's data is made from it, and a table recomputes its rows when its data changes.
  const previousGroups = useMemo(
    () => (previous.isPlaceholderData ? undefined : paged ? (previousShown.isPlaceholderData || !previousShown.data || !current.data ? undefined : onPage(previousShown.data.groups, current.data.groups)) : previous.data?.groups),
    [previous.isPlaceholderData, previous.data, paged, previousShown.isPlaceholderData, previousShown.data, current.data],
  );
  const rows = useMemo(() => tableRows(current.data?.groups ?? [], previousGroups, metric), [current.data, previousGroups, metric]);
  // The table (on @tanstack/react-table) sorts by the URL's sort, writes a header click back to the URL and
  // hands its rows in order to the export.
  const sortedRows = useRef<readonly TableRow[] | null>(null);
  const total = current.data?.total;
  const prevTotal = previous.isPlaceholderData ? undefined : previous.data?.total;
  const totalDelta = total && prevTotal ? metricDelta(metric, total, prevTotal) : null;
  const totalPct = total ? metricChange(metric, total, prevTotal).pct : null;
  // A previous period without any usage (before the data starts): "new", never "+$5,111.45" or "–".
  const totalIsNew = !!total && !!prevTotal && Number(prevTotal.attempts) === 0 && Number(total.attempts) > 0;
  const dims = state.groupBy2 ? [state.groupBy, state.groupBy2] : [state.groupBy];

  async function download() {
    if (!total) return;
    // The export has the table's rows in the table's order: its sorted row model. A paged table has not got
    // every group, so the file fetches them all (unpaged) and orders them by the same column comparator.
    const all = paged
      ? sortTableRows(
          tableRows(
            (await fetchJson(`/api/v1/summary?${summaryQuery(state, state)}`, SummaryResponse)).groups,
            (await fetchJson(`/api/v1/summary?${summaryQuery(state, prev)}`, SummaryResponse)).groups,
            metric,
          ),
          state.sort,
          state.dir,
          metric,
        )
      : sortedRows.current ?? sortTableRows(rows, state.sort, state.dir, metric);
    const csv = explorerCsv({ dims, metric, rows: all, total, previousTotal: prevTotal, totalDelta, totalPct });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
    a.download = exportFileName({ what: ["explore", ...dims], from: state.from, to: state.to, tz: state.tz, include: state.include, exclude: state.exclude, ext: "csv" });
    a.click();
    URL.revokeObjectURL(a.href);
  }
  const clearFilters = () => go({ include: {}, exclude: {} });
  const grouping = dims.map((d) => d.replace(/_/g, " ")).join(" then ");

  return (
    <div className="stack explorer">
      <IgnoredParams list={ignored} />
      <Card className="explorer-controls">
        <ExplorerToolbar state={state} go={go} onExport={() => void download()} canExport={!!total && !current.isPlaceholderData} />
        <FilterBar state={state} onChange={(f) => go(f)} />
      </Card>
      {current.isPending ? (
        <>
          <Card><Skeleton kind="chart" /></Card>
          <Card><Skeleton kind="table" /></Card>
        </>
      ) : current.error ? (
        <Card>
          <StatusMessage kind="error" title="Could not load the breakdown">
            {current.error.message} <button className="button small" onClick={() => current.refetch()}>Try again</button>
          </StatusMessage>
        </Card>
      ) : (!total || total.attempts === 0) && outside.length > 0 ? (
        <Card>
          <OutOfScope outside={outside} viewer={viewer} onShowOwn={() => go({ include: { ...state.include, team: undefined } })} />
        </Card>
      ) : !total || total.attempts === 0 ? (
        <Card>
          <StatusMessage kind="empty" title="No usage for these filters">
            <p>Nothing was billed in {formatDayRange(state.from, state.to)} ({state.tz}){hasFilters(state) ? " that matches every filter" : ""}.</p>
            {hasFilters(state) ? <button className="button primary" onClick={clearFilters}>Clear filters</button> : <span>Try a longer date range.</span>}
          </StatusMessage>
        </Card>
      ) : (
        <>
          <div className="explorer-kpi" title={metric.definition}>
            <span className="kpi-label">{metric.label}, {formatDayRange(state.from, state.to)} ({state.tz})</span>
            <strong className="kpi-value" data-testid="explore-total">{formatMetric(metric, total[metric.id])}</strong>
            {prevTotal && <span className="muted" data-testid="explore-comparison" title={`Previous: ${formatDayRange(prev.from, prev.to)}${prev.until ? `, its last day cut at the same hour as now` : ""}`}>{formatPct(totalPct, totalIsNew)} {comparison.label} ({formatMetric(metric, prevTotal[metric.id])})</span>}
            <button type="button" className="button small" aria-pressed={state.compare} data-testid="why-toggle" onClick={() => go({ compare: !state.compare })}>
              {state.compare ? "Hide why it changed" : "Why did it change?"}
            </button>
          </div>
          {state.compare && <WhyChanged scope={{ from: state.from, to: state.to, tz: state.tz, base: state.base, include: state.include, exclude: state.exclude }} />}
          <ExplorerChart state={state} onBucket={(b) => go(narrowToBucket(b))} />
          <Card title={`Breakdown by ${grouping}`} subtitle="Click a name to filter to it and drill down; click a column to sort." className={current.isPlaceholderData ? "is-refreshing" : undefined}>
            <BreakdownTable state={state} rows={rows} onSort={(sort, dir) => go({ sort, dir })} onDrill={(k, k2) => go(drillDown(state, k, k2))} sortedRows={sortedRows} total={total} previousTotal={prevTotal} totalDelta={totalDelta} totalPct={totalPct} totalIsNew={totalIsNew} other={paged ? current.data?.other ?? null : null} otherCount={paged && current.data ? current.data.group_count - current.data.groups.length : 0} />
            {paged && current.data && (
              <p className="paging-line" data-testid="explore-paging">
                Showing {formatInt(current.data.groups.length)} of {formatInt(current.data.group_count)}, sorted on the server; the rest are summed in &quot;(other)&quot; and the total stays exact. The CSV export has every row, and also the groups that spent only in the previous period.{" "}
                <button className="button small" onClick={() => setMore({ base, pages: limit / PAGE_SIZE + 1 })}>Show {formatInt(Math.min(PAGE_SIZE, current.data.group_count - current.data.groups.length))} more</button>
              </p>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
