/**
 * The real series the forecast benchmark scores on, built from ../shared/data (SHARED_DATA overrides): every
 * NAB series (realKnownCause, realTraffic) aggregated to an hourly series, and to a daily one where it spans at
 * least 50 days. A bucket's value is the mean of its readings (the sum for nyc_taxi, a count of rides); a
 * bucket with no reading repeats the previous one. Hourly series keep their last 12 weeks (2,016 points), the
 * window the forecaster fits on anyway. The Azure LLM traces span one hour (2023-11-16 18:17–19:14), which is
 * one or two hourly points, so they cannot be backtested at hourly or daily frequency: listed as skipped.
 * Without ../shared the committed NAB extract in tests/fixtures/forecast-series.json is used.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type BenchSeries = { name: string; frequency: "hourly" | "daily"; values: number[] };
export type BenchData = { source: string; attribution: string; series: BenchSeries[]; skipped: { name: string; reason: string }[] };

const HOUR = 3_600_000;
const DAY = 86_400_000;
const SUMMED = new Set(["nyc_taxi"]);
const utc = (s: string) => Date.parse(`${s.trim().slice(0, 19).replace(" ", "T")}Z`);

function sharedDir(): string | undefined {
  const tries = [process.env.SHARED_DATA, path.resolve("../shared/data"), path.resolve("../../shared/data"), "/work/shared/data"];
  return tries.find((d): d is string => !!d && existsSync(path.join(d, "nab")));
}

function aggregate(rows: { t: number; v: number }[], step: number, sum: boolean): number[] {
  const buckets = new Map<number, number[]>();
  for (const r of rows) {
    const b = Math.floor(r.t / step) * step;
    (buckets.get(b) ?? buckets.set(b, []).get(b)!).push(r.v);
  }
  const keys = [...buckets.keys()].sort((a, b) => a - b);
  const out: number[] = [];
  let prev = 0;
  for (let t = keys[0]; t <= keys[keys.length - 1]; t += step) {
    const xs = buckets.get(t);
    if (xs) prev = xs.reduce((a, b) => a + b, 0) / (sum ? 1 : xs.length);
    out.push(Math.round(prev * 1000) / 1000);
  }
  return out;
}

export function loadBenchSeries(): BenchData {
  const dir = sharedDir();
  if (!dir) {
    const fx = JSON.parse(readFileSync("tests/fixtures/forecast-series.json", "utf8")) as { attribution: string; series: BenchSeries[] };
    return { source: "tests/fixtures/forecast-series.json", attribution: fx.attribution, series: fx.series, skipped: [] };
  }
  const series: BenchSeries[] = [];
  for (const sub of ["realKnownCause", "realTraffic"]) {
    for (const f of readdirSync(path.join(dir, "nab", sub)).filter((x) => x.endsWith(".csv")).sort()) {
      const base = path.basename(f, ".csv");
      const rows = readFileSync(path.join(dir, "nab", sub, f), "utf8").trim().split("\n").slice(1).map((l) => {
        const [ts, v] = l.split(",");
        return { t: utc(ts), v: Number(v) };
      }).filter((r) => Number.isFinite(r.t) && Number.isFinite(r.v));
      const sum = SUMMED.has(base);
      let hourly = aggregate(rows, HOUR, sum);
      let daily = aggregate(rows, DAY, sum);
      if (sum) (hourly = hourly.slice(1, -1)), (daily = daily.slice(1, -1));
      series.push({ name: `${base} (hourly)`, frequency: "hourly", values: hourly.slice(-2016) });
      if (daily.length >= 50) series.push({ name: `${base} (daily)`, frequency: "daily", values: daily });
    }
  }
  const skipped: BenchData["skipped"] = [];
  const azure = path.join(dir, "azure-llm-2023");
  if (existsSync(azure)) {
    for (const f of readdirSync(azure).filter((x) => x.endsWith(".csv"))) {
      const lines = readFileSync(path.join(azure, f), "utf8").trim().split("\n");
      const first = utc(lines[1].split(",")[0]);
      const last = utc(lines[lines.length - 1].split(",")[0]);
      skipped.push({ name: f, reason: `spans ${Math.round((last - first) / 60_000)} minutes: ${Math.floor(last / HOUR) - Math.floor(first / HOUR) + 1} hourly points, too few to backtest` });
    }
  }
  return {
    source: dir,
    attribution: "Numenta Anomaly Benchmark (github.com/numenta/NAB, MIT, commit ea702d75cc2258d9d7dd35ca8e5e2539d71f3140), data/realKnownCause and data/realTraffic",
    series,
    skipped,
  };
}
