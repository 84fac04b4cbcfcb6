import Decimal from "decimal.js";
import { divRoundHalfEven, formatScaled, parseScaled } from "./fixed-point";

/**
 * Why did spend change: an exact, order-independent split of C₁ − C₀ (current minus baseline cost) into
 * drivers. Pure: sums in, amounts out; no I/O.
 *
 * The identity. A cell is a provider × model. For each cell c of a period:
 *
 *   cost_c = R · s_c · a_c · Q_c · π_c
 *   Q_c    = i_c · ((1 − hr_c − hw_c)·w_in + hr_c·w_cr + hw_c·w_cw) + d_c · ((1 + u_c)·w_out + ρ_c·w_rs)
 *
 * R   volume        logical requests of the scope
 * s   mix           the cell's share of those requests (R_c / R)
 * a   retries       attempts per logical request in the cell (A_c / R_c)
 * i,d tokens/req.   prompt tokens per attempt (I / A) and delivered visible output per attempt (D / A), with
 *                   D = output − reasoning − undelivered
 * hr,hw cache rate  cache-read and cache-write shares of the prompt (CR / I, CW / I)
 * ρ   reasoning     reasoning tokens per delivered visible output token (Rz / D)
 * u   cancellations undelivered output per delivered token (U / D); U = cancellation waste / w_out, the
 *                   output tokens billed but never streamed to the caller
 * π   price         actual cost over the cost of the same tokens at the reference rates w: 1 when the price
 *                   book did not change; it also absorbs what the rollups cannot see per token class
 *                   (batch discounts, service tiers, long-context rates, 1-hour cache writes)
 * w   reference rates per token class of the cell (one vector for both periods, from the price book), so
 *     token quantities are weighted by what they cost; π is defined as the remainder, which makes the
 *     identity exact for any choice of w.
 *
 * The split is the Shapley value of the eight factors: each driver gets its marginal effect averaged over
 * every order of switching factors from baseline to current values. It is exact (drivers sum to the change)
 * and independent of any ordering. A factor equal in both periods gets exactly 0, so a pure volume change
 * shows only under volume, a pure price change only under price, and so on.
 *
 * Zero-value rules (a cell or a ratio that does not exist in one period):
 * - A cell absent from a period has share 0 there; its other factors take the scope's averages of that
 *   period (its price factor: its own from the other period). So a new model's cost is explained by mix,
 *   measured against how the old traffic looked, and by whatever differs from that traffic: its reasoning,
 *   prompt sizes, cache rate or retries. A vanished model symmetrically.
 * - A ratio with a zero denominator inside a present cell (cache rate without prompt tokens, reasoning or
 *   cancellations without delivered output) takes the cell's value from the other period, else the scope
 *   average; it is multiplied by 0 in its own period, so the identity holds.
 * - A cell with attempts but no logical request ending in it (every attempt there was retried elsewhere):
 *   retries = the scope's attempts per request, share = its attempts over the scope's.
 * - A scope with attempts but no logical request: each attempt counts as a request.
 * - A period with no attempts at all: its shares are the other period's, so the whole change is volume.
 * - Output that is all reasoning or undelivered (no delivered visible token): counted as plain output (u = 0,
 *   ρ = Rz / visible output) or, when even that is 0, left to the price factor.
 *
 * Arithmetic: exact BigInt fixed point with 36 decimals (decimal.js measured ~25 µs a multiply-add here, and
 * contributors need hundreds of decompositions). Shapley weights are integers (|S|!(n−|S|−1)!), and the
 * telescoping sum of weighted marginals is exact (the tables of the two halves are exact products, never
 * rescaled), divided by n! once at the end. The residual (change − Σ drivers) is what truncation of the
 * factors (ratios) at 1e-36 leaves, far below a nano-dollar; it is reported, not hidden. Amounts
 * are rounded to 9 decimals (nano-dollars) by largest remainder, so the rounded drivers plus the rounded
 * residual equal the change exactly.
 */
type Dec = bigint;
const SCALE = 36;
const ONE = 10n ** BigInt(SCALE);
const ZERO = 0n;
const mul = (a: Dec, b: Dec): Dec => (a * b) / ONE;
const divide = (a: Dec, b: Dec): Dec => (a * ONE) / b;
const min = (a: Dec, b: Dec) => (a < b ? a : b);
const max = (a: Dec, b: Dec) => (a > b ? a : b);
/** A decimal (string or number) as 36-decimal fixed point. */
function fx(v: string | number | undefined): Dec {
  if (v === undefined) return ZERO;
  const text = typeof v === "number" ? (Number.isInteger(v) ? String(v) : new Decimal(v).toFixed()) : v;
  return parseScaled(text, SCALE) ?? parseScaled(new Decimal(text).toFixed(SCALE, Decimal.ROUND_DOWN), SCALE)!;
}

export const DRIVERS = ["volume", "mix", "tokens_per_request", "cache_rate", "reasoning", "retries", "cancellations", "price"] as const;
export type DriverId = (typeof DRIVERS)[number];

/** A cell's sums for one period (decimal strings or numbers: token counts, attempts, USD). */
export type CellSums = {
  cost_usd: string;
  attempts: string | number;
  requests: string | number;
  input_tokens: string | number;
  cache_read_tokens: string | number;
  cache_write_tokens: string | number;
  output_tokens: string | number;
  reasoning_tokens: string | number;
  cancellation_waste_usd: string;
};

/** Reference USD per token of each class for a cell (the same in both periods). */
export type ReferenceRates = { input: string; cache_read: string; cache_write: string; output: string; reasoning: string };
export const UNIT_RATES: ReferenceRates = { input: "1", cache_read: "1", cache_write: "1", output: "1", reasoning: "1" };

export type DecompositionInput = {
  baseline: ReadonlyMap<string, CellSums>;
  current: ReadonlyMap<string, CellSums>;
  /** Reference rates per cell key; cells without any get UNIT_RATES. */
  rates: (cell: string) => ReferenceRates | undefined;
  /** Also each cell's part of each driver (costs a Shapley sum per cell instead of one for the scope). */
  perCell?: boolean;
};

export type Decomposition = {
  baseline_usd: string;
  current_usd: string;
  change_usd: string;
  drivers: Record<DriverId, string>;
  residual_usd: string;
  /**
   * Each cell's part of each driver (the Shapley value of its own term; the scope's is their sum, since the
   * Shapley value is additive over the terms of a sum), rounded half-even to nano-dollars on their own.
   */
  cells?: Map<string, Record<DriverId, string>>;
};

type Weights = { in: Dec; cr: Dec; cw: Dec; out: Dec; rs: Dec };
type Ratios = { a: Dec | null; i: Dec; d: Dec; hr: Dec | null; hw: Dec | null; rho: Dec | null; u: Dec | null };
type Raw = Ratios & { present: boolean; s: Dec; cost: Dec; A: Dec; I: Dec; CR: Dec; CW: Dec; Dv: Dec; Rz: Dec; U: Dec };
/** Every factor of a cell in one period, defined. */
type Factors = { s: Dec; a: Dec; i: Dec; d: Dec; hr: Dec; hw: Dec; rho: Dec; u: Dec; pi: Dec };

const div = (n: Dec, d: Dec): Dec | null => (d === ZERO ? null : divide(n, d));
/** Set bits of a table index (0–15). */
const POPCOUNT = Array.from({ length: 16 }, (_, m) => (m & 1) + ((m >> 1) & 1) + ((m >> 2) & 1) + ((m >> 3) & 1));

// A question decomposes many slices of the same cells with the same rate objects: parse each once.
const parsedWeights = new WeakMap<ReferenceRates, Weights>();
function weightsOf(r: ReferenceRates): Weights {
  let w = parsedWeights.get(r);
  if (!w) parsedWeights.set(r, (w = { in: fx(r.input), cr: fx(r.cache_read), cw: fx(r.cache_write), out: fx(r.output), rs: fx(r.reasoning) }));
  return w;
}

const quantity = (f: Pick<Factors, "i" | "d" | "hr" | "hw" | "rho" | "u">, w: Weights): Dec =>
  mul(f.i, mul(ONE - f.hr - f.hw, w.in) + mul(f.hr, w.cr) + mul(f.hw, w.cw)) + mul(f.d, mul(ONE + f.u, w.out) + mul(f.rho, w.rs));

/** A cell's measurable quantities in one period, before zero-value rules. */
function rawCell(sums: CellSums | undefined, w: Weights): Raw {
  const A = fx(sums?.attempts);
  const Rc = fx(sums?.requests);
  const I = fx(sums?.input_tokens);
  const CR = fx(sums?.cache_read_tokens);
  const CW = fx(sums?.cache_write_tokens);
  const O = fx(sums?.output_tokens);
  const Rz = min(fx(sums?.reasoning_tokens), O);
  const visible = O - Rz;
  // Undelivered output tokens from the cancellation waste at the reference output rate, within [0, visible].
  const waste = fx(sums?.cancellation_waste_usd);
  let U = w.out === ZERO ? ZERO : max(ZERO, min(visible, divide(waste, w.out)));
  let Dv = visible - U;
  if (Dv === ZERO) {
    U = ZERO;
    Dv = visible;
  }
  const present = A > ZERO;
  return {
    present,
    s: ZERO, // set once the scope is known
    a: present && Rc > ZERO ? divide(A, Rc) : null,
    i: present ? divide(I, A) : ZERO,
    d: present ? divide(Dv, A) : ZERO,
    hr: div(CR, I),
    hw: div(CW, I),
    rho: div(Rz, Dv),
    u: div(U, Dv),
    cost: fx(sums?.cost_usd),
    A, I, CR, CW, Dv, Rz, U,
  };
}

type Period = { R: Dec; A: Dec; cells: Map<string, Raw>; avg: Omit<Ratios, "i" | "d"> & { i: Dec | null; d: Dec | null } };

function period(sums: ReadonlyMap<string, CellSums>, keys: string[], weights: Map<string, Weights>): Period {
  const cells = new Map(keys.map((k) => [k, rawCell(sums.get(k), weights.get(k)!)]));
  const total = (f: (r: Raw) => Dec) => [...cells.values()].reduce((s, r) => s + f(r), ZERO);
  const A = total((r) => r.A);
  let R = keys.reduce((s, k) => s + fx(sums.get(k)?.requests), ZERO);
  if (R === ZERO && A > ZERO) R = A; // attempts but no logical request ends in scope: each attempt is one
  const Dv = total((r) => r.Dv);
  const I = total((r) => r.I);
  const avg = {
    a: div(A, R),
    i: div(I, A),
    d: div(Dv, A),
    hr: div(total((r) => r.CR), I),
    hw: div(total((r) => r.CW), I),
    rho: div(total((r) => r.Rz), Dv),
    u: div(total((r) => r.U), Dv),
  };
  for (const r of cells.values()) {
    if (!r.present) continue;
    if (r.a === null) r.a = avg.a; // every attempt here was retried in another cell
    r.s = divide(r.A, mul(R, r.a!));
  }
  return { R, A, cells, avg };
}

/** The factors of a cell in one period after the zero-value rules (see the module comment). */
function resolve(own: Raw, other: Raw, p: Period, w: Weights): Omit<Factors, "pi"> & { q: Dec } {
  const pick = (k: "a" | "hr" | "hw" | "rho" | "u"): Dec => {
    if (!own.present) return p.avg[k] ?? other[k] ?? ZERO;
    return own[k] ?? other[k] ?? p.avg[k] ?? ZERO;
  };
  const f = {
    s: own.present ? own.s : p.A === ZERO ? other.s : ZERO,
    a: pick("a"),
    i: own.present ? own.i : p.avg.i ?? other.i,
    d: own.present ? own.d : p.avg.d ?? other.d,
    hr: pick("hr"),
    hw: pick("hw"),
    rho: pick("rho"),
    u: pick("u"),
  };
  return { ...f, q: quantity(f, w) };
}

const FACTOR_OF: Record<DriverId, keyof Factors | "R" | "tokens" | "cache"> = {
  volume: "R",
  mix: "s",
  tokens_per_request: "tokens",
  cache_rate: "cache",
  reasoning: "rho",
  retries: "a",
  cancellations: "u",
  price: "pi",
};

const NANO = 10n ** BigInt(SCALE - 9);
/** Fixed point → nano-dollars, half to even. */
const toNano = (v: Dec) => divRoundHalfEven(v, NANO);
/** floor(v / NANO) for any sign. */
const floorNano = (v: Dec) => (v >= ZERO || v % NANO === ZERO ? v / NANO : v / NANO - 1n);

/** Rounds amounts to nano-dollars so that they sum exactly to `totalNano` (largest remainder). */
function roundToTotal(values: Dec[], totalNano: bigint): bigint[] {
  const floors = values.map(floorNano);
  let missing = totalNano - floors.reduce((s, f) => s + f, 0n);
  const order = values.map((v, i) => ({ i, rem: v - floors[i] * NANO })).sort((x, y) => (y.rem > x.rem ? 1 : y.rem < x.rem ? -1 : x.i - y.i));
  for (let k = 0; missing > 0n; k = (k + 1) % order.length, missing--) floors[order[k].i] += 1n;
  for (let k = order.length - 1; missing < 0n; k = (k - 1 + order.length) % order.length, missing++) floors[order[k].i] -= 1n;
  return floors;
}

export function decompose(input: DecompositionInput): Decomposition {
  const keys = [...new Set([...input.baseline.keys(), ...input.current.keys()])].sort();
  let weights = new Map(keys.map((k) => [k, weightsOf(input.rates(k) ?? UNIT_RATES)]));
  let p0 = period(input.baseline, keys, weights);
  let p1 = period(input.current, keys, weights);
  // A cell whose cost is not zero but whose tokens weigh nothing at its reference rates (a model that was
  // free in the reference price row) is weighed by plain token counts instead.
  const unweighable = keys.filter((k) => [p0, p1].some((p) => p.cells.get(k)!.present && p.cells.get(k)!.cost !== ZERO && quantity(resolveOwn(p.cells.get(k)!), weights.get(k)!) === ZERO));
  if (unweighable.length) {
    weights = new Map(keys.map((k) => [k, unweighable.includes(k) ? weightsOf(UNIT_RATES) : weights.get(k)!]));
    p0 = period(input.baseline, keys, weights);
    p1 = period(input.current, keys, weights);
  }

  type Cell = { f0: Factors; f1: Factors; w: Weights };
  const cells: Cell[] = keys.map((k) => {
    const w = weights.get(k)!;
    const r0 = p0.cells.get(k)!;
    const r1 = p1.cells.get(k)!;
    const x0 = resolve(r0, r1, p0, w);
    const x1 = resolve(r1, r0, p1, w);
    const piOf = (r: Raw, x: { q: Dec }) => (r.present && x.q !== ZERO ? divide(r.cost, mul(r.A, x.q)) : null);
    const pi0 = piOf(r0, x0);
    const pi1 = piOf(r1, x1);
    return { f0: { ...x0, pi: pi0 ?? pi1 ?? ZERO }, f1: { ...x1, pi: pi1 ?? pi0 ?? ZERO }, w };
  });

  // Only factors that differ somewhere take part (a factor equal in both periods has a Shapley value of 0,
  // and each one left out halves the work).
  const differs = (d: DriverId): boolean => {
    const f = FACTOR_OF[d];
    if (f === "R") return p0.R !== p1.R;
    const fields: (keyof Factors)[] = f === "tokens" ? ["i", "d"] : f === "cache" ? ["hr", "hw"] : [f];
    return cells.some((c) => fields.some((x) => c.f0[x] !== c.f1[x]));
  };
  const players = DRIVERS.filter(differs);
  const n = players.length;

  // F(mask) = Σ_c P_c · Q_c, where P = R·s·a·π depends on four factors and Q (tokens at reference rates per
  // attempt) on the four others: tabulate both halves per cell (16 entries each, only the masks whose bits
  // are players). Partial products are shared between masks (Q = i·X(hr, hw) + d·Y(ρ, u), P = ((R·s)·a)·π)
  // and never rescaled: Q is exact at scale 3·36 and P at 4·36, so the tables cost BigInt multiplications
  // only (a division by 10^36 after each product cost more than the products themselves).
  const PRE: DriverId[] = ["volume", "mix", "retries", "price"];
  const QTY: DriverId[] = ["tokens_per_request", "cache_rate", "reasoning", "cancellations"];
  // Bits of each half's table index that are players (a non-player stays at its baseline value, bit 0).
  const bitsOf = (group: DriverId[]) => group.reduce((m, d, k) => (players.includes(d) ? m | (1 << k) : m), 0);
  const preBits = bitsOf(PRE);
  const qtyBits = bitsOf(QTY);
  const subsets = (bits: number) => Array.from({ length: 16 }, (_, m) => m).filter((m) => (m & ~bits) === 0);
  const preSubsets = subsets(preBits);
  const qtySubsets = subsets(qtyBits);
  const R = [p0.R, p1.R];
  const tables = cells.map((c) => {
    const fs = [c.f0, c.f1];
    const w = c.w;
    const X = fs.map((f) => (ONE - f.hr - f.hw) * w.in + f.hr * w.cr + f.hw * w.cw);
    const Y = [0, 1, 2, 3].map((m) => (ONE + fs[(m >> 1) & 1].u) * w.out + fs[m & 1].rho * w.rs);
    const RS = [0, 1, 2, 3].map((m) => R[m & 1] * fs[(m >> 1) & 1].s);
    const RSA = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => RS[m & 3] * fs[(m >> 2) & 1].a);
    const q = new Array<Dec>(16);
    const pre = new Array<Dec>(16);
    for (const m of qtySubsets) {
      const f = fs[m & 1];
      q[m] = f.i * X[(m >> 1) & 1] + f.d * Y[(m >> 2) & 3];
    }
    for (const m of preSubsets) pre[m] = RSA[m & 7] * fs[(m >> 3) & 1].pi;
    return { q, pre };
  });

  const factorial = (k: number): bigint => (k <= 1 ? 1n : BigInt(k) * factorial(k - 1));
  const zeros = () => Object.fromEntries(DRIVERS.map((d) => [d, ZERO])) as Record<DriverId, Dec>;
  const exact = zeros();
  const perCell = cells.map(zeros);
  const weight = Array.from({ length: n }, (_, k) => factorial(k) * factorial(n - k - 1));
  // The Shapley sums below are at scale 7·36 (Q's 3 and P's 4) times the weights' total n!.
  const denominator = factorial(n) * ONE ** 6n;

  // Shapley value of player d: Σ over coalitions S without d of (F(S ∪ d) − F(S))·|S|!(n−|S|−1)!, with
  // F(S) = Σ_c P_c(S ∩ PRE)·Q_c(S ∩ QTY). Because each cell's term is a product of one function of the PRE half
  // and one of the QTY half, the sum over the other half's subsets folds into its sums by size:
  //   for d in PRE: Σ_{A ∌ d} (P(A ∪ d) − P(A)) · Σ_k weight[|A| + k] · ΣQ_k, ΣQ_k = Σ_{|B| = k} Q(B),
  // and the same with the halves swapped. Exact integers, summed in another order: the same numerators as the
  // sum over all 2^n coalitions (which cost 8× more BigInt work on a view with thousands of cells).
  // Scale 7·36 until the division by the denominator below.
  const bySize = (table: Dec[], masks: number[]) => {
    const out: Dec[] = [];
    for (const m of masks) out[POPCOUNT[m]] = (out[POPCOUNT[m]] ?? ZERO) + table[m];
    return out;
  };
  // Σ_k weight[size + k] · (the other half's sum of size k), for each size of the own half's coalition.
  const foldedBySize = (other: Dec[]) => [0, 1, 2, 3, 4].map((size) => other.reduce((acc, sum, k) => (size + k < n ? acc + weight[size + k] * sum : acc), ZERO));
  // The marginals are summed by coalition size first (additions), then each size's sum is multiplied once.
  const half = (own: Dec[], ownMasks: number[], folded: Dec[], bit: number): Dec => {
    const bySizeOf: Dec[] = [ZERO, ZERO, ZERO, ZERO];
    for (const m of ownMasks) if (!(m & bit)) bySizeOf[POPCOUNT[m]] += own[m | bit] - own[m];
    let acc = ZERO;
    for (let size = 0; size < 4; size++) if (bySizeOf[size] !== ZERO) acc += bySizeOf[size] * folded[size];
    return acc;
  };
  cells.forEach((_, c) => {
    const t = tables[c];
    const foldedQ = foldedBySize(bySize(t.q, qtySubsets));
    const foldedP = foldedBySize(bySize(t.pre, preSubsets));
    for (const d of players) {
      const pre = PRE.indexOf(d);
      const part = pre >= 0 ? half(t.pre, preSubsets, foldedQ, 1 << pre) : half(t.q, qtySubsets, foldedP, 1 << QTY.indexOf(d));
      perCell[c][d] = part;
      exact[d] += part;
    }
  });
  for (const d of players) exact[d] = exact[d] / denominator;

  const c0 = [...p0.cells.values()].reduce((s, r) => s + r.cost, ZERO);
  const c1 = [...p1.cells.values()].reduce((s, r) => s + r.cost, ZERO);
  const change = c1 - c0;
  const residual = change - DRIVERS.reduce((s, d) => s + exact[d], ZERO);
  const residualNano = toNano(residual);
  const rounded = roundToTotal(DRIVERS.map((d) => exact[d]), toNano(change) - residualNano);
  return {
    baseline_usd: formatScaled(toNano(c0), 9),
    current_usd: formatScaled(toNano(c1), 9),
    change_usd: formatScaled(toNano(change), 9),
    drivers: Object.fromEntries(DRIVERS.map((d, i) => [d, formatScaled(rounded[i], 9)])) as Record<DriverId, string>,
    residual_usd: formatScaled(residualNano, 9),
    cells: !input.perCell ? undefined : new Map(keys.map((k, c) => [k, Object.fromEntries(DRIVERS.map((d) => [d, formatScaled(divRoundHalfEven(perCell[c][d], denominator * NANO), 9)])) as Record<DriverId, string>])),
  };
}

/** A present cell's own factors, for checking whether its tokens weigh anything at its rates. */
function resolveOwn(r: Raw): Pick<Factors, "i" | "d" | "hr" | "hw" | "rho" | "u"> {
  return { i: r.i, d: r.d, hr: r.hr ?? ZERO, hw: r.hw ?? ZERO, rho: r.rho ?? ZERO, u: r.u ?? ZERO };
}
