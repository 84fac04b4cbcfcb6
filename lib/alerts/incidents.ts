import Decimal from "decimal.js";
import type { PointVerdict } from "@/lib/anomaly/detect";

/**
 * Flagged points → incidents. Consecutive flagged buckets (a gap of at most `maxGap` quiet buckets) are one
 * incident: a retry storm that lasts five hours is one alert, not five.
 */
export type Incident = { startIndex: number; endIndex: number; points: number; peak: PointVerdict; impact: Decimal };

export function groupIncidents(verdicts: (PointVerdict | null)[], impactOf: (v: PointVerdict) => Decimal, maxGap = 1): Incident[] {
  const out: Incident[] = [];
  let cur: Incident | null = null;
  for (const v of verdicts) {
    if (!v?.flagged) continue;
    if (cur && v.index - cur.endIndex <= maxGap + 1) {
      cur.endIndex = v.index;
      cur.points++;
      cur.impact = cur.impact.plus(impactOf(v));
      if (Math.abs(v.score) > Math.abs(cur.peak.score)) cur.peak = v;
    } else {
      cur = { startIndex: v.index, endIndex: v.index, points: 1, peak: v, impact: impactOf(v) };
      out.push(cur);
    }
  }
  return out;
}
