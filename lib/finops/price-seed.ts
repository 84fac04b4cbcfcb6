/**
 * List prices seeded into an empty price book, USD per million tokens as published by each vendor
 * (converted to per-token decimals on insert). Source and date travel with each row; correct or extend
 * them in Settings or by importing LiteLLM's price JSON. validFrom is the start of the demo window's year
 * so that historical demo events are priced.
 */
export type SeedPrice = {
  provider: string;
  model: string;
  longContextAbove?: number;
  input: string;
  cacheRead?: string;
  cacheWrite?: string;
  cacheWrite1h?: string;
  output: string;
  batchDiscount?: string;
  source: string;
};

const OPENAI = "openai.com/api/pricing (list price, checked 2025-10)";
const ANTHROPIC = "anthropic.com/pricing#api (list price, checked 2025-10)";
const GOOGLE = "ai.google.dev/gemini-api/docs/pricing (list price, checked 2025-10)";

export const SEED_PRICES: SeedPrice[] = [
  { provider: "openai", model: "gpt-4o", input: "2.50", cacheRead: "1.25", output: "10.00", batchDiscount: "0.5", source: OPENAI },
  { provider: "openai", model: "gpt-4o-mini", input: "0.15", cacheRead: "0.075", output: "0.60", batchDiscount: "0.5", source: OPENAI },
  { provider: "openai", model: "gpt-4.1", input: "2.00", cacheRead: "0.50", output: "8.00", batchDiscount: "0.5", source: OPENAI },
  { provider: "openai", model: "gpt-4.1-mini", input: "0.40", cacheRead: "0.10", output: "1.60", batchDiscount: "0.5", source: OPENAI },
  { provider: "openai", model: "o3", input: "2.00", cacheRead: "0.50", output: "8.00", batchDiscount: "0.5", source: OPENAI },
  { provider: "openai", model: "o4-mini", input: "1.10", cacheRead: "0.275", output: "4.40", batchDiscount: "0.5", source: OPENAI },
  { provider: "openai", model: "gpt-5", input: "1.25", cacheRead: "0.125", output: "10.00", batchDiscount: "0.5", source: OPENAI },
  { provider: "openai", model: "gpt-5-mini", input: "0.25", cacheRead: "0.025", output: "2.00", batchDiscount: "0.5", source: OPENAI },
  { provider: "anthropic", model: "claude-sonnet-4-5", input: "3.00", cacheRead: "0.30", cacheWrite: "3.75", cacheWrite1h: "6.00", output: "15.00", batchDiscount: "0.5", source: ANTHROPIC },
  { provider: "anthropic", model: "claude-sonnet-4-5", longContextAbove: 200000, input: "6.00", cacheRead: "0.60", cacheWrite: "7.50", cacheWrite1h: "12.00", output: "22.50", batchDiscount: "0.5", source: ANTHROPIC },
  { provider: "anthropic", model: "claude-opus-4-1", input: "15.00", cacheRead: "1.50", cacheWrite: "18.75", cacheWrite1h: "30.00", output: "75.00", batchDiscount: "0.5", source: ANTHROPIC },
  { provider: "anthropic", model: "claude-haiku-4-5", input: "1.00", cacheRead: "0.10", cacheWrite: "1.25", cacheWrite1h: "2.00", output: "5.00", batchDiscount: "0.5", source: ANTHROPIC },
  { provider: "google", model: "gemini-2.5-pro", input: "1.25", cacheRead: "0.125", output: "10.00", batchDiscount: "0.5", source: GOOGLE },
  { provider: "google", model: "gemini-2.5-pro", longContextAbove: 200000, input: "2.50", cacheRead: "0.25", output: "15.00", batchDiscount: "0.5", source: GOOGLE },
  { provider: "google", model: "gemini-2.5-flash", input: "0.30", cacheRead: "0.03", output: "2.50", batchDiscount: "0.5", source: GOOGLE },
];
