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

/** Provider and model names as priced and grouped: trimmed, lower case (`GPT-4.1 ` and `gpt-4.1` are one model). */
export const normalizeName = (s: string) => s.trim().toLowerCase();

const key = (provider: string, model: string) => `${normalizeName(provider)}\u0000${normalizeName(model)}`;

/**
 * A dated snapshot name and the undated name it belongs to: providers answer `gpt-5-mini-2025-08-07`
 * (OpenAI, -YYYY-MM-DD), `claude-sonnet-4-5-20250929` (Anthropic, -YYYYMMDD) or `claude-sonnet-4-5@20250929`
 * (Vertex) where price books name `gpt-5-mini` / `claude-sonnet-4-5`. null when the name carries no date.
 */
export function undatedModel(model: string): string | null {
  const m = /^(.+?)[-@](\d{4}-\d{2}-\d{2}|\d{8})$/.exec(model);
  if (!m) return null;
  const d = m[2].replaceAll("-", "");
  const month = Number(d.slice(4, 6));
  const day = Number(d.slice(6, 8));
  // Only a plausible calendar date counts as a snapshot stamp (not e.g. a build number of eight digits).
  return Number(d.slice(0, 4)) >= 2000 && month >= 1 && month <= 12 && day >= 1 && day <= 31 ? m[1] : null;
}

// The earliest valid_from of each (provider, model): rows from that date act as in force since -infinity
// (a model's first price applies to its whole history; no earlier row exists to say otherwise).
const firstValidFrom = new WeakMap<PriceRow[], number>();

/** Groups price rows by (provider, model) for repeated lookups during an ingest. */
export function buildPriceIndex(rows: readonly PriceRow[]): PriceIndex {
  const index: PriceIndex = new Map();
  for (const row of rows) {
    const k = key(row.provider, row.model);
    const list = index.get(k) ?? [];
    list.push(row);
    index.set(k, list);
  }
  for (const list of index.values()) firstValidFrom.set(list, Math.min(...list.map((r) => r.validFrom.getTime())));
  return index;
}

/** The price rows of a call's model: its own name's rows, else (a dated snapshot with no row of its own) the undated name's. */
function rowsFor(index: PriceIndex, provider: string, model: string): PriceRow[] | undefined {
  const own = index.get(key(provider, model));
  if (own) return own;
  const undated = undatedModel(normalizeName(model));
  return undated === null ? undefined : index.get(key(provider, undated));
}

/**
 * The row in force for a call: same provider and model (names compared trimmed and case-insensitively; a
 * dated snapshot such as `gpt-5-mini-2025-08-07` falls back to the undated `gpt-5-mini` rows when it has none
 * of its own), valid_from at or before the call (the model's first rows count from -infinity), the call's
 * service tier if such rows exist (else the standard rows), and the highest long-context threshold the
 * call's input exceeds. Among rows that qualify, the latest valid_from wins. null = unpriced.
 */
export function findPrice(
  index: PriceIndex,
  call: { provider: string; model: string; ts: Date; serviceTier: string; inputTokens: number },
): PriceRow | null {
  const rows = rowsFor(index, call.provider, call.model);
  if (!rows) return null;
  // The first rows' valid_from is moved to -infinity by moving the call to at least that date instead.
  const at = Math.max(call.ts.getTime(), firstValidFrom.get(rows) ?? -Infinity);
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
