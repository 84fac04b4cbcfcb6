/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same demo, byte for byte. */
export type Rng = {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  chance(p: number): boolean;
  logNormal(median: number, sigma: number): number;
  /** Poisson count with mean `lambda` (Knuth below 30, rounded normal approximation above). */
  poisson(lambda: number): number;
  /** `n` lowercase hex digits (for trace and span ids). */
  hex(n: number): string;
  /** A draw from an empirical distribution given as evenly spaced quantiles q[0] = p0 ... q[k] = p100, interpolated. */
  fromQuantiles(q: readonly number[]): number;
  /** An index drawn in proportion to a cumulative weight table (last entry = total). */
  fromCumulative(cumulative: readonly number[]): number;
};

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gauss = () => {
    // Box-Muller on two uniforms.
    const u = Math.max(next(), 1e-12);
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (items) => {
      let total = 0;
      for (let i = 0; i < items.length; i++) total += items[i][1];
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= items[i][1];
        if (r <= 0) return items[i][0];
      }
      return items[items.length - 1][0];
    },
    chance: (p) => next() < p,
    // Token sizes are heavy-tailed, as in the public traces.
    logNormal: (median, sigma) => median * Math.exp(sigma * gauss()),
    poisson: (lambda) => {
      if (lambda <= 0) return 0;
      if (lambda >= 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss()));
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    hex: (n) => {
      let s = "";
      while (s.length < n) {
        const x = (next() * 4294967296) >>> 0;
        s += BYTE_HEX[x >>> 24] + BYTE_HEX[(x >>> 16) & 255] + BYTE_HEX[(x >>> 8) & 255] + BYTE_HEX[x & 255];
      }
      return s.length === n ? s : s.slice(0, n);
    },
    fromQuantiles: (q) => {
      const pos = next() * (q.length - 1);
      const i = Math.floor(pos);
      const j = Math.min(i + 1, q.length - 1);
      return q[i] + (q[j] - q[i]) * (pos - i);
    },
    fromCumulative: (cumulative) => {
      const r = next() * cumulative[cumulative.length - 1];
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > r) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
  return rng;
}
