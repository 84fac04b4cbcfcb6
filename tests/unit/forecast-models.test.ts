import { describe, expect, it } from "vitest";
import { evaluateSeries } from "@/lib/forecast/accuracy";
import { planBacktest, score } from "@/lib/forecast/backtest";
import { halfWidths } from "@/lib/forecast/conformal";
import { chooseEnsemble } from "@/lib/forecast/ensemble";
import { forecast } from "@/lib/forecast/forecast";
import { seasonalIndices, seasonalMean, seasonalNaive, theta } from "@/lib/forecast/simple-models";

/** Deterministic standard normal noise (an LCG through Box–Muller), the same on every run. */
function gaussian(seed: number): () => number {
  let s = seed;
  const u = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) + 1) / (2 ** 31 + 1);
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

describe("simple models", () => {
  const pattern = [5, 9, 4, 7, 6, 1, 2];
  const periodic = Array.from({ length: 35 }, (_, i) => 100 + pattern[i % 7]);

  it("seasonal naive and seasonal mean repeat a clean season exactly", () => {
    expect(seasonalNaive(periodic, 9, 7)).toEqual(Array.from({ length: 9 }, (_, j) => 100 + pattern[(35 + j) % 7]));
    expect(seasonalMean(periodic, 7, 7, 4)).toEqual(Array.from({ length: 7 }, (_, j) => 100 + pattern[(35 + j) % 7]));
  });

  it("seasonal mean averages the last cycles' noise away", () => {
    const noisy = periodic.map((v, i) => v + (Math.floor(i / 7) % 2 === 0 ? 2 : -2));
    // The last four cycles are +2 (i 28–34, cycle 4), −2, +2, −2: their mean is the clean pattern.
    const f = seasonalMean(noisy, 7, 7, 4);
    f.forEach((v, j) => expect(v).toBeCloseTo(100 + pattern[(35 + j) % 7], 9));
  });

  it("seasonal indices sum to zero and recover the pattern's shape", () => {
    const idx = seasonalIndices(periodic, 7, 4);
    expect(idx.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9);
    const meanP = pattern.reduce((a, b) => a + b, 0) / 7;
    idx.forEach((v, i) => expect(v).toBeCloseTo(pattern[i] - meanP, 9));
  });

  it("theta keeps a flat seasonal series on its pattern and extrapolates a trend forward", () => {
    theta(periodic, 7, 7, 4).forEach((v, j) => expect(v).toBeCloseTo(100 + pattern[(35 + j) % 7], 6));
    const trend = Array.from({ length: 60 }, (_, i) => 10 + i);
    const f = theta(trend, 5, 7, 4);
    // SES sits near the last value (69), plus half the slope per step.
    expect(f[0]).toBeGreaterThan(68);
    expect(f[4]).toBeGreaterThan(f[0]);
  });
});

describe("combination and intervals", () => {
  it("weights the best three candidates by inverse backtest error", () => {
    const y = [0, 0, 0, 0, 10, 10];
    const plan = { h: 2, origins: [4] };
    const mk = (name: string, f: number) => score(name, [[f, f]], y, plan);
    const e = chooseEnsemble([mk("a", 9), mk("b", 8), mk("c", 5), mk("d", 0)], y, plan, "top3_inverse");
    expect(e.members).toEqual(["a", "b", "c"]);
    // MAE 1, 2, 5 → weights 1, 1/2, 1/5; weighted mean of 9, 8, 5.
    expect(e.score.forecasts[0][0]).toBeCloseTo((9 + 8 / 2 + 5 / 5) / (1 + 1 / 2 + 1 / 5), 9);
    expect(chooseEnsemble([mk("a", 9), mk("d", 0)], y, plan, "best").members).toEqual(["a"]);
  });

  it("plans non-overlapping backtest windows on the history only", () => {
    expect(planBacktest(100, 10, { maxOrigins: 3, minTrain: 20 })).toEqual({ h: 10, origins: [90, 80, 70] });
    expect(planBacktest(100, 10, { maxOrigins: 3, minTrain: 20, stride: 5 })!.origins).toEqual([90, 85, 80]);
    expect(planBacktest(25, 10, { maxOrigins: 3, minTrain: 20 })).toEqual({ h: 5, origins: [20] });
    expect(planBacktest(20, 10, { maxOrigins: 3, minTrain: 20 })).toBeNull();
  });

  it("conformal half-widths: nested levels, never shrinking with the horizon, the right quantile", () => {
    // 50 origins, |errors| 1..50 at every step. Step 1 pools steps 1–2 (±20 %, rounded outwards): 100 errors,
    // each value twice; the 80 % width is the ⌈101·0.8⌉ = 81st smallest (41), the 95 % one the 96th (48).
    const errors = Array.from({ length: 50 }, (_, k) => [k + 1, -(k + 1), k + 1]);
    const w80 = halfWidths(errors, 5, 0.8);
    const w95 = halfWidths(errors, 5, 0.95);
    expect(w80[0]).toBe(41);
    expect(w95[0]).toBe(48);
    for (let j = 1; j < 5; j++) expect(w80[j]).toBeGreaterThanOrEqual(w80[j - 1]);
    for (let j = 0; j < 5; j++) expect(w95[j]).toBeGreaterThan(w80[j]);
    // Steps past the backtested horizon grow like √j from the last measured width.
    expect(w80[4]).toBeCloseTo(41 * Math.sqrt(5 / 3), 9);
  });
});

describe("forecast: coverage and robustness on constructed series", () => {
  it("covers about 80 % and 95 % of held-out actuals on a noisy weekly series", () => {
    const rnd = gaussian(11);
    const pattern = [0, 12, 15, 14, 10, -20, -30];
    const y = Array.from({ length: 420 }, (_, i) => 200 + pattern[i % 7] + 8 * rnd());
    const r = evaluateSeries("synthetic weekly", y, "daily", { h: 14, origins: 16 });
    expect(r.points).toBe(224);
    expect(r.coverage80).toBeGreaterThan(0.7);
    expect(r.coverage80).toBeLessThan(0.9);
    expect(r.coverage95).toBeGreaterThan(0.88);
    expect(r.coverage95).toBeGreaterThan(r.coverage80);
    // Noise σ = 8 with a known season: the forecaster should beat the seasonal naive (which carries a week's noise).
    expect(r.mase).toBeLessThan(r.mase_seasonal_naive * 0.85);
  });

  it("keeps every interval nested around the point, per step and for the running total, hourly and daily", () => {
    const rnd = gaussian(5);
    const hourly = Array.from({ length: 24 * 21 }, (_, i) => 50 + 30 * Math.sin((2 * Math.PI * i) / 24) + (Math.floor(i / 24) % 7 >= 5 ? -20 : 0) + 4 * rnd() + 40);
    const daily = Array.from({ length: 60 }, (_, i) => 10 + (i % 7) + rnd());
    for (const f of [forecast({ values: hourly, frequency: "hourly" }, 48), forecast({ values: daily, frequency: "daily" }, 20)]) {
      for (const b of [f, f.cumulative]) {
        b.point.forEach((p, j) => {
          expect(b.lower95[j]).toBeLessThanOrEqual(b.lower80[j]);
          expect(b.lower80[j]).toBeLessThanOrEqual(p);
          expect(p).toBeLessThanOrEqual(b.upper80[j]);
          expect(b.upper80[j]).toBeLessThanOrEqual(b.upper95[j]);
          expect(Number.isFinite(b.upper95[j])).toBe(true);
        });
      }
    }
  });

  it("follows the daily cycle of an hourly series", () => {
    const rnd = gaussian(7);
    const y = Array.from({ length: 24 * 28 }, (_, i) => 100 + 50 * Math.sin((2 * Math.PI * i) / 24) + 3 * rnd());
    const f = forecast({ values: y, frequency: "hourly" }, 24);
    f.point.forEach((p, j) => expect(Math.abs(p - (100 + 50 * Math.sin((2 * Math.PI * (y.length + j)) / 24)))).toBeLessThan(10));
  });

  it("settles on the new level after an hourly level shift", () => {
    const rnd = gaussian(9);
    const y = Array.from({ length: 24 * 21 }, (_, i) => (i < 24 * 16 ? 20 : 60) + 10 * Math.sin((2 * Math.PI * i) / 24) + rnd());
    const f = forecast({ values: y, frequency: "hourly" }, 24);
    const mean = f.point.reduce((a, b) => a + b, 0) / 24;
    expect(Math.abs(mean - 60)).toBeLessThan(6);
  });

  it("forecasts an all-zero or mostly-zero series without NaN or negative values", () => {
    const zeros = forecast({ values: Array(60).fill(0), frequency: "daily" }, 7);
    expect(zeros.point).toEqual(Array(7).fill(0));
    expect(zeros.upper95.every((v) => v === 0)).toBe(true);
    const sparse = Array.from({ length: 90 }, (_, i) => (i % 11 === 0 ? 40 : 0));
    const f = forecast({ values: sparse, frequency: "daily" }, 14);
    for (const k of ["point", "lower80", "upper80", "lower95", "upper95"] as const) for (const v of f[k]) expect(Number.isFinite(v) && v >= 0).toBe(true);
    expect(f.upper95.some((v) => v > 0)).toBe(true);
  });

  it("backtests with what a short hourly history allows and falls back below that", () => {
    const short = forecast({ values: Array.from({ length: 40 }, (_, i) => 5 + (i % 24)), frequency: "hourly" }, 6);
    expect(short.model).toBe("fallback_mean");
    const y = Array.from({ length: 24 * 4 }, (_, i) => 5 + (i % 24));
    const f = forecast({ values: y, frequency: "hourly" }, 12);
    expect(f.model).not.toBe("fallback_mean");
    expect(f.backtest.every((b) => !b.model.includes("168"))).toBe(true);
    f.point.forEach((p, j) => expect(p).toBeCloseTo(5 + ((y.length + j) % 24), 0));
  });
});
