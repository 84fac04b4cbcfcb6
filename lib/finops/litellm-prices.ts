import Decimal from "decimal.js";
import { Money } from "./money";
import type { PriceRow } from "./price-lookup";

/**
 * Reads LiteLLM's model_prices_and_context_window.json (an object keyed by model name; USD per token as
 * JSON numbers) into price-book rows. One entry can give several rows: base rates, a long-context tier
 * (`*_above_200k_tokens` and similar thresholds) and service tiers (`*_flex`, `*_priority`).
 * JSON numbers are read through their shortest decimal text (2.5e-06 → "0.0000025"), which is exactly
 * the literal LiteLLM published.
 */
export type ImportedPrice = Omit<PriceRow, "id" | "validFrom">;

export type LitellmImport = { prices: ImportedPrice[]; skipped: { model: string; reason: string }[] };

const PROVIDER_ALIASES: Record<string, string> = {
  openai: "openai",
  text_completion_openai: "openai",
  anthropic: "anthropic",
  gemini: "google",
  vertex_ai: "google",
  "vertex_ai-language-models": "google",
  "vertex_ai-anthropic_models": "anthropic",
};

/** Our provider name for a LiteLLM `litellm_provider`. */
export function normalizeProvider(litellmProvider: string): string {
  return PROVIDER_ALIASES[litellmProvider] ?? litellmProvider.toLowerCase();
}

function dec(v: unknown): string | null {
  if (typeof v === "number" && Number.isFinite(v) && v >= 0) return new Money(String(v)).toFixed();
  if (typeof v === "string" && /^\d+(\.\d+)?(e-?\d+)?$/i.test(v)) return new Money(v).toFixed();
  return null;
}

const CHAT_MODES = new Set(["chat", "completion", "responses", undefined]);

export function parseLitellmPrices(json: unknown): LitellmImport {
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new Error("LiteLLM price file must be a JSON object keyed by model name");
  const prices: ImportedPrice[] = [];
  const skipped: LitellmImport["skipped"] = [];
  for (const [key, raw] of Object.entries(json as Record<string, unknown>)) {
    if (key === "sample_spec") continue;
    if (typeof raw !== "object" || raw === null) {
      skipped.push({ model: key, reason: "entry is not an object" });
      continue;
    }
    const e = raw as Record<string, unknown>;
    if (!CHAT_MODES.has(e.mode as string | undefined)) {
      skipped.push({ model: key, reason: `mode "${String(e.mode)}" is not a text-generation mode` });
      continue;
    }
    const input = dec(e.input_cost_per_token);
    const output = dec(e.output_cost_per_token);
    if (input === null || output === null) {
      skipped.push({ model: key, reason: "no input_cost_per_token / output_cost_per_token" });
      continue;
    }
    const provider = normalizeProvider(String(e.litellm_provider ?? key.split("/")[0] ?? ""));
    const model = key.includes("/") ? key.slice(key.lastIndexOf("/") + 1) : key;
    const batchInput = dec(e.input_cost_per_token_batches);
    const batchDiscount = batchInput !== null && new Decimal(input).gt(0) ? new Money(1).minus(new Money(batchInput).div(input)).toFixed() : "0";
    const base: ImportedPrice = {
      provider,
      model,
      serviceTier: "",
      longContextAbove: 0,
      inputPerToken: input,
      cacheReadPerToken: dec(e.cache_read_input_token_cost),
      cacheWritePerToken: dec(e.cache_creation_input_token_cost),
      cacheWrite1hPerToken: dec(e.cache_creation_input_token_cost_above_1hr),
      outputPerToken: output,
      reasoningPerToken: dec(e.output_cost_per_reasoning_token),
      batchDiscount,
    };
    prices.push(base);
    // Long-context tiers: input_cost_per_token_above_<N>k_tokens.
    for (const k of Object.keys(e)) {
      const m = /^input_cost_per_token_above_(\d+)k_tokens$/.exec(k);
      if (!m) continue;
      const suffix = `_above_${m[1]}k_tokens`;
      const tierInput = dec(e[k]);
      if (tierInput === null) continue;
      prices.push({
        ...base,
        longContextAbove: Number(m[1]) * 1000,
        inputPerToken: tierInput,
        outputPerToken: dec(e[`output_cost_per_token${suffix}`]) ?? base.outputPerToken,
        cacheReadPerToken: dec(e[`cache_read_input_token_cost${suffix}`]) ?? base.cacheReadPerToken,
        cacheWritePerToken: dec(e[`cache_creation_input_token_cost${suffix}`]) ?? base.cacheWritePerToken,
      });
    }
    for (const tier of ["flex", "priority"] as const) {
      const tierInput = dec(e[`input_cost_per_token_${tier}`]);
      const tierOutput = dec(e[`output_cost_per_token_${tier}`]);
      if (tierInput === null || tierOutput === null) continue;
      prices.push({
        ...base,
        serviceTier: tier,
        inputPerToken: tierInput,
        outputPerToken: tierOutput,
        cacheReadPerToken: dec(e[`cache_read_input_token_cost_${tier}`]) ?? base.cacheReadPerToken,
      });
    }
  }
  return { prices, skipped };
}
