import Decimal from "decimal.js";

/**
 * Exact decimal money. Stored amounts carry 9 decimals (ClickHouse Decimal(18, 9)); per-event values are
 * rounded half-even to that once, at ingest, so every report is a sum of stored values and adds up exactly.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Money = Decimal;

export const MONEY_SCALE = 9;

/** A stored amount: a decimal string with exactly 9 decimals. */
export function toStored(value: Decimal.Value): string {
  return new Money(value).toFixed(MONEY_SCALE, Decimal.ROUND_HALF_EVEN);
}

/** Sums decimal strings exactly. */
export function sumMoney(values: Iterable<Decimal.Value>): Decimal {
  let total = new Money(0);
  for (const v of values) total = total.plus(v);
  return total;
}

const MILLION = 1_000_000;

/** USD per token → USD per million tokens, exact ("0.0000025" → "2.5"). */
export function perMillion(perToken: string): string {
  return new Money(perToken).times(MILLION).toFixed();
}

/** USD per million tokens → USD per token, exact ("2.5" → "0.0000025"). */
export function perToken(perMillionTokens: string): string {
  return new Money(perMillionTokens).div(MILLION).toFixed();
}
