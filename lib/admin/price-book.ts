import type { TeamScope } from "@/lib/auth/roles";
import { chQuery } from "@/lib/clickhouse/client";
import { scopeParams } from "@/lib/clickhouse/fragments";
import { unpricedModels } from "@/lib/clickhouse/queries/unpriced-models";
import { recordAudit } from "@/lib/db/audit";
import { listPrices, upsertPrices } from "@/lib/db/price-book";
import { parseLitellmPrices } from "@/lib/finops/litellm-prices";
import type { PriceCreate } from "@/lib/schemas/settings";

/** Adds (or, for the same key and valid_from, corrects) a price row; audited with the row it replaced. */
export async function savePrice(input: PriceCreate, actor: string) {
  const before = (await listPrices()).find(
    (p) => p.provider === input.provider && p.model === input.model && p.serviceTier === input.serviceTier && p.longContextAbove === input.longContextAbove && p.validFrom.getTime() === input.validFrom.getTime(),
  );
  const result = await upsertPrices([input]);
  await recordAudit({ actor, action: before ? "price.update" : "price.create", entity: "price", entityId: `${input.provider}/${input.model}`, before, after: input });
  return result;
}

/** Imports LiteLLM's price JSON; audited with the counts. */
export async function importLitellm(json: Record<string, unknown>, validFrom: Date, actor: string) {
  const { prices, skipped } = parseLitellmPrices(json);
  const result = await upsertPrices(prices.map((p) => ({ ...p, validFrom, source: `LiteLLM price JSON, imported ${new Date().toISOString().slice(0, 10)}` })));
  await recordAudit({ actor, action: "price.import", entity: "price", after: { ...result, skipped: skipped.length, validFrom } });
  return { ...result, skipped: skipped.length };
}

/** Reads the routes need, from the repository (app/ never imports lib/db). */
export { listPrices } from "@/lib/db/price-book";

/** Models with unpriced events in the caller's teams (stored, flagged, costed at nothing until priced and repriced). */
export function listUnpricedModels(scope: TeamScope) {
  return chQuery(unpricedModels, scopeParams(scope));
}
