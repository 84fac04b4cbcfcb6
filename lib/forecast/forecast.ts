import { planBacktest, runBacktest, type BacktestPlan, type CandidateScore } from "./backtest";
import { candidatesFor, seasonsFor, type Candidate } from "./candidates";
import { cumulativeErrors, halfWidths } from "./conformal";
import { chooseEnsemble, type Strategy } from "./ensemble";

/**
 * Forecasting as a pure function: a regular series (hourly or daily) in, `horizon` steps out, with point
 * forecasts and 80 % and 95 % intervals, per step and for the running total (what a budget needs: spend to
 * period end). Candidates (lib/forecast/candidates.ts: seasonal naive and seasonal mean, recent mean, Theta,
 * AutoETS and MSTL+AutoETS from augurs, MSTL on logs for positive series) are scored by a rolling-origin
 * backtest on the history alone; the forecast is the inverse-error weighted mean of the best few, and the
 * intervals are the conformal quantiles of that combination's own backtest errors per horizon step, so their
 * coverage is measured, not assumed.
 * Prophet (@bsull/augurs-prophet-wasmstan) runs in Node offline, but is not a candidate: on the bench's held-out
 * windows it alone was 2.4 % worse than the seasonal naive (bench/forecast-prophet.ts) at ~0.3 s per fit (1.6 s
 * for 8 weeks of hours), so backtesting it would take seconds per series for no gain, and its optimizer only
 * loads asynchronously (top-level await), while this function is synchronous.
 */
export type Frequency = "hourly" | "daily";
export type Band = { point: number[]; lower80: number[]; upper80: number[]; lower95: number[]; upper95: number[] };
export type ForecastInput = { values: readonly number[]; frequency: Frequency; season?: number; nonNegative?: boolean };
export type ForecastResult = Band & {
  model: string;
  /** The running total of the forecast from the first future step: Σ point, with its own calibrated interval. */
  cumulative: Band;
  /** Backtest mean absolute error per candidate, the chosen combination first (empty for the short-history fallback). */
  backtest: { model: string; mae: number }[];
  note?: string;
};

const Z80 = 1.2816;
const Z95 = 1.96;
export const DEFAULT_STRATEGY: Strategy = "top3_inverse";

/** The backtest behind a forecast: plan, candidates and their scores (exported for the benchmark and tests). */
export function backtestFor(y: readonly number[], frequency: Frequency, horizon: number, season?: number): { plan: BacktestPlan; candidates: Candidate[]; scores: CandidateScore[] } | null {
  const seasons = seasonsFor(frequency, season);
  const hourly = frequency === "hourly";
  const plan = planBacktest(y.length, horizon, {
    maxOrigins: hourly ? 5 : 6,
    minTrain: Math.max(8, 2 * Math.min(...seasons) + 2),
    maxH: hourly ? 168 : 35,
    stride: hourly ? 24 : 7,
  });
  if (!plan) return null;
  const candidates = candidatesFor(seasons, { positive: y.length > 0 && y.every((v) => v > 0) });
  return { plan, candidates, scores: runBacktest(y, candidates, plan) };
}

export function forecast(input: ForecastInput, horizon: number, strategy: Strategy = DEFAULT_STRATEGY): ForecastResult {
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError("horizon must be a positive integer");
  const y = input.values.map((v) => (Number.isFinite(v) ? v : 0));
  const nonNegative = input.nonNegative ?? y.every((v) => v >= 0);
  const bt = backtestFor(y, input.frequency, horizon, input.season);
  if (!bt) return fallback(y, horizon, nonNegative, "history too short for a backtest: recent mean with wide intervals");
  if (bt.scores.length === 0) return fallback(y, horizon, nonNegative, "no model could be fitted");
  const chosen = chooseEnsemble(bt.scores, y, bt.plan, strategy);
  const fits = chosen.members.map((name) => bt.candidates.find((c) => c.name === name)!.predict(y, horizon));
  const total = chosen.weights.reduce((a, b) => a + b, 0);
  const point = fits[0].map((_, j) => fits.reduce((s, f, i) => s + chosen.weights[i] * f[j], 0) / total);
  return finish(point, chosen.score, horizon, nonNegative, [chosen.score, ...[...bt.scores].sort((a, b) => a.mae - b.mae)]);
}

/** Point forecasts + the chosen model's backtest errors → the result with conformal bands (exported for the bench). */
export function finish(point: number[], chosen: CandidateScore, horizon: number, nonNegative: boolean, ranked: CandidateScore[]): ForecastResult {
  const clamp = (v: number) => (nonNegative ? Math.max(0, v) : v);
  const w80 = halfWidths(chosen.errors, horizon, 0.8);
  const w95 = halfWidths(chosen.errors, horizon, 0.95);
  const cumErr = cumulativeErrors(chosen.errors);
  const c80 = halfWidths(cumErr, horizon, 0.8);
  const c95 = halfWidths(cumErr, horizon, 0.95);
  const p = point.map(clamp);
  let run = 0;
  const cum = p.map((v) => (run += v));
  return {
    model: chosen.name,
    ...band(p, w80, w95, clamp),
    cumulative: band(cum, c80, c95, clamp),
    backtest: ranked.map((s) => ({ model: s.name, mae: s.mae })),
  };
}

function band(point: number[], w80: number[], w95: number[], clamp: (v: number) => number): Band {
  return {
    point,
    lower80: point.map((p, j) => clamp(p - w80[j])),
    upper80: point.map((p, j) => p + w80[j]),
    lower95: point.map((p, j) => clamp(p - Math.max(w95[j], w80[j]))),
    upper95: point.map((p, j) => p + Math.max(w95[j], w80[j])),
  };
}

/**
 * Too little history to backtest: the mean of the last (up to) seven points, with Gaussian intervals on the
 * history's spread doubled (we have not measured our error, so we say so with width). The running total's
 * interval grows linearly (a wrong level is wrong every day), not with √j.
 */
function fallback(y: readonly number[], h: number, nonNegative: boolean, note: string): ForecastResult {
  const tail = y.slice(-7);
  const mean = tail.length ? tail.reduce((a, b) => a + b, 0) / tail.length : 0;
  const sd = y.length > 1 ? Math.sqrt(y.reduce((s, v) => s + (v - mean) ** 2, 0) / (y.length - 1)) : 0;
  const spread = 2 * Math.max(sd, Math.abs(mean) * 0.5);
  const clamp = (v: number) => (nonNegative ? Math.max(0, v) : v);
  const point = Array(h).fill(clamp(mean));
  const steps = point.map((_, j) => j + 1);
  return {
    model: "fallback_mean",
    ...band(point, steps.map(() => Z80 * spread), steps.map(() => Z95 * spread), clamp),
    cumulative: band(steps.map((j) => point[0] * j), steps.map((j) => Z80 * spread * j), steps.map((j) => Z95 * spread * j), clamp),
    backtest: [],
    note,
  };
}
