"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { prepareStackedSeries } from "@/components/charts/prepare-stacked-series";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { Card } from "@/components/ui/card";
import { formatUsd } from "@/lib/finops/format";
import { keyLabel, STACK_DRILL, stackHref } from "@/lib/finops/overview-links";
import type { OverviewState, StackDimension } from "@/lib/finops/overview-state";
import { STACK_DIMENSIONS, type OverviewResponse } from "@/lib/schemas/overview";

const STACK_LABEL: Record<StackDimension, string> = { team: "Team", model: "Model", provider: "Provider", environment: "Environment" };

/** Daily spend stacked by a dimension; segments and legend entries open the explorer on that group. */
export function DailyTrend({ state, data, range, onStack }: { state: OverviewState; data: OverviewResponse; range: string; onStack: (s: StackDimension) => void }) {
  const router = useRouter();
  const { rows, keys } = useMemo(
    () => prepareStackedSeries({ days: data.days, dailyCost: data.daily_cost_usd, series: data.series, label: (k) => keyLabel(data.stack, k), otherLabel: "All others" }),
    [data],
  );
  const drill = STACK_DRILL[data.stack];
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
      />
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
