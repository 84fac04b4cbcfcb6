import { etsPoints, mstlPoints } from "./augurs";

/**
 * The candidate models the backtest chooses among. Each maps a history to `h` point forecasts and throws
 * when it cannot fit (too short, non-finite output); the caller then drops it for that series.
 */
export type Candidate = { name: string; minHistory: number; predict: (y: readonly number[], h: number) => number[] };

/** ŷ(n+j) = y(n − s + j mod s): the benchmark every other model must beat. Plain naive when s = 1. */
export function seasonalNaive(y: readonly number[], h: number, season: number): number[] {
  const s = Math.max(1, Math.min(season, y.length));
  const n = y.length;
  return Array.from({ length: h }, (_, j) => y[n - s + (j % s)]);
}

/** Flat at the mean of the last season: steady after a level shift once a season has passed, robust to noise. */
function recentMean(y: readonly number[], h: number, season: number): number[] {
  const tail = y.slice(-Math.max(1, Math.min(season, y.length)));
  const m = tail.reduce((a, b) => a + b, 0) / tail.length;
  return Array(h).fill(m);
}

function finite(points: number[], h: number): number[] {
  if (points.length !== h || points.some((p) => !Number.isFinite(p))) throw new Error("non-finite forecast");
  return points;
}

/** Seasons for a series: hourly → daily (24) and weekly (168); daily → weekly (7); or the caller's season. */
export function seasonsFor(frequency: "hourly" | "daily", season?: number): number[] {
  if (season && season > 1) return [season];
  return frequency === "hourly" ? [24, 168] : [7];
}

export function candidatesFor(seasons: readonly number[]): Candidate[] {
  const main = seasons[0];
  const list: Candidate[] = [
    { name: "seasonal_naive", minHistory: 1, predict: (y, h) => seasonalNaive(y, h, main) },
    { name: "recent_mean", minHistory: 1, predict: (y, h) => recentMean(y, h, main) },
    { name: "ets", minHistory: 8, predict: (y, h) => finite(etsPoints(y, h), h) },
  ];
  // MSTL needs two full cycles of a period to estimate it; drop the periods the history cannot support.
  for (const periods of [seasons, seasons.slice(0, 1)]) {
    const name = `mstl(${periods.join(",")})+ets`;
    if (list.some((c) => c.name === name)) continue;
    list.push({ name, minHistory: 2 * Math.max(...periods) + 2, predict: (y, h) => finite(mstlPoints(y, periods, h), h) });
  }
  return list;
}
