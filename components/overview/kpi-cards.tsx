import Link from "next/link";
import { Card } from "@/components/ui/card";
import { kpiFigures } from "@/lib/finops/overview-kpis";
import { exploreHref } from "@/lib/finops/overview-links";
import type { OverviewState } from "@/lib/finops/overview-state";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import { FigureChange } from "./figure-change";

const TEST_IDS: Record<string, string> = { spend: "total-spend", requests: "total-requests", attempts: "total-attempts", "cost-per-request": "cost-per-request" };

/** The headline figures of the period; each opens the explorer on the same range and metric. */
export function KpiCards({ state, total, previous, previousRange, comparison }: { state: OverviewState; total: SummaryMeasures; previous: SummaryMeasures; previousRange: string; comparison: string }) {
  return (
    <div className="kpis">
      {kpiFigures(total, previous).map((f) => (
        <Card key={f.id} className="kpi">
          <div className="kpi-label" title={f.definition}>{f.label}</div>
          <Link className="kpi-value" href={exploreHref({ ...state, groupBy: f.groupBy, metric: f.metric })} title={`${f.definition}\nOpen in Explore, by ${f.groupBy}.`} data-testid={TEST_IDS[f.id]}>
            {f.value}
          </Link>
          <FigureChange change={f.change} previousRange={previousRange} comparison={comparison} testId={`${TEST_IDS[f.id]}-change`} />
        </Card>
      ))}
    </div>
  );
}
