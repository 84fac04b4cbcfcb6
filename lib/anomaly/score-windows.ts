/**
 * Window recall and precision of a detector on labelled series (NAB's convention, simplified): flagged points
 * less than `mergeMs` apart form one detection; a labelled window is found when a detection has a point inside
 * it; a detection with no point inside any window is a false alarm.
 */
export type Window = { start: number; end: number };
export type WindowScore = { windows: number; found: number; detections: number; falseAlarms: number };

export function scoreWindows(flaggedTimes: number[], windows: Window[], mergeMs = 2 * 3_600_000): WindowScore {
  const sorted = [...flaggedTimes].sort((a, b) => a - b);
  const detections: number[][] = [];
  for (const t of sorted) {
    const last = detections[detections.length - 1];
    if (last && t - last[last.length - 1] < mergeMs) last.push(t);
    else detections.push([t]);
  }
  const inside = (t: number) => windows.some((w) => t >= w.start && t <= w.end);
  const found = windows.filter((w) => detections.some((d) => d.some((t) => t >= w.start && t <= w.end))).length;
  const falseAlarms = detections.filter((d) => !d.some(inside)).length;
  return { windows: windows.length, found, detections: detections.length, falseAlarms };
}

/** A robust seasonal z-score (the comparison baseline): same phase over the previous 7 days, median and MAD. */
export function seasonalZFlags(values: number[], period: number, threshold: number): boolean[] {
  return values.map((x, i) => {
    if (!Number.isFinite(x)) return false;
    const past: number[] = [];
    if (period > 1) for (let k = 1; k <= 7; k++) { const v = values[i - k * period]; if (i - k * period >= 0 && Number.isFinite(v)) past.push(v); }
    else for (let k = 1; k <= 28; k++) { const v = values[i - k]; if (i - k >= 0 && Number.isFinite(v)) past.push(v); }
    if (past.length < 4) return false;
    past.sort((a, b) => a - b);
    const med = past[past.length >> 1];
    const dev = past.map((v) => Math.abs(v - med)).sort((a, b) => a - b);
    const mad = dev[dev.length >> 1];
    const scale = Math.max(1.4826 * mad, 1e-9, 0.01 * Math.abs(med));
    return Math.abs(x - med) / scale >= threshold;
  });
}
