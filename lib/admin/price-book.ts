import type { TeamScope } from "@/lib/auth/roles";
import { chQuery } from "@/lib/clickhouse/client";
import { scopeParams } from "@/lib/clickhouse/fragments";
import { unpricedModels } from "@/lib/clickhouse/queries/unpriced-models";
import { StoreBusyError } from "@/lib/clickhouse/store-owner";
import { notifyBudgetsChanged } from "@/lib/budgets/check-state";
import { recordAudit } from "@/lib/db/audit";
import { listPrices, upsertPrices, type PriceInput } from "@/lib/db/price-book";
import { parseLitellmPrices } from "@/lib/finops/litellm-prices";
import { normalizeName } from "@/lib/finops/price-lookup";
import { repriceUnpricedOpenPeriods, type RecomputeSummary } from "@/lib/finops/recompute";
import type { PriceCreate } from "@/lib/schemas/settings";

/**
 * The one service every price-book write goes through (Settings, the API and `cli prices import`): audited,
 * and when a (provider, model) gets its first price, that price applies to its whole history, so the unpriced
 * events of open periods are priced at once by the recorded reprice (lib/finops/recompute.ts). Later prices
 * take effect from their valid_from and reprice nothing by themselves (POST /prices/reprice does).
 */
export type FirstPriceReprice = { models: string[]; repriced: RecomputeSummary | null; deferred: string | null };

const modelKey = (p: { provider: string; model: string }) => `${normalizeName(p.provider)}/${normalizeName(p.model)}`;

async function newModels(rows: readonly { provider: string; model: string }[]): Promise<string[]> {
  const known = new Set((await listPrices()).map(modelKey));
  return [...new Set(rows.map(modelKey))].filter((k) => !known.has(k));
}

async function priceFirstTimers(models: string[], actor: string): Promise<FirstPriceReprice> {
  if (!models.length) return { models, repriced: null, deferred: null };
  try {
    return { models, repriced: await repriceUnpricedOpenPeriods(actor, models), deferred: null };
  } catch (err) {
    // The CLI while a server holds the embedded store: the prices are saved; the server's reprice prices the events.
    if (err instanceof StoreBusyError) return { models, repriced: null, deferred: "the event store is held by the running server: reprice there (Settings → Price book → Reprice, or POST /api/v1/prices/reprice)" };
    throw err;
  }
}

/** Adds (or, for the same key and valid_from, corrects) a price row; audited with the row it replaced. */
export async function savePrice(input: PriceCreate, actor: string) {
  const row = { ...input, provider: normalizeName(input.provider), model: normalizeName(input.model) };
  const before = (await listPrices()).find(
    (p) => p.provider === row.provider && p.model === row.model && p.serviceTier === row.serviceTier && p.longContextAbove === row.longContextAbove && p.validFrom.getTime() === row.validFrom.getTime(),
  );
  const first = await newModels([row]);
  const result = await upsertPrices([row]);
  // The budget decision API prices `model` + tokens from its in-memory copy of the price book: reload it now,
  // not at the next periodic refresh (up to 30 s of estimates at the old price).
  notifyBudgetsChanged();
  await recordAudit({ actor, action: before ? "price.update" : "price.create", entity: "price", entityId: `${row.provider}/${row.model}`, before, after: row });
  return { ...result, firstPrice: await priceFirstTimers(first, actor) };
}

/** Imports LiteLLM's price JSON (from the API or the CLI); audited with the counts. */
export async function importLitellm(json: Record<string, unknown>, validFrom: Date, actor: string, source = "LiteLLM price JSON") {
  const { prices, skipped } = parseLitellmPrices(json);
  const rows: PriceInput[] = prices.map((p) => ({ ...p, validFrom, source: `${source}, imported ${new Date().toISOString().slice(0, 10)}` }));
  const first = await newModels(rows);
  const result = await upsertPrices(rows);
  notifyBudgetsChanged(); // as in savePrice
  await recordAudit({ actor, action: "price.import", entity: "price", after: { ...result, skipped: skipped.length, validFrom } });
  return { ...result, skipped: skipped.length, firstPrice: await priceFirstTimers(first, actor) };
}

/** Reads the routes need, from the repository (app/ never imports lib/db). */
export { listPrices } from "@/lib/db/price-book";

/** Models with unpriced events in the caller's teams (stored, flagged, costed at nothing until priced and repriced). */
export function listUnpricedModels(scope: TeamScope) {
  return chQuery(unpricedModels, scopeParams(scope));
}
