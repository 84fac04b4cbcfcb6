import type { Candidate } from "./candidates";

/**
 * Rolling-origin backtest: each candidate is fitted on the history up to several origins and scored on
 * the `h` points after each. Errors are kept per origin and step (actual − forecast) for conformal intervals.
 */
export type BacktestPlan = { h: number; origins: number[] };
export type CandidateScore = { name: string; mae: number; errors: number[][]; forecasts: number[][] };

/**
 * Origins (training lengths) for a history of n points: the latest n − h, then earlier ones `stride` apart
 * (default h, so the scored windows do not overlap and the errors are closer to independent).
 */
export function planBacktest(n: number, horizon: number, opts: { maxOrigins: number; minTrain: number; maxH?: number; stride?: number }): BacktestPlan | null {
  const h = Math.min(horizon, opts.maxH ?? horizon, n - opts.minTrain);
  if (h < 1) return null;
  const stride = Math.max(1, opts.stride ?? h);
  const origins: number[] = [];
  for (let o = n - h; o >= opts.minTrain && origins.length < opts.maxOrigins; o -= stride) origins.push(o);
  return origins.length ? { h, origins } : null;
}

export function runBacktest(y: readonly number[], candidates: readonly Candidate[], plan: BacktestPlan): CandidateScore[] {
  const scores: CandidateScore[] = [];
  for (const c of candidates) {
    if (plan.origins.some((o) => o < c.minHistory)) continue;
    try {
      const forecasts = plan.origins.map((o) => c.predict(y.slice(0, o), plan.h));
      scores.push(score(c.name, forecasts, y, plan));
    } catch {
      // A model that cannot fit this series (e.g. multiplicative ETS on zeros) is simply not a candidate.
    }
  }
  return scores;
}

export function score(name: string, forecasts: number[][], y: readonly number[], plan: BacktestPlan): CandidateScore {
  const errors = forecasts.map((f, k) => f.map((p, j) => y[plan.origins[k] + j] - p));
  return { name, mae: meanAbs(errors), errors, forecasts };
}

/** A weighted mean of candidates, scored on the same origins (combinations won the M4 competition). */
export function combine(members: readonly CandidateScore[], weights: readonly number[], y: readonly number[], plan: BacktestPlan): CandidateScore {
  const total = weights.reduce((a, b) => a + b, 0);
  const forecasts = members[0].forecasts.map((f, k) => f.map((_, j) => members.reduce((s, m, i) => s + weights[i] * m.forecasts[k][j], 0) / total));
  return score(`mean(${members.map((m) => m.name).join(", ")})`, forecasts, y, plan);
}

export function meanAbs(errors: readonly (readonly number[])[]): number {
  let s = 0;
  let m = 0;
  for (const e of errors) for (const x of e) (s += Math.abs(x)), m++;
  return m ? s / m : Infinity;
}
