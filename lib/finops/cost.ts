import type Decimal from "decimal.js";
import { toScaled, divRoundHalfEven, formatScaled } from "./fixed-point";
import { Money, toStored } from "./money";

/** Rates of one price row, USD per token (PRODUCT.md "Money and metric definitions"). */
export type PriceRates = {
  id: string;
  input: Decimal.Value;
  cacheRead?: Decimal.Value | null;
  cacheWrite?: Decimal.Value | null;
  cacheWrite1h?: Decimal.Value | null;
  output: Decimal.Value;
  reasoning?: Decimal.Value | null;
  batchDiscount?: Decimal.Value | null;
};

/** Token counts in the canonical convention (input includes cache, output includes reasoning). */
export type TokenUsage = {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  cacheWrite1h: number;
  output: number;
  reasoning: number;
  deliveredOutput: number | null;
  batch: boolean;
  cancelled: boolean;
};

export type CostBreakdown = {
  cost: string;
  reasoningCost: string;
  cacheSavings: string;
  cancellationWaste: string;
};

/**
 * Reference implementation on decimal.js (and the fallback for rates with more than 18 decimals or a batch
 * discount with more than 9). Same results as computeCost, which tests check on random inputs.
 *
 * Cost of one call and the waste components stamped beside it, as 9-decimal strings.
 * Missing cache prices default to the input price, reasoning to the output price, 1-hour cache writes to
 * the input price (PRODUCT.md: missing cache prices default to input). For batch calls every rate is discounted, so the components stay parts of the
 * amount actually billed.
 */
export function computeCostDecimal(u: TokenUsage, p: PriceRates): CostBreakdown {
  const factor = u.batch ? new Money(1).minus(p.batchDiscount ?? 0) : new Money(1);
  const rate = (v: Decimal.Value) => new Money(v).times(factor);
  const pInput = rate(p.input);
  const pCacheRead = rate(p.cacheRead ?? p.input);
  const pCacheWrite = rate(p.cacheWrite ?? p.input);
  const pCacheWrite1h = rate(p.cacheWrite1h ?? p.input);
  const pOutput = rate(p.output);
  const pReasoning = rate(p.reasoning ?? p.output);

  const uncachedInput = u.input - u.cacheRead - u.cacheWrite;
  const cost = pInput
    .times(uncachedInput)
    .plus(pCacheRead.times(u.cacheRead))
    .plus(pCacheWrite.times(u.cacheWrite - u.cacheWrite1h))
    .plus(pCacheWrite1h.times(u.cacheWrite1h))
    .plus(pOutput.times(u.output - u.reasoning))
    .plus(pReasoning.times(u.reasoning));
  const cacheSavings = pInput
    .minus(pCacheRead)
    .times(u.cacheRead)
    .minus(pCacheWrite.minus(pInput).times(u.cacheWrite - u.cacheWrite1h))
    .minus(pCacheWrite1h.minus(pInput).times(u.cacheWrite1h));
  const undelivered = u.cancelled ? u.output - Math.min(u.output, u.deliveredOutput ?? 0) : 0;
  return {
    cost: toStored(cost),
    reasoningCost: toStored(pReasoning.times(u.reasoning)),
    cacheSavings: toStored(cacheSavings),
    cancellationWaste: toStored(pOutput.times(undelivered)),
  };
}

// Rates in units of 10^-18 USD per token; the batch factor in units of 10^-9. Products are in 10^-27 USD and
// are rounded half-even once, to the stored 10^-9.
const RATE_SCALE = 18;
const FACTOR_SCALE = 9;
const RESULT_SHIFT = 10n ** BigInt(RATE_SCALE + FACTOR_SCALE - 9);
const ONE_FACTOR = 10n ** BigInt(FACTOR_SCALE);

type Prepared = { input: bigint; cacheRead: bigint; cacheWrite: bigint; cacheWrite1h: bigint; output: bigint; reasoning: bigint; batchFactor: bigint } | null;
const prepared = new WeakMap<PriceRates, Prepared>();

function prepare(p: PriceRates): Prepared {
  const r = (v: Decimal.Value) => toScaled(v.toString(), RATE_SCALE);
  const input = r(p.input);
  const cacheRead = r(p.cacheRead ?? p.input);
  const cacheWrite = r(p.cacheWrite ?? p.input);
  const cacheWrite1h = r(p.cacheWrite1h ?? p.input);
  const output = r(p.output);
  const reasoning = r(p.reasoning ?? p.output);
  const discount = toScaled((p.batchDiscount ?? 0).toString(), FACTOR_SCALE);
  if (input === null || cacheRead === null || cacheWrite === null || cacheWrite1h === null || output === null || reasoning === null || discount === null) return null;
  return { input, cacheRead, cacheWrite, cacheWrite1h, output, reasoning, batchFactor: ONE_FACTOR - discount };
}

/**
 * Cost of one call and the waste components stamped beside it, as 9-decimal strings (PRODUCT.md formula).
 * Missing cache prices default to the input price, reasoning to the output price, 1-hour cache writes to
 * the input price (PRODUCT.md: missing cache prices default to input). For batch calls every rate is discounted, so the components stay parts of the
 * amount actually billed. Exact: BigInt fixed point, rounded half-even once per value.
 */
export function computeCost(u: TokenUsage, p: PriceRates): CostBreakdown {
  let rates = prepared.get(p);
  if (rates === undefined) {
    rates = prepare(p);
    prepared.set(p, rates);
  }
  if (rates === null) return computeCostDecimal(u, p);
  const f = u.batch ? rates.batchFactor : ONE_FACTOR;
  const n = BigInt;
  const cacheWrite5m = n(u.cacheWrite - u.cacheWrite1h);
  const cost =
    rates.input * n(u.input - u.cacheRead - u.cacheWrite) +
    rates.cacheRead * n(u.cacheRead) +
    rates.cacheWrite * cacheWrite5m +
    rates.cacheWrite1h * n(u.cacheWrite1h) +
    rates.output * n(u.output - u.reasoning) +
    rates.reasoning * n(u.reasoning);
  const savings =
    (rates.input - rates.cacheRead) * n(u.cacheRead) - (rates.cacheWrite - rates.input) * cacheWrite5m - (rates.cacheWrite1h - rates.input) * n(u.cacheWrite1h);
  const undelivered = u.cancelled ? u.output - Math.min(u.output, u.deliveredOutput ?? 0) : 0;
  const out = (units: bigint) => formatScaled(divRoundHalfEven(units * f, RESULT_SHIFT), 9);
  return {
    cost: out(cost),
    reasoningCost: out(rates.reasoning * n(u.reasoning)),
    cacheSavings: out(savings),
    cancellationWaste: out(rates.output * n(undelivered)),
  };
}
