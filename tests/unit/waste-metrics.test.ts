import { describe, expect, it } from "vitest";
import { wasteFigures } from "@/lib/finops/waste-metrics";

describe("wasteFigures", () => {
  it("formats each PRODUCT.md waste measure with its definition", () => {
    const figures = wasteFigures({
      cost_usd: "100.000000000", input_tokens: 1000, cache_read_tokens: 250, cache_write_tokens: 0, output_tokens: 400, reasoning_tokens: 100,
      requests: 80, attempts: 100, cache_hit_rate: 0.25, cache_savings_usd: "1.234000000", retry_amplification: 1.25, retry_waste_usd: "5.005000000",
      reasoning_share: 0.25, reasoning_cost_usd: "2.000000000", cancellation_waste_usd: "0.995000000", cancelled_spend_usd: "3.000000000",
      unattributed_usd: "7.000000000", unpriced_events: 1234,
    });
    expect(figures.map((f) => [f.id, f.value, f.detail])).toEqual([
      ["cache", "25.0%", "saved $1.23"],
      ["retry", "1.25×", "retry waste $5.00"],
      ["reasoning", "25.0%", "reasoning cost $2.00"],
      ["cancel", "$0.995", "cancelled spend $3.00"],
      ["unattributed", "$7.00", "no team after ownership rules"],
      ["unpriced", "1,234", "no price in the price book"],
    ]);
    for (const f of figures) expect(f.definition.length).toBeGreaterThan(30);
  });

  it("shows an undefined retry amplification as — (only failed attempts: no request ends), with no change stated", () => {
    const base = {
      cost_usd: "0.002000000", input_tokens: 1000, cache_read_tokens: 0, cache_write_tokens: 0, output_tokens: 0, reasoning_tokens: 0,
      requests: 0, attempts: 1, cache_hit_rate: 0, cache_savings_usd: "0.000000000", retry_amplification: null, retry_waste_usd: "0.002000000",
      reasoning_share: 0, reasoning_cost_usd: "0.000000000", cancellation_waste_usd: "0.000000000", cancelled_spend_usd: "0.000000000",
      unattributed_usd: "0.000000000", unpriced_events: 0,
    };
    const [, retry] = wasteFigures(base, { ...base, requests: 1, retry_amplification: 1 });
    expect([retry.value, retry.change?.text, retry.change?.tone]).toEqual(["—", "—", "neutral"]);
  });
});
