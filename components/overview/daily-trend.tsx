"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { prepareStackedSeries } from "@/components/charts/prepare-stacked-series";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { useTeamColors } from "@/components/charts/team-colors";
import { Card } from "@/components/ui/card";
import { formatDay, formatUsd } from "@/lib/finops/format";
import { unusualDays } from "@/lib/finops/unusual-days";
import { localDate } from "@/lib/finops/calendar";
import { useAnomalies } from "@/lib/hooks/use-anomalies";
import { keyLabel, STACK_DRILL, stackHref } from "@/lib/finops/overview-links";
import type { OverviewState, StackDimension } from "@/lib/finops/overview-state";
import { STACK_DIMENSIONS, type OverviewResponse } from "@/lib/schemas/overview";

/** A whole day, every group: the day opens by the stack's own dimension. */
const ALL_GROUPS = { key: "", isOther: true };

const STACK_LABEL: Record<StackDimension, string> = { team: "Team", model: "Model", provider: "Provider", environment: "Environment" };

/** Daily spend stacked by a dimension; segments and legend entries open the explorer on that group. */
export function DailyTrend({ state, data, range, onStack }: { state: OverviewState; data: OverviewResponse; range: string; onStack: (s: StackDimension) => void }) {
  const router = useRouter();
  const teamColors = useTeamColors();
  const { rows, keys } = useMemo(
    () => prepareStackedSeries({ days: data.days, dailyCost: data.daily_cost_usd, series: data.series, label: (k) => keyLabel(data.stack, k), otherLabel: "All others", pinned: data.stack === "team" ? teamColors : undefined }),
    [data, teamColors],
  );
  const drill = STACK_DRILL[data.stack];
  // Numbers only to judge which days stand out; every amount shown stays an exact decimal string.
  const unusual = useMemo(() => unusualDays(data.daily_cost_usd.map(Number)).map((i) => data.days[i]), [data]);
  // The anomaly alerts of the period (seasonal, causal detection): their first day is marked too.
  const anomalies = useAnomalies({ from: data.from, to: data.to, tz: data.tz }).data?.anomalies ?? [];
  const alertDays = anomalies.map((a) => localDate(new Date(a.from), data.tz)).filter((d) => data.days.includes(d));
  const marked = [...new Set([...unusual, ...alertDays])];
  return (
    <Card title={`Daily spend by ${data.stack}`} subtitle={range}>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Stack by">
          {STACK_DIMENSIONS.map((d) => (
            <button key={d} type="button" className="button small" aria-pressed={state.stack === d} onClick={() => onStack(d)}>{STACK_LABEL[d]}</button>
          ))}
        </div>
        <span className="muted">Click a bar segment to explore that day, by {drill}.</span>
      </div>
      <StackedBarChart
        rows={rows}
        keys={keys}
        label={`Daily spend in US dollars, stacked by ${data.stack}`}
        onSegmentClick={(k, day) => router.push(stackHref(state, k, day))}
        onDay={(day) => router.push(stackHref(state, ALL_GROUPS, day))}
        dayLabel={(r) => `${r.longLabel}: ${formatUsd(r.totalText)}, open hour by hour`}
        marked={marked}
      />
      {anomalies.length > 0 && (
        <p className="muted small" data-testid="period-alerts">
          Alerts in this period:{" "}
          {anomalies.slice(0, 5).map((a, i) => (
            <span key={a.id}>{i > 0 && ", "}<Link href={`/alerts/${a.id}`}>{a.title}</Link> ({formatDay(localDate(new Date(a.from), data.tz))})</span>
          ))}
          {anomalies.length > 5 && <> and <Link href="/alerts">{anomalies.length - 5} more</Link></>}
        </p>
      )}
      {unusual.length > 0 && (
        <p className="muted small" data-testid="unusual-days">
          Unusual {unusual.length === 1 ? "day" : "days"} (far above the period's usual level):{" "}
          {unusual.map((day, i) => (
            <span key={day}>{i > 0 && ", "}<Link href={stackHref(state, ALL_GROUPS, day)}>{formatDay(day)}</Link></span>
          ))}
        </p>
      )}
      <details className="day-links">
        <summary>Open a day hour by hour</summary>
        <ul>
          {rows.map((r) => (
            <li key={r.day}><Link href={stackHref(state, ALL_GROUPS, r.day)}>{r.longLabel}: {formatUsd(r.totalText)}</Link></li>
          ))}
        </ul>
      </details>
      <ul className="legend" aria-label={`Legend: spend by ${data.stack} over the period`} data-testid="trend-legend">
        {keys.map((k) => (
          <li key={k.id}>
            <Link href={stackHref(state, k)} title={`${k.label}: ${formatUsd(k.totalText)} over the period. ${k.isOther ? `Open Explore by ${data.stack}.` : `Open Explore filtered to it, by ${drill}.`}`}>
              <span className="swatch" style={{ background: k.color }} aria-hidden />
              <span className={`legend-name truncate${k.key === "" || k.isOther ? " muted" : ""}${k.isOther ? " label-flag" : ""}`} data-testid="legend-key">{k.label}</span>
              <span className="legend-total">{formatUsd(k.totalText)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
