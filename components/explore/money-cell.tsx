import { formatMetric, type MetricDef } from "@/lib/finops/explorer-metrics";
import type { SummaryMeasures } from "@/lib/schemas/summary";

/**
 * A metric's cell. Money of a group whose calls have no price yet is not $0.00: it says "unpriced" (every
 * attempt unpriced) or marks the amount as partial (some unpriced), with the count, so nobody reads a
 * missing price as free usage. Settings → Unpriced models lists them; a price and a reprice fill them in.
 */
export function MetricCell({ metric, m }: { metric: MetricDef; m: SummaryMeasures }) {
  const unpriced = Number(m.unpriced_events);
  if (metric.kind !== "money" || unpriced === 0) return <>{formatMetric(metric, m[metric.id])}</>;
  const title = `${unpriced.toLocaleString("en-US")} of ${Number(m.attempts).toLocaleString("en-US")} calls have no price yet (Settings → Unpriced models)`;
  if (unpriced >= Number(m.attempts)) return <span className="badge warn" title={title} data-testid="unpriced">unpriced</span>;
  return <span title={title}>{formatMetric(metric, m[metric.id])}<span className="unpriced-mark" aria-label="partly unpriced"> *</span></span>;
}
