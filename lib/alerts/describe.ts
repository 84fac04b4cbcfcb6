import { formatUtcMinute } from "@/lib/finops/format";

/**
 * The alert's augurs annotations as short phrases, for the alert page, the list and the notifications
 * (no React: components and lib/alerts both use these).
 */
export type KindFields = { metric: string; incidentKind: string; shiftAt: string | null; levelBefore: number | null; levelAfter: number | null; peakValue: number; peakExpected: number };

/** A metric value in its unit: ratios as percentages or multiples, money in dollars. */
export function metricValue(metric: string, v: number): string {
  if (metric === "cache_hit_rate" || metric === "reasoning_share") return `${(v * 100).toFixed(1)} %`;
  if (metric === "retry_amplification") return `${v.toFixed(2)}×`;
  return v >= 1 || v === 0 ? `$${v.toFixed(2)}` : `$${v.toPrecision(3)}`;
}

/** The badge in the list: "Level shift" / "Spike" (nothing when not classified). */
export const KIND_LABEL: Record<string, string> = { level_shift: "Level shift", spike: "Spike" };

/** "Level shift: 67.2 % → 0.5 % since 2026-05-27 17:00 UTC" or "Spike: peak $412.00 against $96.10 expected". */
export function describeKind(a: KindFields): string {
  if (a.incidentKind === "level_shift" && a.levelBefore !== null && a.levelAfter !== null && a.shiftAt) {
    return `Level shift: ${metricValue(a.metric, a.levelBefore)} → ${metricValue(a.metric, a.levelAfter)} since ${formatUtcMinute(a.shiftAt)} UTC`;
  }
  if (a.incidentKind === "spike") return `Spike: peak ${metricValue(a.metric, a.peakValue)} against ${metricValue(a.metric, a.peakExpected)} expected, no sustained shift`;
  return "";
}

/** "Outlying teams: search, platform" (nothing when none or not computed). */
export function describeOutliers(o: { dimension: string; values: string[] } | null): string {
  if (!o || o.values.length === 0) return "";
  return `Outlying ${o.dimension === "customer" ? "customers" : `${o.dimension}s`}: ${o.values.join(", ")}`;
}
