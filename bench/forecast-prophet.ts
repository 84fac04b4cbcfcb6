/**
 * Prophet (augurs' Prophet with @bsull/augurs-prophet-wasmstan's optimizer) on the same held-out windows as
 * bench/forecast.ts, to show why it is not among the forecaster's candidates: its MASE alone and its time per
 * fit. Not part of `npm run bench` (it takes minutes). Prophet runs in Node with no network; its optimizer is a
 * WASI component loaded with a top-level await, hence a dynamic import here.
 * Writes bench/results/forecast-prophet-latest.json. Run: npx tsx bench/forecast-prophet.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Prophet, initSync } from "@bsull/augurs/prophet";
import { seasonalNaive } from "../lib/forecast/candidates";
import { loadBenchSeries } from "./forecast-data";

const req = createRequire(path.join(process.cwd(), "package.json"));
initSync({ module: readFileSync(path.join(path.dirname(req.resolve("@bsull/augurs/prophet")), "prophet_bg.wasm")) });
const { optimizer } = await import("@bsull/augurs-prophet-wasmstan");

const ORIGINS = { hourly: 7, daily: 4 };
const H = { hourly: 24, daily: 14 };
const rows: { name: string; mase: number; mase_seasonal_naive: number; ms_per_fit: number }[] = [];
for (const s of loadBenchSeries().series) {
  const h = H[s.frequency];
  const step = s.frequency === "hourly" ? 3600 : 86400;
  const season = s.frequency === "hourly" ? 24 : 7;
  let mase = 0, naive = 0, ms = 0, used = 0;
  for (let k = ORIGINS[s.frequency] - 1; k >= 0; k--) {
    const o = s.values.length - h * (k + 1);
    if (o < 2 * season + 2) continue;
    const train = s.values.slice(Math.max(0, o - (s.frequency === "hourly" ? 1344 : 730)), o);
    const ds = train.map((_, i) => 1_400_000_000 + i * step);
    const t0 = performance.now();
    const p = new Prophet({ optimizer });
    p.fit({ ds, y: train });
    const point = p.predict({ ds: Array.from({ length: h }, (_, j) => ds[ds.length - 1] + (j + 1) * step) }).yhat.point;
    ms += performance.now() - t0;
    const full = s.values.slice(0, o);
    let scale = 0;
    for (let i = season; i < full.length; i++) scale += Math.abs(full[i] - full[i - season]);
    scale = scale / (full.length - season) || 1;
    const actual = s.values.slice(o, o + h);
    const sn = seasonalNaive(full, h, season);
    mase += actual.reduce((a, v, j) => a + Math.abs(v - point[j]), 0) / h / scale;
    naive += actual.reduce((a, v, j) => a + Math.abs(v - sn[j]), 0) / h / scale;
    used++;
  }
  rows.push({ name: s.name, mase: mase / used, mase_seasonal_naive: naive / used, ms_per_fit: Math.round(ms / used) });
  console.log(`${s.name.padEnd(44)} Prophet MASE ${(mase / used).toFixed(3)} naive ${(naive / used).toFixed(3)}  ${Math.round(ms / used)} ms/fit`);
}
const mean = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0) / rows.length;
const summary = { series: rows.length, mean_mase: mean((r) => r.mase), mean_mase_seasonal_naive: mean((r) => r.mase_seasonal_naive), improvement: 1 - mean((r) => r.mase) / mean((r) => r.mase_seasonal_naive), mean_ms_per_fit: Math.round(mean((r) => r.ms_per_fit)) };
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/forecast-prophet-latest.json", JSON.stringify({ summary, series: rows }, null, 2) + "\n");
console.log(JSON.stringify(summary, null, 2));
