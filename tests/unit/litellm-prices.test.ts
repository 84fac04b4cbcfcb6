import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLitellmPrices } from "@/lib/finops/litellm-prices";

const json = JSON.parse(readFileSync("tests/fixtures/litellm-prices.json", "utf8"));

describe("parseLitellmPrices (LiteLLM model_prices_and_context_window.json)", () => {
  const { prices, skipped } = parseLitellmPrices(json);
  const find = (model: string, extra: Partial<{ serviceTier: string; longContextAbove: number }> = {}) =>
    prices.find((p) => p.model === model && p.serviceTier === (extra.serviceTier ?? "") && p.longContextAbove === (extra.longContextAbove ?? 0));

  it("reads per-token prices exactly from JSON numbers, with the batch discount from the batch price", () => {
    expect(find("gpt-4.1")).toEqual({
      provider: "openai", model: "gpt-4.1", serviceTier: "", longContextAbove: 0,
      inputPerToken: "0.000002", cacheReadPerToken: "0.0000005", cacheWritePerToken: null, cacheWrite1hPerToken: null,
      outputPerToken: "0.000008", reasoningPerToken: null, batchDiscount: "0.5",
    });
  });
  it("reads service tiers and long-context tiers as their own rows", () => {
    expect(find("gpt-4.1", { serviceTier: "priority" })).toMatchObject({ inputPerToken: "0.0000035", outputPerToken: "0.000014", cacheReadPerToken: "0.000000875" });
    expect(find("claude-sonnet-4-5-20250929")).toMatchObject({ provider: "anthropic", cacheWritePerToken: "0.00000375", cacheWrite1hPerToken: "0.000006" });
    expect(find("claude-sonnet-4-5-20250929", { longContextAbove: 200_000 })).toMatchObject({ inputPerToken: "0.000006", outputPerToken: "0.0000225", cacheReadPerToken: "0.0000006", cacheWritePerToken: "0.0000075" });
  });
  it("maps providers and strips the provider prefix of keys", () => {
    expect(find("gemini-2.5-flash")).toMatchObject({ provider: "google", reasoningPerToken: "0.0000025", cacheReadPerToken: "0.00000003" });
  });
  it("skips non-text modes and entries without prices, saying why", () => {
    expect(prices.map((p) => p.model)).not.toContain("text-embedding-3-small");
    expect(skipped).toEqual([
      { model: "text-embedding-3-small", reason: 'mode "embedding" is not a text-generation mode' },
      { model: "dall-e-3", reason: 'mode "image_generation" is not a text-generation mode' },
      { model: "broken-entry", reason: "no input_cost_per_token / output_cost_per_token" },
    ]);
  });
  it("refuses a file that is not a JSON object", () => {
    expect(() => parseLitellmPrices([])).toThrow(/JSON object keyed by model name/);
  });
});
