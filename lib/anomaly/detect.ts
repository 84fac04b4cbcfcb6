import { mstlModel } from "./augurs";
import { SENSITIVITY_THRESHOLDS } from "./sensitivity";

/**
 * Causal anomaly detection on one regular series.
 *
 * The series is cut into blocks (a week of hours, a week of days…). For each block, an MSTL model (augurs:
 * LOESS seasonal components for each period, AutoETS trend) is fitted on the `trainLength` points BEFORE the
 * block and forecasts the block; a point's residual is value − forecast, its score the residual over a
 * robust scale: 1.4826 × the median absolute deviation of the in-sample residuals of that fit. So whether a
 * point is flagged depends only on points before its block plus itself: appending later points can never
 * change an earlier flag (tests/unit/anomaly-detect.test.ts proves it).
 *
 * Robust to past anomalies: the scale is a MAD (a past spike barely moves it), and points flagged earlier are
 * clipped to the edge of their band before they train the next fit, so an incident does not teach the model that
 * incidents are normal. A flagged run longer than `acceptAfter` points is a new level, not an incident: it is
 * kept in training so the baseline follows it.
 */
export type Direction = "up" | "down" | "both";

export type DetectOptions = {
  /** Seasonal periods in points (e.g. [24, 168] for hourly data); periods with too few cycles are dropped. */
  periods: number[];
  /** |score| at or above which a point is flagged. */
  threshold: number;
  direction: Direction;
  /** Points each fit forecasts (refit cadence). */
  blockLength: number;
  /** Points of history each fit sees (the most recent ones). */
  trainLength: number;
  /** Fewer usable history points than this: no verdict (short history stays quiet). */
  minHistory: number;
  /** Flagged runs longer than this are accepted as a new level in later training. */
  acceptAfter: number;
  /** Only score points at or after this index (earlier ones still train). */
  scoreFrom?: number;
  /** Per-point volume (requests, tokens…); points below `minVolume` are neither scored nor trained on. */
  volume?: (number | null)[];
  minVolume?: number;
  /**
   * Memo of fits by (block start, training data): an hourly evaluation re-scores the same weeks every hour,
   * and a fit is a pure function of its training points, so it is reused while they are unchanged.
   */
  fitCache?: Map<string, Fit>;
  /**
   * Lift the scale to the 99th percentile of past seasonal differences (read as 2.576 σ): for arbitrary series
   * (the CLI) whose normal has heavy tails. Off for alert rules, whose gates (volume, dollar impact) already
   * keep routine spikes quiet and whose sustained incidents the wider band would hide.
   */
  heavyTails?: boolean;
  /** Points below `minVolume` still train the baseline (sums such as spend: a quiet hour's $0.02 is real), but get no verdict. */
  trainOnThin?: boolean;
  /**
   * Novelty gate (for arbitrary series: the CLI). A residual over the threshold is common in noisy, spiky
   * series; what operators call an incident is also a value the series has not shown lately. With this set, a
   * point is flagged when its |score| reaches `threshold × scoreShare` AND its value lies beyond every value of
   * the previous `lookback` points on the side of its score (or its residual beyond 1.5× every residual scored
   * in them: a spike in a quiet hour of a seasonal series; this needs `memory` scored points in the lookback,
   * else a residual is "novel" only because little has been scored yet), or when it and the `bigRun − 1`
   * points before it all reach `threshold × bigShare` (a large, persistent departure needs no novelty; one or
   * two large points that the series has shown before are its normal spikes). Causal: only earlier points.
   */
  novelty?: { lookback: number; scoreShare: number; bigShare: number; bigRun?: number; memory?: number };
};

export type PointVerdict = { index: number; value: number; expected: number; lower: number; upper: number; score: number; flagged: boolean };

export { SENSITIVITY_THRESHOLDS, type Sensitivity } from "./sensitivity";

/** Defaults for a series of `stepMs` (hourly, daily, or anything regular). */
export function defaultOptions(stepMs: number, threshold: number = SENSITIVITY_THRESHOLDS.medium, direction: Direction = "up"): DetectOptions {
  const day = Math.round(86_400_000 / stepMs);
  const week = day * 7;
  const candidates = [day, week].filter((p) => p >= 2 && Number.isInteger(86_400_000 / stepMs));
  if (stepMs >= 86_400_000) {
    // Daily or coarser: the weekly cycle only; eight weeks of training, refit weekly.
    const wk = Math.round((7 * 86_400_000) / stepMs);
    return { periods: wk >= 2 ? [wk] : [], threshold, direction, blockLength: Math.max(1, wk), trainLength: 8 * Math.max(wk, 1), minHistory: 3 * Math.max(wk, 2), acceptAfter: Math.max(wk, 3) };
  }
  // Sub-daily: three weeks of training when affordable (MSTL cost grows with length), at most ~1,000 points.
  // Two weeks for hourly data: the least that holds two weekly cycles, and MSTL's cost grows with length.
  const trainLength = Math.min(2 * week, Math.max(1000, 3 * day));
  const periods = candidates.filter((p) => 2 * p <= trainLength);
  // Two full cycles of the longest period before any verdict: without them a weekend looks like an outage
  // and a Monday like an incident. One refit per longest cycle keeps a 90-day backfill affordable.
  const longest = Math.max(24, ...periods);
  return { periods, threshold, direction, blockLength: longest, trainLength, minHistory: Math.min(2 * longest, trainLength), acceptAfter: 3 * day };
}

const MAD_TO_SIGMA = 1.4826;

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function quantile(xs: number[], q: number): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : 0;
}

/** Missing training points (NaN) take the value one period earlier, else the last known, else the median. */
function fillGaps(xs: number[], period: number): number[] {
  const known = xs.filter((x) => Number.isFinite(x));
  const med = median(known);
  const out = [...xs];
  for (let i = 0; i < out.length; i++) {
    if (Number.isFinite(out[i])) continue;
    if (period && i >= period && Number.isFinite(out[i - period])) out[i] = out[i - period];
    else if (i > 0 && Number.isFinite(out[i - 1])) out[i] = out[i - 1];
    else out[i] = med;
  }
  return out;
}

/** Min and max of the known values among the `lookback` points before each index (monotonic deques, O(n)). */
function rollingRange(xs: number[], lookback: number): { min: number[]; max: number[] } {
  const min = Array<number>(xs.length).fill(Infinity);
  const max = Array<number>(xs.length).fill(-Infinity);
  const lo: number[] = [];
  const hi: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    while (lo.length && lo[0] < i - lookback) lo.shift();
    while (hi.length && hi[0] < i - lookback) hi.shift();
    if (lo.length) min[i] = xs[lo[0]];
    if (hi.length) max[i] = xs[hi[0]];
    if (!Number.isFinite(xs[i])) continue;
    while (lo.length && xs[lo[lo.length - 1]] >= xs[i]) lo.pop();
    lo.push(i);
    while (hi.length && xs[hi[hi.length - 1]] <= xs[i]) hi.pop();
    hi.push(i);
  }
  return { min, max };
}

export type Fit = { forecast: number[]; scale: number };

/** One MSTL fit on `train`, forecasting `h` points; a flat median model when the history is too short for any period. */
function fitBlock(train: number[], periods: number[], h: number, heavyTails: boolean): Fit {
  const usable = periods.filter((p) => train.length >= 2 * p);
  const level = median(train);
  // A floor on the scale: a perfectly regular series must not give infinite scores to a rounding change.
  // Sparse, bursty series (an agent that runs a few times a day) have a MAD near 0: a tenth of the mean
  // absolute value keeps each burst from looking like an incident.
  const meanAbs = train.reduce((a, x) => a + Math.abs(x), 0) / Math.max(1, train.length);
  const floor = Math.max(1e-9, 0.01 * Math.abs(level), 0.1 * meanAbs);
  const allSame = train.every((x) => x === train[0]);
  if (!usable.length || allSame) {
    const mad = median(train.map((x) => Math.abs(x - level)));
    return { forecast: Array(h).fill(level), scale: Math.max(floor, MAD_TO_SIGMA * mad) };
  }
  const model = mstlModel(usable);
  try {
    model.fit(train);
    const forecast = model.predict(h).point;
    const fitted = model.predictInSample().point;
    const residuals = train.map((x, i) => x - fitted[i]).filter((r) => Number.isFinite(r));
    const med = median(residuals);
    const mad = median(residuals.map((r) => Math.abs(r - med)));
    // In-sample residuals flatter the model (it saw those points). The spread of seasonal differences
    // (y_t − y_{t−p}, divided by √2) is an out-of-sample yardstick; the larger of the two is the scale.
    const p = Math.max(...usable);
    const diffs = train.slice(p).map((x, i) => x - train[i]);
    const dmed = median(diffs);
    const dmad = median(diffs.map((d) => Math.abs(d - dmed))) / Math.SQRT2;
    // Heavy tails: routine spikes that a MAD ignores would each become an alert. The 99th percentile of the
    // seasonal differences, read as a normal's (2.576 σ), lifts the scale of series whose normal has them.
    const tail = heavyTails ? quantile(diffs.map((d) => Math.abs(d - dmed) / Math.SQRT2), 0.99) / 2.576 : 0;
    return { forecast, scale: Math.max(floor, MAD_TO_SIGMA * mad, MAD_TO_SIGMA * dmad, tail) };
  } finally {
    model.free();
  }
}

/**
 * Scores every point from `scoreFrom` on (null where there is no verdict: short history, too little volume,
 * missing value). `values` may hold NaN for missing points.
 */
export function detect(values: number[], opts: DetectOptions): (PointVerdict | null)[] {
  const n = values.length;
  const out: (PointVerdict | null)[] = Array(n).fill(null);
  const usableAt = (i: number) => Number.isFinite(values[i]) && (opts.minVolume === undefined || !opts.volume || (opts.volume[i] ?? 0) >= opts.minVolume);
  // What later fits train on: the value, or its forecast where it was flagged (until the run is accepted).
  const clean = values.map((v, i) => (usableAt(i) || (opts.trainOnThin && Number.isFinite(v)) ? v : NaN));
  const scoreFrom = Math.max(0, opts.scoreFrom ?? 0);
  // Blocks are anchored at index 0 so that a point's block never depends on the series' length.
  const firstBlock = Math.floor(scoreFrom / opts.blockLength) * opts.blockLength;
  let run: number[] = [];
  const novel = opts.novelty ? rollingRange(values, opts.novelty.lookback) : null;
  // Residual novelty, for seasonal series: a spike in a quiet hour is novel against that hour's baseline even
  // when busier hours reach higher values. Deque of recent scored points by |residual| (causal: pushed after use).
  const residAt: number[] = [];
  const residQ: number[] = [];
  // Scored points, oldest first, for the residual memory's size (`scoredHead` skips those out of the lookback).
  const scored: number[] = [];
  let scoredHead = 0;
  let bigRun = 0;
  for (let start = firstBlock; start < n; start += opts.blockLength) {
    const end = Math.min(n, start + opts.blockLength);
    const from = Math.max(0, start - opts.trainLength);
    // History starts at the first known point: leading gaps (before the series began) are not data.
    const raw = clean.slice(from, start);
    const firstKnown = raw.findIndex((x) => Number.isFinite(x));
    const history = firstKnown < 0 ? [] : raw.slice(firstKnown);
    const known = history.filter((x) => Number.isFinite(x)).length;
    // Enough history means its span (gaps in it are filled); a series mostly below the volume floor
    // (a quarter known or less) has no reliable baseline.
    if (history.length < opts.minHistory || known < Math.max(8, opts.minHistory / 4)) continue;
    const filled = fillGaps(history, opts.periods[0] ?? 0);
    const key = opts.fitCache ? `${start}|${opts.periods.join(",")}|${opts.blockLength}|${opts.heavyTails ? 1 : 0}|${filled.join(",")}` : "";
    let fit = opts.fitCache?.get(key);
    if (!fit) {
      fit = fitBlock(filled, opts.periods, opts.blockLength, opts.heavyTails ?? false);
      if (opts.fitCache) {
        if (opts.fitCache.size > 20_000) opts.fitCache.clear();
        opts.fitCache.set(key, fit);
      }
    }
    for (let i = start; i < end; i++) {
      if (i < scoreFrom || !usableAt(i)) {
        run = [];
        bigRun = 0;
        continue;
      }
      const expected = fit.forecast[i - start];
      const score = (values[i] - expected) / fit.scale;
      const signed = opts.direction === "up" ? score : opts.direction === "down" ? -score : Math.abs(score);
      let flagged = signed >= opts.threshold;
      if (opts.novelty && novel) {
        while (residQ.length && residQ[0] < i - opts.novelty.lookback) residQ.shift();
        while (scoredHead < scored.length && scored[scoredHead] < i - opts.novelty.lookback) scoredHead++;
        const resid = Math.abs(values[i] - expected);
        const memory = scored.length - scoredHead >= (opts.novelty.memory ?? 0);
        const beyond = (score > 0 ? values[i] > novel.max[i] : values[i] < novel.min[i]) || (memory && residQ.length > 0 && resid > 1.5 * residAt[residQ[0]]);
        residAt[i] = resid;
        while (residQ.length && residAt[residQ[residQ.length - 1]] <= resid) residQ.pop();
        residQ.push(i);
        scored.push(i);
        const big = opts.threshold * opts.novelty.bigShare;
        bigRun = signed >= big ? bigRun + 1 : 0;
        flagged = (signed >= opts.threshold * opts.novelty.scoreShare && beyond) || bigRun >= (opts.novelty.bigRun ?? 2);
      }
      const band = opts.threshold * fit.scale;
      out[i] = { index: i, value: values[i], expected, lower: expected - band, upper: expected + band, score, flagged };
      if (flagged) {
        run.push(i);
        // Clipped to the band's edge, not replaced by the forecast: replacing teaches the model that busy
        // hours are quiet, and a bursty series then flags every busy hour after its first flag.
        clean[i] = Math.min(Math.max(values[i], expected - band), expected + band);
        // A long run is a new level: put its real values back so the next fits learn it.
        if (run.length > opts.acceptAfter) for (const j of run) clean[j] = values[j];
      } else {
        run = [];
      }
    }
  }
  return out;
}
