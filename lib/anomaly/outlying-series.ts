import { OutlierDetector, type OutlierOutput } from "@bsull/augurs/outlier";
import { initAugurs } from "@/lib/augurs/init";

/**
 * Which of a group of sibling series (the teams of an organisation, the features of a team) are off, by
 * augurs' MAD outlier detector: at each time step a series is outlying when it sits far from the group's
 * median in MAD units. Only series outlying for most of the alert's window (from index `windowFrom`) are
 * named: a team that was odd last week, or for one hour of a long incident, is not this incident's. An annotation, never a gate.
 * Needs at least three series (with two, "the group's usual" is not defined). NaN counts as 0 (no usage).
 */
export type NamedSeries = { name: string; values: readonly number[] };

export function outlyingSeries(group: readonly NamedSeries[], windowFrom: number, sensitivity = 0.5, minShare = 0.5): string[] {
  if (group.length < 3) return [];
  const n = Math.min(...group.map((s) => s.values.length));
  if (n === 0 || windowFrom >= n) return [];
  const data = group.map((s) => Float64Array.from(s.values.slice(0, n), (v) => (Number.isFinite(v) ? v : 0)));
  initAugurs("outlier");
  const out = run("mad", data, sensitivity) ?? run("dbscan", data, sensitivity);
  if (!out) return [];
  // Outlying for at least `minShare` of the window's steps: one odd hour of a small sibling is noise, not news.
  const need = Math.max(1, Math.ceil(minShare * (n - windowFrom)));
  const covered = (i: number) => (out.seriesResults[i]?.outlierIntervals ?? []).reduce((c, iv) => c + Math.max(0, Math.min(iv.end ?? n, n) - Math.max(iv.start, windowFrom)), 0);
  return group.filter((_, i) => covered(i) >= need).map((s) => s.name);
}

/**
 * MAD fails ("division by zero") when the group's spread is 0 at every step, e.g. flat ratios; DBSCAN then
 * decides. An annotation must never break the alert it annotates: no answer is an empty list.
 */
function run(kind: "mad" | "dbscan", data: Float64Array[], sensitivity: number): OutlierOutput | null {
  const detector = new OutlierDetector(kind, { sensitivity });
  try {
    return detector.detect(data);
  } catch {
    return null;
  } finally {
    detector.free();
  }
}
