import { readFileSync } from "node:fs";
import { importLitellm } from "@/lib/admin/price-book";
import { InvalidInputError } from "@/lib/errors";
import { migrate } from "@/lib/clickhouse/migrate";
import { StoreBusyError } from "@/lib/clickhouse/store-owner";

/**
 * `cli prices import FILE`: LiteLLM's price JSON into the price book, effective from `validFrom`, through the
 * same audited service as POST /api/v1/prices/import (actor "cli"), including the reprice of unpriced events
 * when a model gets its first price.
 */
export async function importLitellmFile(file: string, validFrom: Date) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new InvalidInputError(`${file} is not readable JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new InvalidInputError(`${file} must hold a JSON object (LiteLLM's model_prices_and_context_window.json)`);
  // A fresh data directory has no event store schema yet (the first-price reprice reads it); while a server
  // holds the store, the service defers that reprice to the server and says so.
  await migrate().catch((err: unknown) => {
    if (!(err instanceof StoreBusyError)) throw err;
  });
  return importLitellm(json as Record<string, unknown>, validFrom, "cli", `LiteLLM model_prices_and_context_window.json (${file})`);
}

/** A CLI date option: YYYY-MM-DD (a real calendar date) or a full RFC 3339 instant. */
export function parseDateOption(name: string, value: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(value);
  const date = new Date(m && !m[4] ? `${value}T00:00:00Z` : value);
  const real = m && !Number.isNaN(date.getTime()) && date.getUTCMonth() + 1 === Number(m[2]) && date.getUTCDate() === Number(m[3]);
  if (!real) throw new InvalidInputError(`${name} must be a calendar date (YYYY-MM-DD), got "${value}"`);
  return date;
}
