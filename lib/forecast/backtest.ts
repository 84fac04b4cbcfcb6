import type { Candidate } from "./candidates";

/**
 * Rolling-origin backtest: each candidate is fitted on the history up to several origins and scored on
 * the `h` points after each. Errors are kept per origin and step (actual − forecast) for conformal intervals.
 */
export type BacktestPlan = { h: number; origins: number[] };
export type CandidateScore = { name: string; mae: number; errors: number[][]; forecasts: number[][] };

/** Origins (training lengths) for a history of n points: the latest n − h, then earlier ones `stride` apart. */
export function planBacktest(n: number, horizon: number, opts: { maxOrigins: number; minTrain: number; maxH?: number }): BacktestPlan | null {
  const h = Math.min(horizon, opts.maxH ?? horizon, n - opts.minTrain);
  if (h < 1) return null;
  const stride = Math.max(1, Math.ceil(h / 2));
  const origins: number[] = [];
  for (let o = n - h; o >= opts.minTrain && origins.length < opts.maxOrigins; o -= stride) origins.push(o);
  return origins.length ? { h, origins } : null;
}

export function runBacktest(y: readonly number[], candidates: readonly Candidate[], plan: BacktestPlan): CandidateScore[] {
  const scores: CandidateScore[] = [];
  for (const c of candidates) {
    if (plan.origins.some((o) => o < c.minHistory)) continue;
    try {
      const errors: number[][] = [];
      const forecasts: number[][] = [];
      for (const o of plan.origins) {
        const f = c.predict(y.slice(0, o), plan.h);
        forecasts.push(f);
        errors.push(f.map((p, j) => y[o + j] - p));
      }
      scores.push({ name: c.name, mae: meanAbs(errors), errors, forecasts });
    } catch {
      // A model that cannot fit this series (e.g. multiplicative ETS on zeros) is simply not a candidate.
    }
  }
  return scores;
}

/** The equal-weight mean of two candidates, scored on the same origins (combinations won the M4 competition). */
export function combine(a: CandidateScore, b: CandidateScore, y: readonly number[], plan: BacktestPlan): CandidateScore {
  const forecasts = a.forecasts.map((f, k) => f.map((p, j) => (p + b.forecasts[k][j]) / 2));
  const errors = forecasts.map((f, k) => f.map((p, j) => y[plan.origins[k] + j] - p));
  return { name: `mean(${a.name}, ${b.name})`, mae: meanAbs(errors), errors, forecasts };
}

export function meanAbs(errors: readonly (readonly number[])[]): number {
  let s = 0;
  let m = 0;
  for (const e of errors) for (const x of e) (s += Math.abs(x)), m++;
  return m ? s / m : Infinity;
}
