/**
 * Split-conformal intervals from backtest errors. For horizon step j the half-width at level L is the
 * ⌈(m+1)·L⌉-th smallest absolute error among the backtest errors at steps near j (pooled over a window of
 * ±20 % of j, so a few origins still give enough errors); widths never shrink with the horizon. Steps
 * beyond the backtested horizon grow with √j from the last measured width (random-walk growth).
 */
const Z: Record<string, number> = { "0.8": 1.2816, "0.95": 1.96 };

/**
 * The conformal quantile. With fewer errors than the level needs (⌈(m+1)·L⌉ > m, e.g. 95 % from 8 errors) the
 * largest error would be the answer at every level; then take the larger of it and a Gaussian width from the
 * errors' median (σ ≈ median|e| / 0.6745), so a 95 % interval stays wider than an 80 % one.
 */
export function quantileOf(sorted: readonly number[], level: number): number {
  if (sorted.length === 0) return NaN;
  const m = sorted.length;
  const k = Math.ceil((m + 1) * level);
  if (k <= m) return sorted[Math.max(1, k) - 1];
  const z = Z[String(level)] ?? 1.96;
  return Math.max(sorted[m - 1], (sorted[Math.floor((m - 1) / 2)] / 0.6745) * z);
}

/**
 * errors[origin][step] (signed) → half-widths for steps 1..h at `level`. The pool for step j is the errors at
 * steps within ±20 % of j, widened step by step on both sides until it holds at least `minPool` errors (or all
 * of them): with five origins the errors of one step alone are too few for a 95 % quantile, and neighbouring
 * steps of a seasonal model err alike.
 */
export function halfWidths(errors: readonly (readonly number[])[], h: number, level: number, minPool = 40): number[] {
  const measured = Math.max(0, ...errors.map((e) => e.length));
  const total = errors.reduce((a, e) => a + e.length, 0);
  const out: number[] = [];
  let last = 0;
  for (let j = 1; j <= h; j++) {
    let w: number;
    if (j <= measured) {
      let lo = Math.max(1, Math.floor(j * 0.8));
      let hi = Math.min(measured, Math.ceil(j * 1.2));
      const count = () => errors.reduce((a, e) => a + Math.max(0, Math.min(hi, e.length) - lo + 1), 0);
      while (count() < Math.min(minPool, total) && (lo > 1 || hi < measured)) (lo = Math.max(1, lo - 1)), (hi = Math.min(measured, hi + 1));
      const pool: number[] = [];
      for (const e of errors) for (let i = lo; i <= hi && i <= e.length; i++) pool.push(Math.abs(e[i - 1]));
      pool.sort((a, b) => a - b);
      w = quantileOf(pool, level);
    } else {
      w = out[measured - 1] * Math.sqrt(j / measured);
    }
    last = Math.max(last, Number.isFinite(w) ? w : last);
    out.push(last);
  }
  return out;
}

/** Running sums of each origin's errors: the errors of the cumulative forecast (spend to date + remaining). */
export function cumulativeErrors(errors: readonly (readonly number[])[]): number[][] {
  return errors.map((e) => {
    let s = 0;
    return e.map((x) => (s += x));
  });
}
