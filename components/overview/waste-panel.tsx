"use client";
import { Card, StatusMessage } from "@/components/ui/card";
import { wasteFigures } from "@/lib/finops/waste-metrics";
import { useSummary } from "@/lib/hooks/use-summary";

/** Waste in the same window as the overview: cache, retries, reasoning, cancellations, attribution, pricing. */
export function WastePanel({ from, to, range }: { from: string; to: string; range: string }) {
  const summary = useSummary({ from, to });
  return (
    <Card title="Waste and coverage" subtitle={range}>
      {summary.isPending ? (
        <StatusMessage kind="loading" title="Loading waste metrics…" />
      ) : summary.error ? (
        <StatusMessage kind="error" title="Could not load waste metrics">{summary.error.message}</StatusMessage>
      ) : summary.data.total.attempts === 0 ? (
        <StatusMessage kind="empty" title="No usage in this period" />
      ) : (
        <div className="waste-grid">
          {wasteFigures(summary.data.total).map((f) => (
            <div key={f.id} className="waste-figure" data-testid={`waste-${f.id}`}>
              <div className="kpi-label" title={f.definition}>{f.label}</div>
              <div className="waste-value">{f.value}</div>
              <div className="muted">{f.detail}</div>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
