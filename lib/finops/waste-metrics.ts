import type { SummaryMeasures } from "@/lib/schemas/summary";
import { formatUsd } from "./format";

/**
 * The waste panel's figures, each with its PRODUCT.md definition (shown on hover). Pure, so the labels and
 * the numbers are tested together.
 */
export type WasteFigure = { id: string; label: string; value: string; detail: string; definition: string };

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const int = new Intl.NumberFormat("en-US");

export function wasteFigures(m: SummaryMeasures): WasteFigure[] {
  return [
    { id: "cache", label: "Cache hit rate", value: pct(m.cache_hit_rate), detail: `saved ${formatUsd(m.cache_savings_usd)}`, definition: "Σ cache-read tokens ÷ Σ input tokens. Savings: Σ cache_read·(input price − cache-read price) − Σ cache_write·(cache-write price − input price)." },
    { id: "retry", label: "Retry amplification", value: `${m.retry_amplification.toFixed(2)}×`, detail: `retry waste ${formatUsd(m.retry_waste_usd)}`, definition: "Attempts ÷ logical requests (distinct request_id; an event without one is its own request). Waste: cost of every attempt that is not the last attempt of its request." },
    { id: "reasoning", label: "Reasoning share", value: pct(m.reasoning_share), detail: `reasoning cost ${formatUsd(m.reasoning_cost_usd)}`, definition: "Σ reasoning tokens ÷ Σ output tokens. Cost: Σ reasoning tokens × reasoning price." },
    { id: "cancel", label: "Cancellation waste", value: formatUsd(m.cancellation_waste_usd), detail: `cancelled spend ${formatUsd(m.cancelled_spend_usd)}`, definition: "Over cancelled calls: (output − delivered output) × output price; all output when delivery is unknown. Cancelled spend: total cost of cancelled calls." },
    { id: "unattributed", label: "Unattributed spend", value: formatUsd(m.unattributed_usd), detail: "no team after ownership rules", definition: "Cost of calls with no team after ownership rules and ingest-key defaults ran." },
    { id: "unpriced", label: "Unpriced events", value: int.format(m.unpriced_events), detail: "no price in the price book", definition: "Calls whose provider and model have no price in force: stored and counted, costed at nothing until priced and repriced." },
  ];
}
