import { SEED_PRICES, type SeedPrice } from "@/lib/finops/price-seed";
import type { Model } from "./catalog";

type PriceRows = SeedPrice[];
const PRICES = new Map<string, PriceRows>();
for (const p of SEED_PRICES) {
  const k = `${p.provider}/${p.model}`;
  PRICES.set(k, [...(PRICES.get(k) ?? []), p]);
}

/** What a gateway (LiteLLM) would report as cost_usd: list prices, PRODUCT.md's formula, 9 decimals. */
export function gatewayCost(model: Model, t: { input: number; read: number; write: number; write1h: number; output: number; batch: boolean }): string | undefined {
  const rows = PRICES.get(`${model[0]}/${model[1]}`);
  if (!rows) return undefined;
  let row = rows.find((r) => !r.longContextAbove)!;
  for (const r of rows) if (r.longContextAbove && t.input > r.longContextAbove) row = r;
  const pin = Number(row.input);
  const cost =
    (t.input - t.read - t.write) * pin +
    t.read * Number(row.cacheRead ?? row.input) +
    (t.write - t.write1h) * Number(row.cacheWrite ?? row.input) +
    t.write1h * Number(row.cacheWrite1h ?? row.cacheWrite ?? row.input) +
    t.output * Number(row.output);
  return ((cost * (t.batch ? 1 - Number(row.batchDiscount ?? 0) : 1)) / 1e6).toFixed(9);
}
