import { combine, planBacktest, runBacktest, type CandidateScore } from "./backtest";
import { candidatesFor, seasonsFor } from "./candidates";
import { cumulativeErrors, halfWidths } from "./conformal";

/**
 * Forecasting as a pure function: a regular series (hourly or daily) in, `horizon` steps out, with point
 * forecasts and 80 % and 95 % intervals, per step and for the running total (what a budget needs: spend to
 * period end). The model is chosen per series by a rolling-origin backtest among seasonal naive, the recent
 * mean, AutoETS and MSTL+AutoETS (augurs), plus the mean of the two best; intervals are the conformal
 * quantiles of the chosen model's own backtest errors, so their coverage is measured, not assumed.
 * Prophet (@bsull/augurs-prophet-wasmstan) is left out: its optimizer is a WASI component that needs a
 * jco/preview2 shim in Node, and it would add seconds per series to the backtest.
 */
export type Frequency = "hourly" | "daily";
export type Band = { point: number[]; lower80: number[]; upper80: number[]; lower95: number[]; upper95: number[] };
export type ForecastInput = { values: readonly number[]; frequency: Frequency; season?: number; nonNegative?: boolean };
export type ForecastResult = Band & {
  model: string;
  /** The running total of the forecast from the first future step: Σ point, with its own calibrated interval. */
  cumulative: Band;
  /** Backtest mean absolute error per candidate, best first (empty for the short-history fallback). */
  backtest: { model: string; mae: number }[];
  note?: string;
};

const Z80 = 1.2816;
const Z95 = 1.96;

export function forecast(input: ForecastInput, horizon: number): ForecastResult {
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError("horizon must be a positive integer");
  const y = input.values.map((v) => (Number.isFinite(v) ? v : 0));
  const nonNegative = input.nonNegative ?? y.every((v) => v >= 0);
  const seasons = seasonsFor(input.frequency, input.season);
  const hourly = input.frequency === "hourly";
  const plan = planBacktest(y.length, horizon, {
    maxOrigins: hourly ? 4 : 8,
    minTrain: Math.max(8, 2 * Math.min(...seasons) + 2),
    maxH: hourly ? 168 : 35,
  });
  if (!plan) return fallback(y, horizon, nonNegative, "history too short for a backtest: recent mean with wide intervals");
  const scores = runBacktest(y, candidatesFor(seasons), plan).sort((a, b) => a.mae - b.mae);
  if (scores.length === 0) return fallback(y, horizon, nonNegative, "no model could be fitted");
  let best: CandidateScore = scores[0];
  const members = [scores[0].name];
  if (scores.length > 1) {
    const combo = combine(scores[0], scores[1], y, plan);
    if (combo.mae < best.mae) {
      best = combo;
      members.push(scores[1].name);
    }
  }
  const candidates = candidatesFor(seasons);
  const fits = members.map((name) => candidates.find((c) => c.name === name)!.predict(y, horizon));
  const point = fits[0].map((_, j) => fits.reduce((s, f) => s + f[j], 0) / fits.length);
  const clamp = (v: number) => (nonNegative ? Math.max(0, v) : v);
  const w80 = halfWidths(best.errors, horizon, 0.8);
  const w95 = halfWidths(best.errors, horizon, 0.95);
  const cumErr = cumulativeErrors(best.errors);
  const c80 = halfWidths(cumErr, horizon, 0.8);
  const c95 = halfWidths(cumErr, horizon, 0.95);
  const p = point.map(clamp);
  let run = 0;
  const cum = p.map((v) => (run += v));
  return {
    model: best.name,
    ...band(p, w80, w95, clamp),
    cumulative: band(cum, c80, c95, clamp),
    backtest: [best, ...scores.filter((s) => s !== best)].map((s) => ({ model: s.name, mae: s.mae })),
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
