/**
 * Cheap models written out here because augurs has no equivalent: seasonal naive, the seasonal mean of the
 * last few cycles, and a Theta-like model (simple exponential smoothing with half the linear drift on the
 * seasonally adjusted series, the M3 winner). They cost microseconds, so the backtest can afford them at
 * every origin, and they are what MSTL must beat on short, noisy or shifting series.
 */

/** ŷ(n+j) = y(n − s + j mod s): the benchmark every other model must beat. Plain naive when s = 1. */
export function seasonalNaive(y: readonly number[], h: number, season: number): number[] {
  const s = Math.max(1, Math.min(season, y.length));
  const n = y.length;
  return Array.from({ length: h }, (_, j) => y[n - s + (j % s)]);
}

/**
 * The mean, at each phase, of the last `cycles` seasons: the seasonal naive with its noise averaged out.
 * Uses as many full cycles as the history has (at least one).
 */
export function seasonalMean(y: readonly number[], h: number, season: number, cycles: number): number[] {
  const s = Math.max(1, Math.min(season, y.length));
  const k = Math.max(1, Math.min(cycles, Math.floor(y.length / s)));
  const n = y.length;
  return Array.from({ length: h }, (_, j) => {
    let sum = 0;
    for (let c = 1; c <= k; c++) sum += y[n - c * s + (j % s)];
    return sum / k;
  });
}

/** Flat at the mean of the last `window` points: steady after a level shift once a window has passed. */
export function recentMean(y: readonly number[], h: number, window: number): number[] {
  const tail = y.slice(-Math.max(1, Math.min(window, y.length)));
  const m = tail.reduce((a, b) => a + b, 0) / tail.length;
  return Array(h).fill(m);
}

/**
 * Additive seasonal indices at period s from the last `cycles` cycles, as in classical decomposition: the
 * series minus its centred moving average (2×s for even s, so a trend does not leak into the indices), then
 * each phase's mean, centred to sum to zero. Index i belongs to positions t with t mod s = i (positions counted
 * from 0 at the start of the array given).
 */
export function seasonalIndices(y: readonly number[], season: number, cycles: number): number[] {
  const n = y.length;
  const half = Math.floor(season / 2);
  const from = Math.max(half, n - half - cycles * season);
  const to = n - half; // exclusive: the last position with a full centred window
  if (season <= 1 || to - from < 2 * season) return Array(Math.max(1, season)).fill(0);
  const sums = Array<number>(season).fill(0);
  const counts = Array<number>(season).fill(0);
  for (let t = from; t < to; t++) {
    let ma = 0;
    if (season % 2 === 1) {
      for (let i = t - half; i <= t + half; i++) ma += y[i];
      ma /= season;
    } else {
      for (let i = t - half + 1; i < t + half; i++) ma += y[i];
      ma = (ma + 0.5 * y[t - half] + 0.5 * y[t + half]) / season;
    }
    sums[t % season] += y[t] - ma;
    counts[t % season]++;
  }
  const idx = sums.map((v, i) => v / Math.max(1, counts[i]));
  const mean = idx.reduce((a, b) => a + b, 0) / season;
  return idx.map((v) => v - mean);
}

/**
 * Theta-like forecast: remove additive seasonal indices (period `season`, from the last `cycles` cycles),
 * smooth the adjusted series with SES (α chosen on one-step squared errors over a grid), extrapolate the level
 * flat plus half the slope of a least-squares line through the adjusted series (the θ = 0 line's drift, as
 * in Assimakopoulos & Nikolopoulos 2000), then add the indices back.
 */
export function theta(y: readonly number[], h: number, season: number, cycles: number): number[] {
  const n = y.length;
  const idx = seasonalIndices(y, season, cycles);
  const s = idx.length;
  const adj = y.map((v, t) => v - idx[t % s]);
  let best = { sse: Infinity, level: adj[0] };
  for (const alpha of [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9]) {
    let level = adj[0];
    let sse = 0;
    for (let t = 1; t < n; t++) {
      const e = adj[t] - level;
      sse += e * e;
      level += alpha * e;
    }
    if (sse < best.sse) best = { sse, level };
  }
  // Least-squares slope of adj on t.
  const tm = (n - 1) / 2;
  const ym = adj.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let t = 0; t < n; t++) (num += (t - tm) * (adj[t] - ym)), (den += (t - tm) ** 2);
  const drift = den > 0 ? num / den / 2 : 0;
  return Array.from({ length: h }, (_, j) => best.level + drift * (j + 1) + idx[(n + j) % s]);
}
