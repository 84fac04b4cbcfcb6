/**
 * Days whose total stands out from the period's usual level: more than `k` scaled median absolute deviations
 * above the median (a robust z-score; past spikes do not inflate the scale the way a standard deviation
 * would). A plain marker for the overview's chart; anomaly alerts (seasonal, causal detection) come from
 * the alerts engine and are shown beside it when present. Needs at least 7 days to say anything.
 */
export function unusualDays(values: readonly number[], k = 3.5): number[] {
  if (values.length < 7) return [];
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const med = median([...values]);
  // 1.4826 makes the MAD comparable to a standard deviation for normal noise; a floor of 5 % of the median
  // keeps a perfectly flat series from flagging every cent of difference.
  const mad = Math.max(1.4826 * median(values.map((v) => Math.abs(v - med))), 0.05 * Math.abs(med));
  if (mad === 0) return [];
  return values.flatMap((v, i) => ((v - med) / mad > k ? [i] : []));
}
