import { OutlierDetector } from "@bsull/augurs/outlier";
import { initAugurs } from "@/lib/augurs/init";

/**
 * Which of a group of sibling series (the teams of an organisation, the features of a team) are off, by
 * augurs' MAD outlier detector: at each time step a series is outlying when it sits far from the group's
 * median in MAD units. Only series outlying somewhere inside the alert's window (from index `windowFrom`)
 * are named: a team that was odd last week is not this incident's. An annotation, never a gate.
 * Needs at least three series (with two, "the group's usual" is not defined). NaN counts as 0 (no usage).
 */
export type NamedSeries = { name: string; values: readonly number[] };

export function outlyingSeries(group: readonly NamedSeries[], windowFrom: number, sensitivity = 0.5): string[] {
  if (group.length < 3) return [];
  const n = Math.min(...group.map((s) => s.values.length));
  if (n === 0 || windowFrom >= n) return [];
  const data = group.map((s) => Float64Array.from(s.values.slice(0, n), (v) => (Number.isFinite(v) ? v : 0)));
  initAugurs("outlier");
  const detector = OutlierDetector.mad({ sensitivity });
  try {
    const out = detector.detect(data);
    return group.filter((_, i) => out.seriesResults[i]?.outlierIntervals.some((iv) => (iv.end ?? n) > windowFrom)).map((s) => s.name);
  } finally {
    detector.free();
  }
}
