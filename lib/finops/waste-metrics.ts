import type { Dimension } from "@/lib/clickhouse/fragments";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import { formatUsd } from "./format";
import { change, type Better, type Change, type ChangeKind } from "./overview-kpis";

/**
 * The waste panel's figures, each with its PRODUCT.md definition (shown on hover), the explorer metric it
 * opens, and, given the previous period, its change. Pure, so the labels and the numbers are tested together.
 */
export type WasteFigure = {
  id: string;
  label: string;
  value: string;
  detail: string;
  definition: string;
  /** The explorer metric behind `value`, and the dimension it is best broken down by. */
  metric: keyof SummaryMeasures;
  groupBy: Dimension;
  /** The explorer metric behind `detail`, when the detail is a figure of its own. */
  detailMetric?: keyof SummaryMeasures;
  change?: Change;
};

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const int = new Intl.NumberFormat("en-US");

type Spec = Omit<WasteFigure, "change"> & { kind: ChangeKind; better: Better };

function specs(m: SummaryMeasures): Spec[] {
  return [
    { id: "cache", label: "Cache hit rate", value: pct(m.cache_hit_rate), detail: `saved ${formatUsd(m.cache_savings_usd)}`, definition: "Σ cache-read tokens ÷ Σ input tokens. Savings: Σ cache_read·(input price − cache-read price) − Σ cache_write·(cache-write price − input price).", metric: "cache_hit_rate", groupBy: "team", detailMetric: "cache_savings_usd", kind: "ratio", better: "up" },
    { id: "retry", label: "Retry amplification", value: `${m.retry_amplification.toFixed(2)}×`, detail: `retry waste ${formatUsd(m.retry_waste_usd)}`, definition: "Attempts ÷ logical requests (an event without request_id is its own request; a request counts once, where its last attempt falls). Waste: cost of every attempt that is not the last attempt of its request.", metric: "retry_amplification", groupBy: "team", detailMetric: "retry_waste_usd", kind: "times", better: "down" },
    { id: "reasoning", label: "Reasoning share", value: pct(m.reasoning_share), detail: `reasoning cost ${formatUsd(m.reasoning_cost_usd)}`, definition: "Σ reasoning tokens ÷ Σ output tokens. Cost: Σ reasoning tokens × reasoning price.", metric: "reasoning_share", groupBy: "team", detailMetric: "reasoning_cost_usd", kind: "ratio", better: "none" },
    { id: "cancel", label: "Cancellation waste", value: formatUsd(m.cancellation_waste_usd), detail: `cancelled spend ${formatUsd(m.cancelled_spend_usd)}`, definition: "Over cancelled calls: (output − delivered output) × output price; all output when delivery is unknown. Cancelled spend: total cost of cancelled calls.", metric: "cancellation_waste_usd", groupBy: "team", detailMetric: "cancelled_spend_usd", kind: "money", better: "down" },
    { id: "unattributed", label: "Unattributed spend", value: formatUsd(m.unattributed_usd), detail: "no team after ownership rules", definition: "Cost of calls with no team after ownership rules and ingest-key defaults ran.", metric: "unattributed_usd", groupBy: "team", kind: "money", better: "down" },
    { id: "unpriced", label: "Unpriced events", value: int.format(m.unpriced_events), detail: "no price in the price book", definition: "Calls whose provider and model have no price in force: stored and counted, costed at nothing until priced and repriced.", metric: "unpriced_events", groupBy: "model", kind: "count", better: "down" },
  ];
}

export function wasteFigures(m: SummaryMeasures, previous?: SummaryMeasures): WasteFigure[] {
  return specs(m).map(({ kind, better, ...f }) => (previous ? { ...f, change: change(kind, m[f.metric], previous[f.metric], better) } : f));
}
