import Link from "next/link";
import { settingsHref } from "@/lib/finops/settings-state";
import { Card } from "@/components/ui/card";
import { metricById } from "@/lib/finops/explorer-metrics";
import { exploreHref } from "@/lib/finops/overview-links";
import type { OverviewState } from "@/lib/finops/overview-state";
import { wasteFigures } from "@/lib/finops/waste-metrics";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import { FigureChange } from "./figure-change";

/**
 * Waste and coverage of the same period, from the overview's own totals (no second request, so these figures
 * can never disagree with the headline). Each figure opens the explorer on its metric.
 */
export function WastePanel({ state, total, previous, range, previousRange, comparison }: { state: OverviewState; total: SummaryMeasures; previous: SummaryMeasures; range: string; previousRange: string; comparison: string }) {
  return (
    <Card title="Waste and coverage" subtitle={range}>
      <div className="waste-grid">
        {wasteFigures(total, previous).map((f) => (
          <div key={f.id} className="waste-figure" data-testid={`waste-${f.id}`}>
            <div className="kpi-label" title={f.definition}>{f.label}</div>
            <Link className="waste-value" href={exploreHref({ ...state, groupBy: f.groupBy, metric: f.metric })} title={`Open in Explore: ${metricById(f.metric).label} by ${f.groupBy}`}>
              {f.value}
            </Link>
            <div className="muted">
              {f.detailMetric ? (
                <Link href={exploreHref({ ...state, groupBy: f.groupBy, metric: f.detailMetric })} title={`${metricById(f.detailMetric).definition} Open in Explore.`}>{f.detail}</Link>
              ) : (
                f.detail
              )}
              {f.id === "unpriced" && total.unpriced_events > 0 && (
                <> · <Link href={settingsHref("unpriced")}>add their prices</Link></>
              )}
            </div>
            {f.change && <FigureChange change={f.change} previousRange={previousRange} comparison={comparison} />}
          </div>
        ))}
      </div>
    </Card>
  );
}
