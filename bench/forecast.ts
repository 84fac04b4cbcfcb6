/**
 * Forecast accuracy benchmark: rolling-origin evaluation of lib/forecast on the real public series in
 * tests/fixtures/forecast-series.json (NAB, hourly and daily aggregates; see that file's attribution),
 * beside the seasonal naive: MASE, sMAPE, and the empirical coverage of the 80 % and 95 % intervals.
 * Horizon 24 steps (hourly) or 14 (daily), BENCH_FORECAST_ORIGINS evaluation origins per series (default 3).
 * Writes bench/results/forecast-latest.json. Run: npx tsx bench/forecast.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { evaluateSeries } from "../lib/forecast/accuracy";

const ORIGINS = Number(process.env.BENCH_FORECAST_ORIGINS ?? 3);
const fixture = JSON.parse(readFileSync("tests/fixtures/forecast-series.json", "utf8")) as { attribution: string; series: { name: string; frequency: "hourly" | "daily"; values: number[] }[] };

const t0 = performance.now();
const series = fixture.series.map((s) => evaluateSeries(s.name, s.values, s.frequency, { h: s.frequency === "hourly" ? 24 : 14, origins: ORIGINS }));
const mean = (f: (r: (typeof series)[number]) => number) => series.reduce((a, r) => a + f(r), 0) / series.length;
const points = series.reduce((a, r) => a + r.points, 0);
const pooled = (f: (r: (typeof series)[number]) => number) => series.reduce((a, r) => a + f(r) * r.points, 0) / points;
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const summary = {
  series: series.length,
  origins_per_series: ORIGINS,
  points,
  mean_mase: r4(mean((r) => r.mase)),
  mean_mase_seasonal_naive: r4(mean((r) => r.mase_seasonal_naive)),
  mase_improvement_vs_seasonal_naive: r4(1 - mean((r) => r.mase) / mean((r) => r.mase_seasonal_naive)),
  series_beating_seasonal_naive: series.filter((r) => r.mase < r.mase_seasonal_naive).length,
  mean_smape: r4(mean((r) => r.smape)),
  mean_smape_seasonal_naive: r4(mean((r) => r.smape_seasonal_naive)),
  coverage80: r4(pooled((r) => r.coverage80)),
  coverage95: r4(pooled((r) => r.coverage95)),
  seconds: Math.round((performance.now() - t0) / 100) / 10,
};
const result = { summary, data: fixture.attribution, series: series.map((r) => ({ ...r, mase: r4(r.mase), mase_seasonal_naive: r4(r.mase_seasonal_naive), smape: r4(r.smape), smape_seasonal_naive: r4(r.smape_seasonal_naive), coverage80: r4(r.coverage80), coverage95: r4(r.coverage95) })) };
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/forecast-latest.json", JSON.stringify(result, null, 2) + "\n");
for (const r of result.series) console.log(`${r.name.padEnd(46)} MASE ${r.mase.toFixed(3)} (naive ${r.mase_seasonal_naive.toFixed(3)})  cov80 ${r.coverage80.toFixed(2)}  cov95 ${r.coverage95.toFixed(2)}`);
console.log(JSON.stringify(summary, null, 2));
