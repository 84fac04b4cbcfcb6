import type { Dimension } from "@/lib/dimensions";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import { metricById } from "./explorer-metrics";
import { formatUsd } from "./format";
import { change, formatKind, type Better, type Change, type ChangeKind } from "./overview-kpis";

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

type Spec = Omit<WasteFigure, "change" | "definition"> & { kind: ChangeKind; better: Better };

/** The figure's definition and its detail's, from the one list of PRODUCT.md definitions (explorer-metrics). */
function definitionOf(f: Spec): string {
  const main = metricById(f.metric).definition;
  if (!f.detailMetric) return main;
  const detail = metricById(f.detailMetric);
  return `${main} ${detail.label}: ${detail.definition}`;
}

function specs(m: SummaryMeasures): Spec[] {
  return [
    { id: "cache", label: "Cache hit rate", value: pct(m.cache_hit_rate), detail: `saved ${formatUsd(m.cache_savings_usd)}`, metric: "cache_hit_rate", groupBy: "team", detailMetric: "cache_savings_usd", kind: "ratio", better: "up" },
    { id: "retry", label: "Retry amplification", value: formatKind("times", m.retry_amplification), detail: `retry waste ${formatUsd(m.retry_waste_usd)}`, metric: "retry_amplification", groupBy: "team", detailMetric: "retry_waste_usd", kind: "times", better: "down" },
    { id: "reasoning", label: "Reasoning share", value: pct(m.reasoning_share), detail: `reasoning cost ${formatUsd(m.reasoning_cost_usd)}`, metric: "reasoning_share", groupBy: "team", detailMetric: "reasoning_cost_usd", kind: "ratio", better: "none" },
    { id: "cancel", label: "Cancellation waste", value: formatUsd(m.cancellation_waste_usd), detail: `cancelled spend ${formatUsd(m.cancelled_spend_usd)}`, metric: "cancellation_waste_usd", groupBy: "team", detailMetric: "cancelled_spend_usd", kind: "money", better: "down" },
    { id: "unattributed", label: "Unattributed spend", value: formatUsd(m.unattributed_usd), detail: "no team after ownership rules", metric: "unattributed_usd", groupBy: "team", kind: "money", better: "down" },
    { id: "unpriced", label: "Unpriced events", value: int.format(m.unpriced_events), detail: "no price in the price book", metric: "unpriced_events", groupBy: "model", kind: "count", better: "down" },
  ];
}

export function wasteFigures(m: SummaryMeasures, previous?: SummaryMeasures): WasteFigure[] {
  return specs(m).map((spec) => {
    const { kind, better, ...f } = spec;
    const figure = { ...f, definition: definitionOf(spec) };
    return previous ? { ...figure, change: change(kind, m[f.metric], previous[f.metric], better) } : figure;
  });
}
