import "server-only";
import { Money } from "@/lib/finops/money";
import { normalizeName, type PriceRow } from "@/lib/finops/price-lookup";
import { SEED_PRICES } from "@/lib/finops/price-seed";
import { db } from "./prisma";

const PER_MILLION = new Money(1_000_000);
const perToken = (perMillion: string | undefined) => (perMillion === undefined ? null : new Money(perMillion).div(PER_MILLION).toFixed());

/** Every price row (the ingest path indexes them with buildPriceIndex). */
export async function listPrices(): Promise<PriceRow[]> {
  return (await db()).price.findMany({ orderBy: [{ provider: "asc" }, { model: "asc" }, { validFrom: "asc" }] });
}

/** Seeds the list prices of SEED_PRICES into an empty price book; returns how many rows were written. */
export async function seedPricesIfEmpty(validFrom: Date): Promise<number> {
  const prisma = await db();
  if ((await prisma.price.count()) > 0) return 0;
  await prisma.price.createMany({
    data: SEED_PRICES.map((p) => ({
      provider: p.provider,
      model: p.model,
      serviceTier: "",
      longContextAbove: p.longContextAbove ?? 0,
      validFrom,
      inputPerToken: perToken(p.input)!,
      cacheReadPerToken: perToken(p.cacheRead),
      cacheWritePerToken: perToken(p.cacheWrite),
      cacheWrite1hPerToken: perToken(p.cacheWrite1h),
      outputPerToken: perToken(p.output)!,
      batchDiscount: p.batchDiscount ?? "0",
      source: p.source,
    })),
  });
  return SEED_PRICES.length;
}

/** A cheap fingerprint of the price book, to know when a cached copy is stale (e.g. a CLI import). */
export async function priceBookVersion(): Promise<string> {
  const agg = await (await db()).price.aggregate({ _count: { _all: true }, _max: { updatedAt: true } });
  return `${agg._count._all}:${agg._max.updatedAt?.getTime() ?? 0}`;
}

/** A price row as written by an import or the editor. */
export type PriceInput = Omit<PriceRow, "id" | "validFrom"> & { validFrom: Date; source: string };

/**
 * Adds price rows. A row identical in its rates to the row already in force for the same key is skipped
 * (re-importing the same file changes nothing); a row with the same key and valid_from replaces it.
 */
export async function upsertPrices(input: readonly PriceInput[]): Promise<{ created: number; updated: number; unchanged: number }> {
  const prisma = await db();
  // Names as ingest stores them (trimmed, lower case), whichever way a file or the editor spelled them.
  const rows = input.map((r) => ({ ...r, provider: normalizeName(r.provider), model: normalizeName(r.model) }));
  const all = await listPrices();
  const sameKey = (a: Pick<PriceRow, "provider" | "model" | "serviceTier" | "longContextAbove">, b: typeof a) =>
    a.provider === b.provider && a.model === b.model && a.serviceTier === b.serviceTier && a.longContextAbove === b.longContextAbove;
  const sameRates = (a: Omit<PriceInput, "validFrom" | "source">, b: PriceRow) =>
    (["inputPerToken", "cacheReadPerToken", "cacheWritePerToken", "cacheWrite1hPerToken", "outputPerToken", "reasoningPerToken", "batchDiscount"] as const).every(
      (f) => (a[f] === null ? null : new Money(a[f] as string).toFixed()) === (b[f] === null ? null : new Money(b[f] as string).toFixed()),
    );
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const r of rows) {
    const history = all.filter((p) => sameKey(p, r) && p.validFrom.getTime() <= r.validFrom.getTime()).sort((a, b) => b.validFrom.getTime() - a.validFrom.getTime());
    const inForce = history[0];
    if (inForce && sameRates(r, inForce)) {
      unchanged++;
      continue;
    }
    const where = { provider_model_serviceTier_longContextAbove_validFrom: { provider: r.provider, model: r.model, serviceTier: r.serviceTier, longContextAbove: r.longContextAbove, validFrom: r.validFrom } };
    const existing = await prisma.price.findUnique({ where });
    await prisma.price.upsert({ where, create: { ...r }, update: { ...r } });
    if (existing) updated++;
    else created++;
  }
  return { created, updated, unchanged };
}
