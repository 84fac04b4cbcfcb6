import { ChangepointDetector } from "@bsull/augurs/changepoint";
import { initAugurs } from "@/lib/augurs/init";

/**
 * What kind of incident an alert is, from augurs' Bayesian online changepoint detector (normal-gamma prior):
 * a "level shift" (a changepoint inside or just before the anomalous window, after which the series stays
 * away from where it was: "71 % → 18 % since 14:00") or a "spike" (no sustained shift: the peak against the
 * expected). An annotation for the reader, never a gate: which points are flagged is detect.ts's business.
 * Causal: only the points up to the alert's latest point are read, so later points never change it.
 */
export type IncidentKind =
  | { kind: "level_shift"; at: number; before: number; after: number }
  | { kind: "spike" };

export type ClassifyInput = {
  /** The series, one value per bucket (NaN = no value), and each bucket's start time (ms). */
  values: readonly number[];
  times: readonly number[];
  /** The anomalous window as indexes into `values`: first and latest flagged bucket. */
  startIndex: number;
  endIndex: number;
  /** Buckets of history before the window the detector reads (default 336: two weeks of hours). */
  history?: number;
  /**
   * Buckets before the window where a changepoint still counts (default 168: a week of hours). Long incidents
   * raise several alerts (a quiet hour splits them) and the detector may flag a collapse only once its band has
   * caught up: the shift that put the series where it is may have started days before this alert's window.
   */
  lead?: number;
  /** Buckets the shifted level must have lasted, up to the latest point (default 3). */
  minRun?: number;
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mad = (xs: number[], m: number) => median(xs.map((x) => Math.abs(x - m)));
const stdev = (xs: number[]) => {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
};

export function classifyIncident(input: ClassifyInput): IncidentKind {
  const { values, times, startIndex, endIndex } = input;
  const history = input.history ?? 336;
  const lead = input.lead ?? 168;
  const minRun = input.minRun ?? 3;
  const from = Math.max(0, startIndex - history);
  // The observed points of [from, endIndex] (causal: nothing after the latest point), with their indexes.
  const idx: number[] = [];
  for (let i = from; i <= endIndex && i < values.length; i++) if (Number.isFinite(values[i])) idx.push(i);
  if (idx.length < minRun + 8) return { kind: "spike" };
  const ys = idx.map((i) => values[i]);
  // The normal-gamma prior has unit scale: put the series on a scale where its usual spread is ~0.1, so the
  // prior neither sees every hourly wiggle as a new regime nor misses a shift of a few spreads.
  const m = median(ys);
  const spread = mad(ys, m) * 1.4826 || stdev(ys) || Math.abs(m) * 0.05 || 1;
  const scaled = ys.map((y) => ((y - m) / spread) * 0.1);
  initAugurs("changepoint");
  const detector = ChangepointDetector.normalGamma({ hazardLambda: 250 });
  let cps: number[];
  try {
    cps = detector.detectChangepoints(Float64Array.from(scaled)).indices;
  } finally {
    detector.free();
  }
  // augurs reports the last point of the old segment: the new level starts one observed point later.
  const starts = cps.map((c) => c + 1).filter((p) => p > 0 && p < ys.length);
  for (const p of starts) {
    const at = idx[p];
    if (at < startIndex - lead || at > endIndex) continue;
    const after = ys.slice(p);
    if (after.length < minRun) continue;
    const beforeVals = ys.slice(Math.max(0, p - 168), p);
    if (beforeVals.length < 8) continue;
    const before = median(beforeVals);
    const level = median(after);
    const gap = Math.abs(level - before);
    // The shift must stand out of the old level's own spread (seasonality included) and be material.
    if (gap < 3 * 1.4826 * mad(beforeVals, before) || gap < 0.1 * Math.abs(before)) continue;
    // And stay: most points after it are nearer the new level than the old one.
    const mid = (before + level) / 2;
    const stayed = after.filter((y) => (level > before ? y > mid : y < mid)).length;
    if (stayed < 0.8 * after.length) continue;
    return { kind: "level_shift", at: times[at], before, after: level };
  }
  return { kind: "spike" };
}
