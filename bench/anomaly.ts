/**
 * Anomaly benchmark: window recall and precision of the detector that `cli detect` runs, on every labelled
 * NAB series in NAB_DIR (default ../shared/data/nab), beside a seasonal robust z-score baseline. Series with
 * gaps are put on a regular grid (their most common step; missing points empty), as a user would before
 * `cli detect`. Prints a table and writes bench/results/anomaly-latest.json. Run: npx tsx bench/anomaly.ts
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { detect, SENSITIVITY_THRESHOLDS } from "../lib/anomaly/detect";
import { cliOptions } from "../lib/anomaly/series-csv";
import { scoreWindows, seasonalZFlags, type WindowScore } from "../lib/anomaly/score-windows";

const NAB = process.env.NAB_DIR ?? [path.resolve("../shared/data/nab"), "/work/shared/data/nab"].find((d) => existsSync(d))!;
const labels = JSON.parse(readFileSync(path.join(NAB, "combined_windows.json"), "utf8")) as Record<string, [string, string][]>;
const utc = (s: string) => Date.parse(`${s.slice(0, 19).replace(" ", "T")}Z`);

function regular(file: string): { times: number[]; values: number[]; step: number } {
  const rows = readFileSync(file, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
  const t = rows.map((r) => utc(r[0]));
  const diffs = new Map<number, number>();
  for (let i = 1; i < t.length; i++) diffs.set(t[i] - t[i - 1], (diffs.get(t[i] - t[i - 1]) ?? 0) + 1);
  const step = [...diffs].sort((a, b) => b[1] - a[1])[0][0];
  const n = Math.round((t[t.length - 1] - t[0]) / step) + 1;
  const values = Array<number>(n).fill(NaN);
  rows.forEach((r, i) => (values[Math.round((t[i] - t[0]) / step)] = Number(r[1])));
  return { times: Array.from({ length: n }, (_, i) => t[0] + i * step), values, step };
}

type Row = { series: string; points: number; ours: WindowScore; baseline: WindowScore; ms: number };
const rows: Row[] = [];
for (const dir of ["realKnownCause", "realTraffic"]) {
  for (const f of readdirSync(path.join(NAB, dir)).filter((x) => x.endsWith(".csv")).sort()) {
    const key = `${dir}/${f}`;
    const windows = (labels[key] ?? []).map(([a, b]) => ({ start: utc(a), end: utc(b) }));
    if (!windows.length) continue;
    const s = regular(path.join(NAB, dir, f));
    const t0 = Date.now();
    const verdicts = detect(s.values, cliOptions(s.step, SENSITIVITY_THRESHOLDS.medium)); // as cli detect
    const ms = Date.now() - t0;
    const ours = scoreWindows(verdicts.flatMap((v) => (v?.flagged ? [s.times[v.index]] : [])), windows);
    const period = s.step < 86_400_000 ? Math.round(86_400_000 / s.step) : 1;
    const base = seasonalZFlags(s.values, period, SENSITIVITY_THRESHOLDS.medium);
    const baseline = scoreWindows(s.times.filter((_, i) => base[i]), windows);
    rows.push({ series: key, points: s.values.length, ours, baseline, ms });
    console.log(`${key.padEnd(58)} ${String(s.values.length).padStart(6)} pts  ours ${ours.found}/${ours.windows} found, ${ours.falseAlarms}/${ours.detections} false  |  baseline ${baseline.found}/${baseline.windows}, ${baseline.falseAlarms}/${baseline.detections} false  (${ms} ms)`);
  }
}
const total = (pick: (r: Row) => WindowScore) => {
  const w = rows.reduce((a, r) => a + pick(r).windows, 0);
  const found = rows.reduce((a, r) => a + pick(r).found, 0);
  const det = rows.reduce((a, r) => a + pick(r).detections, 0);
  const fa = rows.reduce((a, r) => a + pick(r).falseAlarms, 0);
  return { recall: found / w, precision: det ? (det - fa) / det : 0, windows: w, found, detections: det, falseAlarms: fa };
};
const summary = { ours: total((r) => r.ours), baseline: total((r) => r.baseline) };
console.log(`\nwindow recall / precision  ours ${summary.ours.recall.toFixed(2)} / ${summary.ours.precision.toFixed(2)}   seasonal z baseline ${summary.baseline.recall.toFixed(2)} / ${summary.baseline.precision.toFixed(2)}`);
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/anomaly-latest.json", JSON.stringify({ at: new Date().toISOString(), summary, rows }, null, 2));
