import { listOwnershipRules, ownershipRulesVersion } from "@/lib/db/ownership-rules";
import { listPrices, priceBookVersion } from "@/lib/db/price-book";
import { sortRules, type OwnershipRuleRow } from "@/lib/finops/attribution";
import { buildPriceIndex, type PriceIndex } from "@/lib/finops/price-lookup";

/**
 * Prices and ownership rules as the ingest path needs them, cached per process and reloaded when their
 * fingerprint changes, so a price imported by the CLI applies to the next request without a restart.
 */
export type IngestContext = { prices: PriceIndex; rules: OwnershipRuleRow[] };

let cached: { version: string; context: IngestContext } | null = null;

export async function getIngestContext(): Promise<IngestContext> {
  const version = `${await priceBookVersion()}|${await ownershipRulesVersion()}`;
  if (cached?.version === version) return cached.context;
  const [prices, rules] = await Promise.all([listPrices(), listOwnershipRules()]);
  cached = { version, context: { prices: buildPriceIndex(prices), rules: sortRules(rules) } };
  return cached.context;
}
