import { seasonalNaive, seasonsFor } from "./candidates";
import { forecast, type Frequency } from "./forecast";

/**
 * Out-of-sample accuracy of `forecast` on one series by rolling origin: at each evaluation origin the
 * forecaster sees only the past (its own backtest included) and is scored on the next `h` points against
 * the seasonal naive. MASE is scaled by the in-sample seasonal-naive MAE of the training part.
 */
export type SeriesAccuracy = {
  name: string;
  frequency: Frequency;
  h: number;
  origins: number;
  models: string[];
  mase: number;
  mase_seasonal_naive: number;
  smape: number;
  smape_seasonal_naive: number;
  coverage80: number;
  coverage95: number;
  points: number;
  /** Mean wall time of one `forecast` call (its own backtest and refit included), in milliseconds. */
  ms_per_forecast: number;
};

/** `skip` leaves out the last `skip` windows (an earlier held-out period, e.g. to check choices made on the latest one). */
export function evaluateSeries(name: string, values: readonly number[], frequency: Frequency, opts: { h: number; origins: number; skip?: number }): SeriesAccuracy {
  const season = seasonsFor(frequency)[0];
  let mase = 0, maseNaive = 0, smape = 0, smapeNaive = 0, in80 = 0, in95 = 0, points = 0;
  const models: string[] = [];
  let used = 0;
  let ms = 0;
  for (let k = opts.origins - 1; k >= 0; k--) {
    const o = values.length - opts.h * (k + 1 + (opts.skip ?? 0));
    if (o < 2 * season + 2) continue;
    const train = values.slice(0, o);
    const actual = values.slice(o, o + opts.h);
    const t0 = performance.now();
    const f = forecast({ values: train, frequency }, opts.h);
    ms += performance.now() - t0;
    const naive = seasonalNaive(train, opts.h, season);
    let scale = 0;
    for (let i = season; i < train.length; i++) scale += Math.abs(train[i] - train[i - season]);
    scale = scale / (train.length - season) || 1;
    let ae = 0, aeN = 0;
    actual.forEach((a, j) => {
      ae += Math.abs(a - f.point[j]);
      aeN += Math.abs(a - naive[j]);
      smape += sm(a, f.point[j]);
      smapeNaive += sm(a, naive[j]);
      if (a >= f.lower80[j] && a <= f.upper80[j]) in80++;
      if (a >= f.lower95[j] && a <= f.upper95[j]) in95++;
      points++;
    });
    mase += ae / opts.h / scale;
    maseNaive += aeN / opts.h / scale;
    models.push(f.model);
    used++;
  }
  return {
    name,
    frequency,
    h: opts.h,
    origins: used,
    models,
    mase: mase / used,
    mase_seasonal_naive: maseNaive / used,
    smape: smape / points,
    smape_seasonal_naive: smapeNaive / points,
    coverage80: in80 / points,
    coverage95: in95 / points,
    points,
    ms_per_forecast: used ? ms / used : 0,
  };
}

function sm(a: number, f: number): number {
  const d = Math.abs(a) + Math.abs(f);
  return d === 0 ? 0 : (2 * Math.abs(a - f)) / d;
}
