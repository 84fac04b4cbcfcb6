import type { PriceRates } from "./cost";

/** A price row as stored in the price book (decimal strings, effective-dated, optionally tiered). */
export type PriceRow = {
  id: string;
  provider: string;
  model: string;
  serviceTier: string;
  longContextAbove: number;
  validFrom: Date;
  inputPerToken: string;
  cacheReadPerToken: string | null;
  cacheWritePerToken: string | null;
  cacheWrite1hPerToken: string | null;
  outputPerToken: string;
  reasoningPerToken: string | null;
  batchDiscount: string;
};

export type PriceIndex = Map<string, PriceRow[]>;

const key = (provider: string, model: string) => `${provider.toLowerCase()}\u0000${model.toLowerCase()}`;

/** Groups price rows by (provider, model) for repeated lookups during an ingest. */
export function buildPriceIndex(rows: readonly PriceRow[]): PriceIndex {
  const index: PriceIndex = new Map();
  for (const row of rows) {
    const k = key(row.provider, row.model);
    const list = index.get(k) ?? [];
    list.push(row);
    index.set(k, list);
  }
  return index;
}

/**
 * The row in force for a call: same provider and model, valid_from at or before the call, the call's
 * service tier if such rows exist (else the standard rows), and the highest long-context threshold the
 * call's input exceeds. Among rows that qualify, the latest valid_from wins. null = unpriced.
 */
export function findPrice(
  index: PriceIndex,
  call: { provider: string; model: string; ts: Date; serviceTier: string; inputTokens: number },
): PriceRow | null {
  const rows = index.get(key(call.provider, call.model));
  if (!rows) return null;
  const at = call.ts.getTime();
  // Hot path (every ingested event): plain loops, no intermediate arrays.
  let tier = "";
  if (call.serviceTier) {
    for (const r of rows) {
      if (r.serviceTier === call.serviceTier && r.validFrom.getTime() <= at) {
        tier = call.serviceTier;
        break;
      }
    }
  }
  // Per threshold, the latest row in force; then the highest threshold the call's input exceeds. (A newer
  // base row must not hide an older long-context row: price changes often touch only the base rates.)
  const latestByThreshold = new Map<number, PriceRow>();
  for (const r of rows) {
    if (r.serviceTier !== tier || r.validFrom.getTime() > at) continue;
    if (r.longContextAbove !== 0 && call.inputTokens <= r.longContextAbove) continue;
    const cur = latestByThreshold.get(r.longContextAbove);
    if (!cur || r.validFrom.getTime() > cur.validFrom.getTime()) latestByThreshold.set(r.longContextAbove, r);
  }
  let best: PriceRow | null = null;
  for (const r of latestByThreshold.values()) if (!best || r.longContextAbove > best.longContextAbove) best = r;
  return best;
}

const ratesCache = new WeakMap<PriceRow, PriceRates>();

/** The rates of a price row, in the shape computeCost takes (one object per row, so its preparation is cached). */
export function ratesOf(row: PriceRow): PriceRates {
  let rates = ratesCache.get(row);
  if (!rates) {
    rates = makeRates(row);
    ratesCache.set(row, rates);
  }
  return rates;
}

function makeRates(row: PriceRow): PriceRates {
  return {
    id: row.id,
    input: row.inputPerToken,
    cacheRead: row.cacheReadPerToken,
    cacheWrite: row.cacheWritePerToken,
    cacheWrite1h: row.cacheWrite1hPerToken,
    output: row.outputPerToken,
    reasoning: row.reasoningPerToken,
    batchDiscount: row.batchDiscount,
  };
}
