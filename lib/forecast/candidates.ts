import { etsPoints, mstlPoints } from "./augurs";
import { recentMean, seasonalMean, seasonalNaive, theta } from "./simple-models";

export { seasonalNaive } from "./simple-models";

/**
 * The candidate models the backtest chooses among. Each maps a history to `h` point forecasts and throws
 * when it cannot fit (too short, non-finite output); the caller then drops it for that series. Each model
 * sees at most its own recent window (`window` points): older history costs fitting time and, after a level
 * shift, only drags the fit towards a level that is gone.
 */
export type Candidate = { name: string; minHistory: number; predict: (y: readonly number[], h: number) => number[] };

function finite(points: number[], h: number): number[] {
  if (points.length !== h || points.some((p) => !Number.isFinite(p))) throw new Error("non-finite forecast");
  return points;
}

/** Seasons for a series: hourly → daily (24) and weekly (168); daily → weekly (7); or the caller's season. */
export function seasonsFor(frequency: "hourly" | "daily", season?: number): number[] {
  if (season && season > 1) return [season];
  return frequency === "hourly" ? [24, 168] : [7];
}

/**
 * MSTL on log(y + c) for positive, bursty series (multiplicative seasonality, as in request or spend counts,
 * becomes additive): c is 5 % of the median so zeros stay finite; the back-transformed point is the median.
 */
function mstlLog(y: readonly number[], periods: readonly number[], h: number): number[] {
  const sorted = [...y].sort((a, b) => a - b);
  const c = Math.max(1e-6, 0.05 * sorted[Math.floor(sorted.length / 2)]);
  const z = y.map((v) => Math.log(v + c));
  return mstlPoints(z, periods, h).map((v) => Math.exp(v) - c);
}

export function candidatesFor(seasons: readonly number[], opts: { positive: boolean } = { positive: false }): Candidate[] {
  const main = seasons[0];
  const longest = Math.max(...seasons);
  // Enough history for MSTL's slowest period (four cycles), no more: 4 weeks of hours, 8 weeks of days.
  const mstlWindow = Math.max(4 * longest, 8 * main, 56);
  const tail = (y: readonly number[], w: number) => (y.length > w ? y.slice(-w) : y);
  const list: Candidate[] = [
    { name: "seasonal_naive", minHistory: 1, predict: (y, h) => seasonalNaive(y, h, main) },
    { name: "seasonal_mean", minHistory: 2 * main, predict: (y, h) => seasonalMean(y, h, main, 4) },
    { name: "recent_mean", minHistory: 1, predict: (y, h) => recentMean(y, h, main) },
    { name: "theta", minHistory: 2 * main + 2, predict: (y, h) => finite(theta(tail(y, 8 * longest), h, main, 8), h) },
    { name: "ets", minHistory: 8, predict: (y, h) => finite(etsPoints(tail(y, Math.max(4 * main, 56)), h), h) },
  ];
  if (longest > main) {
    list.push({ name: `seasonal_naive(${longest})`, minHistory: longest, predict: (y, h) => seasonalNaive(y, h, longest) });
    list.push({ name: `theta(${longest})`, minHistory: 2 * longest + 2, predict: (y, h) => finite(theta(tail(y, 8 * longest), h, longest, 4), h) });
    list.push({ name: `seasonal_mean(${longest})`, minHistory: 2 * longest, predict: (y, h) => seasonalMean(y, h, longest, 3) });
  }
  // MSTL needs two full cycles of a period to estimate it; drop the periods the history cannot support. On
  // positive series it runs on logs (the backtest preferred that on the bench series and one MSTL per set of
  // periods halves the fitting time).
  for (const periods of longest > main ? [seasons, seasons.slice(0, 1)] : [seasons]) {
    const min = 2 * Math.max(...periods) + 2;
    const name = `mstl(${periods.join(",")})+ets`;
    if (opts.positive) list.push({ name: `log ${name}`, minHistory: min, predict: (y, h) => finite(mstlLog(tail(y, mstlWindow), periods, h), h) });
    else list.push({ name, minHistory: min, predict: (y, h) => finite(mstlPoints(tail(y, mstlWindow), periods, h), h) });
  }
  return list;
}
