import { describe, expect, it } from "vitest";
import { computeCost, type PriceRates, type TokenUsage } from "@/lib/finops/cost";

// Anthropic-like rates per token: input $3/M, cache read $0.30/M, write 5m $3.75/M, write 1h $6/M, output $15/M.
const rates: PriceRates = {
  id: "p1",
  input: "0.000003",
  cacheRead: "0.0000003",
  cacheWrite: "0.00000375",
  cacheWrite1h: "0.000006",
  output: "0.000015",
  batchDiscount: "0.5",
};
const usage = (u: Partial<TokenUsage>): TokenUsage => ({
  input: 0, cacheRead: 0, cacheWrite: 0, cacheWrite1h: 0, output: 0, reasoning: 0, deliveredOutput: null, batch: false, cancelled: false, ...u,
});

describe("computeCost (PRODUCT.md formula)", () => {
  it("prices every token kind by hand-checked arithmetic", () => {
    // uncached input 1000·3e-6 = 0.003; cache read 2000·3e-7 = 0.0006; 5m write 300·3.75e-6 = 0.001125;
    // 1h write 200·6e-6 = 0.0012; output 400·15e-6 = 0.006; reasoning 100·15e-6 = 0.0015 → 0.013425
    const c = computeCost(usage({ input: 3500, cacheRead: 2000, cacheWrite: 500, cacheWrite1h: 200, output: 500, reasoning: 100 }), rates);
    expect(c.cost).toBe("0.013425000");
    expect(c.reasoningCost).toBe("0.001500000");
    // savings: 2000·(3e-6 − 3e-7) − 300·(3.75e-6 − 3e-6) − 200·(6e-6 − 3e-6) = 0.0054 − 0.000225 − 0.0006
    expect(c.cacheSavings).toBe("0.004575000");
  });

  it("discounts batch calls", () => {
    const c = computeCost(usage({ input: 1_000_000, output: 1_000_000, batch: true }), rates);
    expect(c.cost).toBe("9.000000000"); // (3 + 15) · 0.5
  });

  it("defaults missing cache and reasoning prices to input and output", () => {
    const c = computeCost(usage({ input: 100, cacheRead: 40, cacheWrite: 10, output: 10, reasoning: 4 }), { id: "p", input: "0.00001", output: "0.00002" });
    // 50·1e-5 + 40·1e-5 + 10·1e-5 + 6·2e-5 + 4·2e-5 = 0.0012
    expect(c.cost).toBe("0.001200000");
    expect(c.cacheSavings).toBe("0.000000000");
  });

  it("charges cancellation waste on undelivered output, all output when delivery is unknown", () => {
    expect(computeCost(usage({ input: 10, output: 1000, deliveredOutput: 250, cancelled: true }), rates).cancellationWaste).toBe("0.011250000");
    expect(computeCost(usage({ input: 10, output: 1000, cancelled: true }), rates).cancellationWaste).toBe("0.015000000");
    expect(computeCost(usage({ input: 10, output: 1000, deliveredOutput: 250 }), rates).cancellationWaste).toBe("0.000000000");
  });

  it("stays exact where binary floats drift", () => {
    // 0.1 + 0.2 style: 3 tokens at $0.0000001 each is exactly 0.0000003
    expect(computeCost(usage({ input: 3 }), { id: "p", input: "0.0000001", output: "0" }).cost).toBe("0.000000300");
  });
});

describe("computeCost (BigInt fixed point) equals the decimal.js reference", () => {
  it("on 20,000 random calls and price rows, including batch discounts and odd rates", async () => {
    const { computeCostDecimal } = await import("@/lib/finops/cost");
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const int = (max: number) => Math.floor(rnd() * max);
    const price = () => (rnd() < 0.2 ? null : (int(10_000_000) / 10 ** (6 + int(7))).toString());
    for (let i = 0; i < 20_000; i++) {
      const input = int(2_000_000);
      const cacheRead = int(input + 1);
      const cacheWrite = int(input - cacheRead + 1);
      const cacheWrite1h = int(cacheWrite + 1);
      const output = int(200_000);
      const reasoning = int(output + 1);
      const u = { input, cacheRead, cacheWrite, cacheWrite1h, output, reasoning, deliveredOutput: rnd() < 0.5 ? null : int(output + 1), batch: rnd() < 0.3, cancelled: rnd() < 0.2 };
      const p: PriceRates = { id: `p${i}`, input: price() ?? "0.000003", cacheRead: price(), cacheWrite: price(), cacheWrite1h: price(), output: price() ?? "0.000015", reasoning: price(), batchDiscount: ["0", "0.5", "0.25", "0.333333333"][int(4)] };
      expect(computeCost(u, p)).toEqual(computeCostDecimal(u, p));
    }
  });
});

describe("1-hour cache write price", () => {
  it("defaults to the input price when missing (PRODUCT.md), not to the 5-minute price", () => {
    const c = computeCost(usage({ input: 100, cacheWrite: 100, cacheWrite1h: 100 }), { id: "p", input: "0.000001", cacheWrite: "0.000002", output: "0" });
    expect(c.cost).toBe("0.000100000");
  });
});
