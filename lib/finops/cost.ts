import type Decimal from "decimal.js";
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
 * Cost of one call and the waste components stamped beside it, as 9-decimal strings.
 * Missing cache prices default to the input price, reasoning to the output price, 1-hour cache writes to
 * the 5-minute write price. For batch calls every rate is discounted, so the components stay parts of the
 * amount actually billed.
 */
export function computeCost(u: TokenUsage, p: PriceRates): CostBreakdown {
  const factor = u.batch ? new Money(1).minus(p.batchDiscount ?? 0) : new Money(1);
  const rate = (v: Decimal.Value) => new Money(v).times(factor);
  const pInput = rate(p.input);
  const pCacheRead = rate(p.cacheRead ?? p.input);
  const pCacheWrite = rate(p.cacheWrite ?? p.input);
  const pCacheWrite1h = rate(p.cacheWrite1h ?? p.cacheWrite ?? p.input);
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
