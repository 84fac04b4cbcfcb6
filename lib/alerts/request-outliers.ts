import Decimal from "decimal.js";
import { BASELINE_DAYS, baselineOf, scoreRequest, type CostHistogram } from "@/lib/anomaly/request-outliers";
import { SENSITIVITY_THRESHOLDS, type Sensitivity } from "@/lib/anomaly/sensitivity";
import type { TeamScope } from "@/lib/auth/roles";
import { chQuery } from "@/lib/clickhouse/client";
import { scopeParams } from "@/lib/clickhouse/fragments";
import { costlyRequestsQuery, requestCostHistogramQuery, type CostlyRequestRow } from "@/lib/clickhouse/queries/request-costs";

/**
 * The costly-request rule: single logical requests far above their feature's usual cost (the scoring is
 * lib/anomaly/request-outliers.ts). Requests cheaper than the rule's minimum impact are never fetched: one
 * request must matter on its own. Flagged requests of a feature in consecutive hours are one incident.
 */
const H = 3_600_000;
const DAY = 86_400_000;
const sqlTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type FlaggedRequest = CostlyRequestRow & { atMs: number; score: number; expectedUsd: number };
export type RequestIncident = { feature: string; team: string; startMs: number; endMs: number; requests: FlaggedRequest[]; impact: Decimal; peak: FlaggedRequest };

/** Costly requests of [from, to) scored against each one's 14-day baseline (feature "" = every feature). */
export async function flaggedRequests(p: { feature: string; from: number; to: number; sensitivity: Sensitivity; minCostUsd: string; minVolume: number; scope: TeamScope; limit?: number }): Promise<FlaggedRequest[]> {
  const base = { feature: p.feature, ...scopeParams(p.scope) };
  const firstDay = Math.floor(p.from / DAY) * DAY;
  const [hist, costly] = await Promise.all([
    chQuery(requestCostHistogramQuery, { ...base, from: sqlTime(firstDay - BASELINE_DAYS * DAY), to: sqlTime(p.to) }),
    chQuery(costlyRequestsQuery, { ...base, from: sqlTime(p.from), to: sqlTime(p.to), min_cost: p.minCostUsd, limit: p.limit ?? 500 }),
  ]);
  const byFeatureDay = new Map<string, CostHistogram>();
  for (const r of hist) {
    const key = `${r.feature}|${r.day}`;
    const h = byFeatureDay.get(key) ?? new Map<number, number>();
    h.set(r.bin, r.n);
    byFeatureDay.set(key, h);
  }
  const threshold = SENSITIVITY_THRESHOLDS[p.sensitivity];
  // A baseline needs enough requests: the rule's minimum volume, and never fewer than 30.
  const minRequests = Math.max(30, p.minVolume);
  const out: FlaggedRequest[] = [];
  for (const r of costly) {
    const atMs = Date.parse(`${r.at.replace(" ", "T")}Z`);
    const day = Math.floor(atMs / DAY) * DAY;
    const days = Array.from({ length: BASELINE_DAYS }, (_, i) => byFeatureDay.get(`${r.feature}|${isoDay(day - (i + 1) * DAY)}`));
    const b = baselineOf(days, minRequests);
    if (!b) continue;
    const v = scoreRequest(Number(r.cost_usd), b, threshold);
    if (v.flagged) out.push({ ...r, atMs, score: v.score, expectedUsd: v.expectedUsd });
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}

/** Flagged requests → incidents per feature: hours with flagged requests, consecutive hours merged. */
export function requestIncidents(flagged: FlaggedRequest[]): RequestIncident[] {
  const byFeature = new Map<string, FlaggedRequest[]>();
  for (const r of flagged) byFeature.set(r.feature, [...(byFeature.get(r.feature) ?? []), r]);
  const out: RequestIncident[] = [];
  for (const [feature, list] of byFeature) {
    let cur: RequestIncident | null = null;
    for (const r of list) {
      const hour = Math.floor(r.atMs / H) * H;
      const excess = Decimal.max(0, new Decimal(r.cost_usd).minus(new Decimal(r.expectedUsd.toFixed(9))));
      if (cur && hour <= cur.endMs) {
        cur.endMs = hour + H;
        cur.requests.push(r);
        cur.impact = cur.impact.plus(excess);
        if (r.score > cur.peak.score) cur.peak = r;
      } else {
        cur = { feature, team: r.team, startMs: hour, endMs: hour + H, requests: [r], impact: excess, peak: r };
        out.push(cur);
      }
    }
  }
  return out;
}
