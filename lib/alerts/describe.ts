import { formatUsd, formatUtcMinute } from "@/lib/finops/format";

/**
 * The alert's augurs annotations as short phrases, for the alert page, the list and the notifications
 * (no React: components and lib/alerts both use these).
 */
export type KindFields = { metric: string; incidentKind: string; shiftAt: string | null; levelBefore: number | null; levelAfter: number | null; peakValue: number; peakExpected: number };

/**
 * An alert metric's value in its unit, the same on screen and in notifications: rates as percentages
 * ("67.3%", as Explore prints them), retry amplification as a multiple, money by the one money rule
 * (formatUsd: cents from a dollar, three significant digits below).
 */
export function formatMetric(metric: string, v: number): string {
  if (metric === "cache_hit_rate" || metric === "reasoning_share") return `${(v * 100).toFixed(1)}%`;
  if (metric === "retry_amplification") return `${v.toFixed(2)}×`;
  return formatUsd(String(v));
}

/** The badge in the list: "Level shift" / "Spike" (nothing when not classified). */
export const KIND_LABEL: Record<string, string> = { level_shift: "Level shift", spike: "Spike" };

/** "Level shift: 67.2% → 0.5% since 2026-05-27 17:00 UTC" or "Spike: peak $412.00 against $96.10 expected". */
export function describeKind(a: KindFields): string {
  if (a.incidentKind === "level_shift" && a.levelBefore !== null && a.levelAfter !== null && a.shiftAt) {
    return `Level shift: ${formatMetric(a.metric, a.levelBefore)} → ${formatMetric(a.metric, a.levelAfter)} since ${formatUtcMinute(a.shiftAt)} UTC`;
  }
  if (a.incidentKind === "spike") return `Spike: peak ${formatMetric(a.metric, a.peakValue)} against ${formatMetric(a.metric, a.peakExpected)} expected, no sustained shift`;
  return "";
}

/** "Outlying teams: search, platform" (nothing when none or not computed). */
export function describeOutliers(o: { dimension: string; values: string[] } | null): string {
  if (!o || o.values.length === 0) return "";
  return `Outlying ${o.dimension === "customer" ? "customers" : `${o.dimension}s`}: ${o.values.join(", ")}`;
}
