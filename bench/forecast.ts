/**
 * Forecast accuracy benchmark: a rolling-origin evaluation of lib/forecast on the real public series of
 * bench/forecast-data.ts (every NAB series, hourly and daily), beside the seasonal naive. At each origin the
 * forecaster sees only the history before it (its own model-selection backtest runs inside that history) and
 * is scored on the next h points, which it has never seen: h = 24 (hourly) or 14 (daily), origins h apart,
 * BENCH_FORECAST_ORIGINS_HOURLY (default 7) and BENCH_FORECAST_ORIGINS_DAILY (default 4) per series.
 * Reports per series and overall: MASE (scaled by the in-sample seasonal-naive MAE, season 24 or 7) of ours
 * and of the seasonal naive, the improvement, the empirical coverage of the 80 % and 95 % intervals, and the
 * time per forecast; then the time of one forecast on a long hourly series (4,032 points, 24 weeks).
 * Writes bench/results/forecast-latest.json. Run: npx tsx bench/forecast.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { evaluateSeries, type SeriesAccuracy } from "../lib/forecast/accuracy";
import { forecast } from "../lib/forecast/forecast";
import { loadBenchSeries } from "./forecast-data";

const ORIGINS = { hourly: Number(process.env.BENCH_FORECAST_ORIGINS_HOURLY ?? 7), daily: Number(process.env.BENCH_FORECAST_ORIGINS_DAILY ?? 4) };
const H = { hourly: 24, daily: 14 };
const data = loadBenchSeries();
const only = process.env.BENCH_FORECAST_ONLY;
/**
 * BENCH_FORECAST_EARLIER=1 scores the windows just before the usual ones instead (7 days of hours, 8 weeks of
 * days earlier): a second held-out period, to check that choices made while looking at the latest one hold.
 */
const EARLIER = process.env.BENCH_FORECAST_EARLIER === "1";
const SKIP = { hourly: EARLIER ? ORIGINS.hourly : 0, daily: EARLIER ? ORIGINS.daily : 0 };

const t0 = performance.now();
const series: SeriesAccuracy[] = [];
for (const s of data.series.filter((x) => !only || x.name.includes(only))) {
  const r = evaluateSeries(s.name, s.values, s.frequency, { h: H[s.frequency], origins: ORIGINS[s.frequency], skip: SKIP[s.frequency] });
  if (r.origins === 0) {
    console.log(`${s.name.padEnd(44)} no window with enough history before it: not scored`);
    continue;
  }
  series.push(r);
  console.log(line(r));
}
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

function summarise(rs: SeriesAccuracy[]) {
  const mean = (f: (r: SeriesAccuracy) => number) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
  const points = rs.reduce((a, r) => a + r.points, 0);
  const pooled = (f: (r: SeriesAccuracy) => number) => rs.reduce((a, r) => a + f(r) * r.points, 0) / points;
  const geo = Math.exp(mean((r) => Math.log(r.mase / r.mase_seasonal_naive)));
  return {
    series: rs.length,
    points,
    mean_mase: r4(mean((r) => r.mase)),
    mean_mase_seasonal_naive: r4(mean((r) => r.mase_seasonal_naive)),
    /** 1 − mean MASE / mean naive MASE: the headline figure (target > 0.15). */
    mase_improvement_vs_seasonal_naive: r4(1 - mean((r) => r.mase) / mean((r) => r.mase_seasonal_naive)),
    /** 1 − geometric mean of per-series MASE ratios: the same question with every series weighted alike. */
    geomean_improvement_vs_seasonal_naive: r4(1 - geo),
    series_beating_seasonal_naive: rs.filter((r) => r.mase < r.mase_seasonal_naive).length,
    mean_smape: r4(mean((r) => r.smape)),
    mean_smape_seasonal_naive: r4(mean((r) => r.smape_seasonal_naive)),
    coverage80: r4(pooled((r) => r.coverage80)),
    coverage95: r4(pooled((r) => r.coverage95)),
    mean_ms_per_forecast: Math.round(mean((r) => r.ms_per_forecast)),
    max_ms_per_forecast: Math.round(Math.max(...rs.map((r) => r.ms_per_forecast))),
  };
}

// One long series: the CLI's promise ("a few thousand points in well under a second"), horizon one week.
const long = data.series.find((s) => s.name.startsWith("nyc_taxi (hourly)"))!.values;
const longSeries = Array.from({ length: 4032 }, (_, i) => long[(long.length - 4032 + i + long.length * 4) % long.length]);
const times: number[] = [];
const cpu: number[] = [];
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  const c = process.cpuUsage();
  forecast({ values: longSeries, frequency: "hourly" }, 168);
  times.push(performance.now() - t);
  const d = process.cpuUsage(c);
  cpu.push((d.user + d.system) / 1000);
}

const summary = {
  origins: ORIGINS,
  skipped_windows: SKIP,
  horizon: H,
  overall: summarise(series),
  hourly: summarise(series.filter((r) => r.frequency === "hourly")),
  daily: summarise(series.filter((r) => r.frequency === "daily")),
  long_series_ms: { points: 4032, horizon: 168, wall_ms: times.map((t) => Math.round(t)), cpu_ms: cpu.map((t) => Math.round(t)) },
  seconds: Math.round((performance.now() - t0) / 100) / 10,
};
const result = {
  summary,
  data: { source: data.source, attribution: data.attribution, skipped: data.skipped },
  series: series.map((r) => ({
    ...r,
    mase: r4(r.mase),
    mase_seasonal_naive: r4(r.mase_seasonal_naive),
    improvement: r4(1 - r.mase / r.mase_seasonal_naive),
    smape: r4(r.smape),
    smape_seasonal_naive: r4(r.smape_seasonal_naive),
    coverage80: r4(r.coverage80),
    coverage95: r4(r.coverage95),
    ms_per_forecast: Math.round(r.ms_per_forecast),
  })),
};
mkdirSync("bench/results", { recursive: true });
if (!only) writeFileSync(`bench/results/forecast${EARLIER ? "-earlier" : ""}-latest.json`, JSON.stringify(result, null, 2) + "\n");
console.log(JSON.stringify(summary, null, 2));

function line(r: SeriesAccuracy): string {
  const imp = (1 - r.mase / r.mase_seasonal_naive) * 100;
  return `${r.name.padEnd(44)} MASE ${r.mase.toFixed(3)} naive ${r.mase_seasonal_naive.toFixed(3)} (${imp >= 0 ? "+" : ""}${imp.toFixed(1)} %)  cov80 ${r.coverage80.toFixed(2)} cov95 ${r.coverage95.toFixed(2)}  ${Math.round(r.ms_per_forecast)} ms  [${[...new Set(r.models)].join(" | ")}]`;
}
