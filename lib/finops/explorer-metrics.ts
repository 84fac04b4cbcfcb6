import { MEASURES, type MeasureId } from "@/lib/measures/registry";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import { formatUsd } from "./format";
import { Money, toStored } from "./money";

/** What the explorer can show per group: each PRODUCT.md measure (lib/measures/registry.ts) with its label, unit and definition. */
export type MetricKind = "money" | "count" | "ratio" | "times";
export type MetricDef = { id: keyof SummaryMeasures; label: string; kind: MetricKind; definition: string };

// The explorer's menu leads with cost and volume; the rest follow in registry order.
const LEADING: readonly MeasureId[] = ["cost_usd", "requests", "attempts"];
const rank = (id: MeasureId) => (LEADING.includes(id) ? LEADING.indexOf(id) : LEADING.length);

export const METRICS: MetricDef[] = [...MEASURES]
  .sort((a, b) => rank(a.id) - rank(b.id))
  .map((m) => ({ id: m.id, label: m.label, kind: m.format === "times" ? "times" : m.kind, definition: m.definition }));

export const metricById = (id: string): MetricDef => METRICS.find((m) => m.id === id) ?? METRICS[0];

const int = new Intl.NumberFormat("en-US");

/** A measure as shown on screen. */
export function formatMetric(m: MetricDef, value: SummaryMeasures[keyof SummaryMeasures]): string {
  // An undefined ratio (retry amplification where no request ends): "—", never "0.00×".
  if (value === null) return "—";
  switch (m.kind) {
    case "money":
      return formatUsd(String(value));
    case "count":
      return int.format(Number(value));
    case "ratio":
      return `${(Number(value) * 100).toFixed(1)}%`;
    case "times":
      return `${Number(value).toFixed(2)}×`;
  }
}

/** A measure as a number, for sorting and chart heights (money stays exact elsewhere); an undefined ratio is null. */
export const metricNumber = (value: SummaryMeasures[keyof SummaryMeasures]): number | null => (value === null ? null : Number(value));

/** Change against the previous period: absolute (as shown) and relative; null when there is no base. */
export function metricChange(m: MetricDef, current: SummaryMeasures, previous: SummaryMeasures | undefined): { pct: number | null } {
  if (!previous) return { pct: null };
  if (m.kind === "money" && (unpricedOnly(current) || unpricedOnly(previous))) return { pct: null }; // as metricDelta
  const a = metricNumber(current[m.id]);
  const b = metricNumber(previous[m.id]);
  return { pct: a === null || b === null || b === 0 ? null : (a - b) / Math.abs(b) };
}

/** Every call of the group is unpriced: its money measures are unknown (shown "unpriced"), not zero. */
export const unpricedOnly = (m: SummaryMeasures) => m.unpriced_events > 0 && m.unpriced_events >= m.attempts;

/** Metrics a stacked chart may add up per bucket; ratios are drawn as lines instead. */
export const isSummable = (m: MetricDef) => m.kind === "money" || m.kind === "count";

/**
 * Current minus previous as shown in the Change column: money exactly (decimal strings), counts as integers,
 * ratios in the metric's own unit. A group absent from the previous period had none of a summable metric,
 * while a ratio then has no base.
 */
export function metricDelta(m: MetricDef, current: SummaryMeasures, previous: SummaryMeasures | undefined): string | number | null {
  // Money of calls that have no price at all is unknown, not $0: there is no dollar change to state ("–").
  if (m.kind === "money" && (unpricedOnly(current) || (previous && unpricedOnly(previous)))) return null;
  const now = current[m.id];
  if (!previous) return isSummable(m) ? now : null;
  const before = previous[m.id];
  if (now === null || before === null) return null;
  if (m.kind === "money") return toStored(new Money(String(now)).minus(String(before)));
  return Number(now) - Number(before);
}

const signed = (text: string, negative: boolean, zero: boolean) => (zero ? text : negative ? `−${text}` : `+${text}`);

/** A delta as shown: "+$12.30", "−1,204", "+2.1 pp", "+0.05×"; "–" without a base. */
export function formatDelta(m: MetricDef, delta: string | number | null): string {
  if (delta === null) return "–";
  if (m.kind === "money") {
    const d = new Money(String(delta));
    return signed(formatUsd(d.abs().toString()), d.isNegative(), d.isZero());
  }
  const n = Number(delta);
  const abs = Math.abs(n);
  const text = m.kind === "count" ? int.format(abs) : m.kind === "ratio" ? `${(abs * 100).toFixed(1)} pp` : `${abs.toFixed(2)}×`;
  return signed(text, n < 0, n === 0);
}

/** A relative change as shown: "+12.5%", "new" when the group had nothing before, "–" without a base. */
export function formatPct(pct: number | null, isNew = false): string {
  if (isNew) return "new";
  return pct === null ? "–" : `${pct > 0 ? "+" : pct < 0 ? "−" : ""}${Math.abs(pct * 100).toFixed(1)}%`;
}
