/**
 * Costly single requests: a logical request far above its feature's usual cost. Pure functions; the data
 * (per-day histograms of ln(request cost), and the costly requests themselves) comes from
 * lib/clickhouse/queries/request-costs.ts.
 *
 * The baseline of a request on day d is its feature's requests of the 14 days before d, never d itself or
 * later: whether a request is flagged depends only on earlier data (causal). Its centre is the median of
 * ln(cost) and its scale the interquartile range / 1.349 (a normal's σ), both robust: a few past outliers do
 * not move them. Cost is compared in logs because request costs are roughly log-normal (long contexts, agent
 * steps); a score of 4.5 at σ = 0.7 is a request ~23× its feature's median.
 */
export const BIN_WIDTH = 0.25; // in ln(cost): matches floor(4 · ln cost) in the query
export const BASELINE_DAYS = 14;

/** bin → number of requests. */
export type CostHistogram = Map<number, number>;
export type RequestBaseline = { medianLn: number; scaleLn: number; requests: number };

/** Quantile of a binned distribution (bin centres). */
function binQuantile(sorted: [number, number][], total: number, q: number): number {
  let seen = 0;
  for (const [bin, n] of sorted) {
    seen += n;
    if (seen >= q * total) return (bin + 0.5) * BIN_WIDTH;
  }
  return (sorted[sorted.length - 1][0] + 0.5) * BIN_WIDTH;
}

/** The baseline from the merged histograms of the days before; null with fewer than `minRequests` requests. */
export function baselineOf(days: (CostHistogram | undefined)[], minRequests: number): RequestBaseline | null {
  const merged: CostHistogram = new Map();
  for (const h of days) if (h) for (const [bin, n] of h) merged.set(bin, (merged.get(bin) ?? 0) + n);
  const sorted = [...merged].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((a, [, n]) => a + n, 0);
  if (total < Math.max(1, minRequests)) return null;
  const q1 = binQuantile(sorted, total, 0.25);
  const med = binQuantile(sorted, total, 0.5);
  const q3 = binQuantile(sorted, total, 0.75);
  // Floor: one bin. A feature whose requests all cost the same must not flag a request one bin dearer.
  return { medianLn: med, scaleLn: Math.max(BIN_WIDTH, (q3 - q1) / 1.349), requests: total };
}

export type RequestVerdict = { score: number; expectedUsd: number; flagged: boolean };

export function scoreRequest(costUsd: number, base: RequestBaseline, threshold: number): RequestVerdict {
  const score = costUsd > 0 ? (Math.log(costUsd) - base.medianLn) / base.scaleLn : -Infinity;
  return { score, expectedUsd: Math.exp(base.medianLn), flagged: score >= threshold };
}
