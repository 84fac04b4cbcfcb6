import { readFileSync } from "node:fs";
import { upsertPrices } from "@/lib/db/price-book";
import { parseLitellmPrices } from "@/lib/finops/litellm-prices";

/** `cli prices import FILE`: LiteLLM's price JSON into the price book, effective from `validFrom`. */
export async function importLitellmFile(file: string, validFrom: Date) {
  const { prices, skipped } = parseLitellmPrices(JSON.parse(readFileSync(file, "utf8")));
  const source = `LiteLLM model_prices_and_context_window.json (${file}), imported ${new Date().toISOString().slice(0, 10)}`;
  const result = await upsertPrices(prices.map((p) => ({ ...p, validFrom, source })));
  return { ...result, skipped: skipped.length };
}
