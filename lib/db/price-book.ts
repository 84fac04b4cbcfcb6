import { Money } from "@/lib/finops/money";
import type { PriceRow } from "@/lib/finops/price-lookup";
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
