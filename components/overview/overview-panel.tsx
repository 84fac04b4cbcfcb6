"use client";
import { useSearchParams } from "next/navigation";
import { useQueryStates } from "nuqs";
import { useEffect, useMemo } from "react";
import { WhyChanged } from "@/components/change/why-changed";
import { Card, StatusMessage } from "@/components/ui/card";
import { formatDayRange, formatUsd } from "@/lib/finops/format";
import { IgnoredParams, useIgnoredParams } from "@/components/ui/ignored-params";
import { lastDays } from "@/lib/finops/date-range";
import { overviewHref, overviewParsers, overviewQuery, overviewStateOf, type OverviewState } from "@/lib/finops/overview-state";
import { useOverview } from "@/lib/hooks/use-overview";
import { DailyTrend } from "./daily-trend";
import { KpiCards } from "./kpi-cards";
import { PeriodPicker } from "./period-picker";
import { TopLists } from "./top-lists";
import { WastePanel } from "./waste-panel";
import { pushUrl, replaceUrl } from "@/components/ui/navigate";

/** The overview page: the period lives in the URL (?from&to&tz&stack), one API request feeds every panel. */
export function OverviewPanel() {
  const params = useSearchParams();
  // The page's parsers (lib/finops/overview-state.ts) read the address; the same map's serializer writes it
  // (overviewHref), encoded as every link to the page is. A new period is a history entry (Back returns).
  const [values] = useQueryStates(overviewParsers);
  const state = useMemo(() => overviewStateOf(values, new Date()), [values]);
  const go = (patch: Partial<OverviewState>) => pushUrl(overviewHref({ ...state, ...patch }));
  // Write the defaults into the address from the first render on, so a copied link always reproduces the view.
  useEffect(() => {
    if (overviewQuery(state).toString() !== params.toString()) replaceUrl(overviewHref(state));
  }, [params, state]);

  const ignored = useIgnoredParams(params, overviewQuery(state));
  const { data, error, isPending, isFetching, refetch } = useOverview(state);
  // Links and labels follow the figures on screen, which during a reload are still the previous answer's.
  const shown: OverviewState = data ? { from: data.from, to: data.to, tz: data.tz, stack: data.stack } : state;
  const range = `${formatDayRange(shown.from, shown.to)} (${shown.tz})`;
  // The tooltip's range says when the previous period was cut to today's hours so far.
  const previousRange = data ? `${formatDayRange(data.previous.from, data.previous.to)}${data.comparison.kind === "same_hours" ? `, its last day cut to the hours today has had (${data.comparison.label})` : ""}` : "";
  const comparison = data?.comparison.label ?? "";
  // Which comparison the figures show, named under the picker: "compared with Sep 2026 (Sep 1 – Sep 30, 2026)".
  const periodComparison = data && data.from === state.from && data.to === state.to && data.tz === state.tz ? `compared with ${data.comparison.label.replace(/^vs /, "")} (${formatDayRange(data.previous.from, data.previous.to)}${data.comparison.previous_until ? ", its last day cut at the same hour as now" : ""})` : "";

  return (
    <div className="stack" aria-busy={isFetching}>
      <IgnoredParams list={ignored} />
      <PeriodPicker state={state} comparison={periodComparison} busy={isFetching && !isPending} onChange={go} />
      {isPending ? (
        <StatusMessage kind="loading" title="Loading spend…" />
      ) : error ? (
        <Card>
          <StatusMessage kind="error" title="Could not load spend">
            {error.message}
            <div><button type="button" className="button small" onClick={() => refetch()}>Try again</button></div>
          </StatusMessage>
        </Card>
      ) : data.total.attempts === 0 ? (
        <Card>
          <StatusMessage kind="empty" title="No usage in this period">
            <p>Nothing was recorded from {range}.{" "}
              {data.previous_total.attempts > 0 && `The period before had ${formatUsd(data.previous_total.cost_usd)} of spend. `}
              Pick a wider range, or send events to <code>POST /api/v1/events</code>.</p>
            <button type="button" className="button small" onClick={() => go(lastDays(90, state.tz, new Date()))}>Show the last 90 days</button>
          </StatusMessage>
        </Card>
      ) : (
        <>
          <KpiCards state={shown} total={data.total} previous={data.previous_total} previousRange={previousRange} comparison={comparison} />
          <WhyChanged scope={{ from: data.from, to: data.to, tz: data.tz, base: data.previous, include: {}, exclude: {} }} title="Why did spend change from the previous period?" />
          <DailyTrend state={shown} data={data} range={range} onStack={(stack) => go({ stack })} />
          <TopLists state={shown} top={data.top} />
          <WastePanel state={shown} total={data.total} previous={data.previous_total} range={range} previousRange={previousRange} comparison={comparison} />
        </>
      )}
    </div>
  );
}
