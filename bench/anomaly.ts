/**
 * Anomaly benchmark: window recall and precision of the detector that `cli detect` runs, on every labelled
 * NAB series in NAB_DIR (default ../shared/data/nab), beside a seasonal robust z-score baseline. Series with
 * gaps are put on a regular grid (their most common step; missing points empty), as a user would before
 * `cli detect`. Prints a table and writes bench/results/anomaly-latest.json. Run: npx tsx bench/anomaly.ts
 *
 * Generalisation: the labelled files, sorted by name, are split in two halves, alternately (1st, 3rd, 5th…
 * file: the tuning half; 2nd, 4th, 6th…: the held-out half). The detector's few global settings were chosen
 * on the tuning half only; the figures are printed for both halves and for all files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { detect, SENSITIVITY_THRESHOLDS } from "../lib/anomaly/detect";
import { cliOptions } from "../lib/anomaly/series-csv";
import { scoreWindows, seasonalZFlags, type WindowScore } from "../lib/anomaly/score-windows";

const NAB = process.env.NAB_DIR ?? [path.resolve("../shared/data/nab"), "/work/shared/data/nab"].find((d) => existsSync(d))!;
const labels = JSON.parse(readFileSync(path.join(NAB, "combined_windows.json"), "utf8")) as Record<string, [string, string][]>;
const utc = (s: string) => Date.parse(`${s.slice(0, 19).replace(" ", "T")}Z`);
/** BENCH_ONLY=substring runs only matching files (quick checks); the summary then covers only those. */
const only = process.env.BENCH_ONLY;

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

type Half = "tuning" | "held-out";
type Row = { series: string; half: Half; points: number; ours: WindowScore; baseline: WindowScore; ms: number; falseAlarmTimes: string[] };
const files = ["realKnownCause", "realTraffic"]
  .flatMap((dir) => readdirSync(path.join(NAB, dir)).filter((x) => x.endsWith(".csv")).map((f) => `${dir}/${f}`))
  .filter((key) => (labels[key] ?? []).length > 0)
  .sort();
const rows: Row[] = [];
files.forEach((key, k) => {
  const half: Half = k % 2 === 0 ? "tuning" : "held-out";
  if (only && !key.includes(only)) return;
  const windows = labels[key].map(([a, b]) => ({ start: utc(a), end: utc(b) }));
  const s = regular(path.join(NAB, key));
  const t0 = Date.now();
  const verdicts = detect(s.values, cliOptions(s.step, SENSITIVITY_THRESHOLDS.medium)); // as cli detect
  const ms = Date.now() - t0;
  const flagged = verdicts.flatMap((v) => (v?.flagged ? [s.times[v.index]] : []));
  const ours = scoreWindows(flagged, windows);
  const inside = (t: number) => windows.some((w) => t >= w.start && t <= w.end);
  const falseAlarmTimes = flagged.filter((t, i) => !inside(t) && (i === 0 || t - flagged[i - 1] >= 2 * 3_600_000)).map((t) => new Date(t).toISOString());
  const period = s.step < 86_400_000 ? Math.round(86_400_000 / s.step) : 1;
  const base = seasonalZFlags(s.values, period, SENSITIVITY_THRESHOLDS.medium);
  const baseline = scoreWindows(s.times.filter((_, i) => base[i]), windows);
  rows.push({ series: key, half, points: s.values.length, ours, baseline, ms, falseAlarmTimes });
  console.log(`${(half === "tuning" ? "T " : "H ") + key.padEnd(56)} ${String(s.values.length).padStart(6)} pts  ours ${ours.found}/${ours.windows} found, ${ours.falseAlarms}/${ours.detections} false  |  baseline ${baseline.found}/${baseline.windows}, ${baseline.falseAlarms}/${baseline.detections} false  (${ms} ms)`);
});

function total(rs: Row[], pick: (r: Row) => WindowScore) {
  const w = rs.reduce((a, r) => a + pick(r).windows, 0);
  const found = rs.reduce((a, r) => a + pick(r).found, 0);
  const det = rs.reduce((a, r) => a + pick(r).detections, 0);
  const fa = rs.reduce((a, r) => a + pick(r).falseAlarms, 0);
  return { files: rs.length, recall: w ? found / w : 0, precision: det ? (det - fa) / det : 0, windows: w, found, detections: det, falseAlarms: fa };
}
const groups: [string, Row[]][] = [
  ["all", rows],
  ["tuning half", rows.filter((r) => r.half === "tuning")],
  ["held-out half", rows.filter((r) => r.half === "held-out")],
];
const summary = Object.fromEntries(groups.map(([name, rs]) => [name, { ours: total(rs, (r) => r.ours), baseline: total(rs, (r) => r.baseline) }]));
console.log("\nwindow recall / precision (T = tuning half: files 1, 3, 5… by name; H = held-out half: files 2, 4, 6…)");
for (const [name, s] of Object.entries(summary)) {
  const f = (x: ReturnType<typeof total>) => `${x.recall.toFixed(2)} / ${x.precision.toFixed(2)} (${x.found}/${x.windows} windows, ${x.falseAlarms}/${x.detections} false)`;
  console.log(`  ${name.padEnd(14)} ${String(s.ours.files).padStart(2)} files  detector ${f(s.ours)}   seasonal z baseline ${f(s.baseline)}`);
}
if (!only) {
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/anomaly-latest.json", JSON.stringify({ at: new Date().toISOString(), split: "files sorted by name; odd positions (1st, 3rd…) tune, even positions are held out", summary, rows }, null, 2));
}
