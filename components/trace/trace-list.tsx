"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useQueryStates } from "nuqs";
import { useEffect, useMemo } from "react";
import { FilterBar } from "@/components/explore/filter-bar";
import { Card, StatusMessage } from "@/components/ui/card";
import { OutOfScope } from "@/components/ui/out-of-scope";
import { useViewerScope } from "@/components/ui/viewer-scope";
import { teamsOutOfScope } from "@/lib/finops/scope-notice";
import { RangePicker } from "@/components/ui/range-picker";
import { IgnoredParams, useIgnoredParams } from "@/components/ui/ignored-params";
import { exploreHref } from "@/lib/finops/explorer-state";
import { formatDayRange, formatInt, formatUsdFine, teamLabel, valueLabel } from "@/lib/finops/format";
import { hasFilters, topTracesApiQuery, traceListStateOf, tracesListHref, tracesParsers, tracesQuery, type TraceListState } from "@/lib/finops/trace-list-state";
import { useTopTraces } from "@/lib/hooks/use-trace";
import { CopyButton } from "./copy-button";
import { TraceSearch } from "./trace-search";
import "./trace.css";
import { replaceUrl } from "@/components/ui/navigate";

const LIMIT = 50;
const shown = valueLabel;
/** A long id as its head and tail (the full id is in the title and the copy button). */
export const shortId = (id: string) => (id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id);
/** A trace's start in the list's time zone (the one its period is read in), as the column header names it. */
const when = (iso: string, timeZone: string) => new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone });

/** The most expensive traces for the explorer's range and filters (same URL parameters), and a search by id. */
export function TraceList() {
  const params = useSearchParams();
  // The page's parsers (lib/finops/trace-list-state.ts) read the address; the same map's serializer writes it.
  const [values] = useQueryStates(tracesParsers);
  const state = useMemo(() => traceListStateOf(values, new Date()), [values]);
  const viewer = useViewerScope();
  const outside = teamsOutOfScope(state.include.team, viewer);
  const go = (patch: Partial<TraceListState>) => replaceUrl(tracesListHref({ ...state, ...patch }));
  useEffect(() => {
    // Synchronously, through the History API (Next syncs its router with it): a router.replace here is async
    // and could land after a click made right away (a preset), undoing it.
    if (!params.get("from") || !params.get("to")) replaceUrl(tracesListHref(state));
  }, [params, state]);
  const top = useTopTraces(topTracesApiQuery(state, LIMIT));
  const filtered = hasFilters(state);
  const range = `${formatDayRange(state.from, state.to)} (${state.tz})`;
  const ignored = useIgnoredParams(params, tracesQuery(state));

  return (
    <div className="stack">
      <IgnoredParams list={ignored} />
      <Card title="Find a trace" subtitle="A trace_id, or a request_id (opens the trace it belongs to).">
        <TraceSearch />
      </Card>
      <Card>
        <div className="toolbar">
          {/* The period control of Overview and Explore: presets, typed dates that commit only when complete, and
              the last day included ("Through") while the address keeps the exclusive `to`. */}
          <RangePicker range={state} tz={state.tz} onChange={(patch) => go(patch)} />
          <Link className="button small" href={exploreHref(state)}>Open in Explore</Link>
        </div>
        <FilterBar state={{ ...state, groupBy: "service", groupBy2: null, bucket: "day", metric: "cost_usd", sort: "cost_usd", dir: "desc", compare: false, base: null }} onChange={(f) => go({ include: f.include, exclude: f.exclude })} />
      </Card>
      <Card title="Most expensive traces" subtitle={`${range}${filtered ? "; ranked by the cost of their calls that match the filters" : ""}. Only events that carry a trace_id are listed.`}>
        {top.isPending ? (
          <StatusMessage kind="loading" title="Loading traces…" />
        ) : top.error ? (
          <StatusMessage kind="error" title="Could not load traces">{top.error.message}</StatusMessage>
        ) : top.data.traces.length === 0 && outside.length > 0 ? (
          <OutOfScope outside={outside} viewer={viewer} onShowOwn={() => go({ include: { ...state.include, team: undefined } })} />
        ) : top.data.traces.length === 0 ? (
          <StatusMessage kind="empty" title="No traces match">Widen the date range or remove a filter. Calls sent without a trace_id are in Explore, not here.</StatusMessage>
        ) : (
          <div className="table-scroll">
            <table className="table compact traces-table" data-testid="traces-table">
              <thead>
                <tr>
                  <th>Trace</th>
                  {filtered && <th className="num" title="Cost of this trace's calls that match the filters">Matching cost</th>}
                  <th className="num" title="Cost of the whole trace in the range, within your teams">Trace cost</th>
                  <th className="num" title="Cost of attempts that were retried">Retry waste</th>
                  <th>Start ({state.tz})</th>
                  <th>Root service</th>
                  <th className="col-low">Root team</th>
                  <th className="col-low">Feature</th>
                  <th className="num" title="Calls: the attempts of one request count once">Calls</th>
                  <th className="num col-low">Attempts</th>
                </tr>
              </thead>
              <tbody>
                {top.data.traces.map((t) => (
                  <tr key={t.trace_id}>
                    <td className="trace-id-cell" data-label="Trace">
                      <Link className="mono" href={`/traces/${encodeURIComponent(t.trace_id)}`} title={t.trace_id} aria-label={`Trace ${t.trace_id}`}>{shortId(t.trace_id)}</Link>
                      <CopyButton value={t.trace_id} label="Copy trace_id" />
                    </td>
                    {filtered && <td className="num" data-label="Matching cost" title={t.matched_cost_usd}>{formatUsdFine(t.matched_cost_usd)}</td>}
                    <td className="num" data-label="Trace cost" title={t.cost_usd}>{formatUsdFine(t.cost_usd)}</td>
                    <td className="num" data-label="Retry waste" title={t.retry_waste_usd}>{Number(t.retry_waste_usd) > 0 ? <span className="badge waste">{formatUsdFine(t.retry_waste_usd)}</span> : "–"}</td>
                    <td className="nowrap" data-label={`Start (${state.tz})`}>{when(t.start, state.tz)}</td>
                    <td className="truncate" data-label="Root service" title={shown(t.root_service)}>{shown(t.root_service)}</td>
                    <td className="truncate col-low" data-label="Root team" title={teamLabel(t.root_team)}>{teamLabel(t.root_team)}</td>
                    <td className="truncate col-low" data-label="Feature" title={shown(t.root_feature)}>{shown(t.root_feature)}</td>
                    <td className="num" data-label="Calls">{formatInt(t.spans)}</td>
                    <td className="num col-low" data-label="Attempts">{formatInt(t.attempts)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
