import { describe, expect, it } from "vitest";
import { buildPriceIndex, findPrice, undatedModel, type PriceRow } from "@/lib/finops/price-lookup";

const row = (p: Partial<PriceRow>): PriceRow => ({
  id: "x", provider: "openai", model: "gpt-4.1", serviceTier: "", longContextAbove: 0, validFrom: new Date("2026-01-01T00:00:00Z"),
  inputPerToken: "0.000002", cacheReadPerToken: null, cacheWritePerToken: null, cacheWrite1hPerToken: null, outputPerToken: "0.000008",
  reasoningPerToken: null, batchDiscount: "0", ...p,
});
const index = buildPriceIndex([
  row({ id: "jan" }),
  row({ id: "mar", validFrom: new Date("2026-03-01T00:00:00Z") }),
  row({ id: "mar-long", validFrom: new Date("2026-03-01T00:00:00Z"), longContextAbove: 200_000 }),
  row({ id: "flex", serviceTier: "flex" }),
]);
const call = (over: Partial<Parameters<typeof findPrice>[1]> = {}) => ({ provider: "openai", model: "gpt-4.1", ts: new Date("2026-02-01T00:00:00Z"), serviceTier: "", inputTokens: 1000, ...over });

describe("findPrice", () => {
  it("uses the row in force at the event's timestamp", () => {
    expect(findPrice(index, call())?.id).toBe("jan");
    expect(findPrice(index, call({ ts: new Date("2026-03-01T00:00:00Z") }))?.id).toBe("mar");
  });
  it("picks the long-context tier above its threshold only", () => {
    expect(findPrice(index, call({ ts: new Date("2026-04-01Z"), inputTokens: 200_000 }))?.id).toBe("mar");
    expect(findPrice(index, call({ ts: new Date("2026-04-01Z"), inputTokens: 200_001 }))?.id).toBe("mar-long");
  });
  it("picks a service tier's rows when they exist, standard rows otherwise", () => {
    expect(findPrice(index, call({ serviceTier: "flex" }))?.id).toBe("flex");
    expect(findPrice(index, call({ serviceTier: "priority" }))?.id).toBe("jan");
  });
  it("is case-insensitive on provider and model (trimmed), and null for unknown models", () => {
    expect(findPrice(index, call({ provider: "OpenAI", model: " GPT-4.1 " }))?.id).toBe("jan");
    expect(findPrice(index, call({ model: "gpt-9" }))).toBeNull();
  });
  it("applies a model's first price to its whole history; later prices from their valid_from", () => {
    expect(findPrice(index, call({ ts: new Date("2025-12-31T23:59:59Z") }))?.id).toBe("jan");
    expect(findPrice(index, call({ ts: new Date("2020-01-01T00:00:00Z"), serviceTier: "flex" }))?.id).toBe("flex");
    expect(findPrice(index, call({ ts: new Date("2026-02-28T23:59:59Z") }))?.id).toBe("jan");
  });
});

describe("findPrice for dated model snapshots", () => {
  const idx = buildPriceIndex([
    row({ id: "mini", model: "gpt-5-mini" }),
    row({ id: "sonnet", provider: "anthropic", model: "claude-sonnet-4-5" }),
    row({ id: "o3", model: "o3" }),
    row({ id: "o3-dated", model: "o3-2025-04-16" }),
  ]);
  it("prices a dated snapshot by the undated row when it has no row of its own", () => {
    expect(findPrice(idx, call({ model: "gpt-5-mini-2025-08-07" }))?.id).toBe("mini");
    expect(findPrice(idx, call({ provider: "anthropic", model: "claude-sonnet-4-5-20250929" }))?.id).toBe("sonnet");
    expect(findPrice(idx, call({ provider: "anthropic", model: "claude-sonnet-4-5@20250929" }))?.id).toBe("sonnet");
  });
  it("prefers the dated row where one exists, and never strips what is not a date", () => {
    expect(findPrice(idx, call({ model: "o3-2025-04-16" }))?.id).toBe("o3-dated");
    expect(findPrice(idx, call({ model: "gpt-5-mini-12345678" }))).toBeNull();
    expect(findPrice(idx, call({ provider: "anthropic", model: "gpt-5-mini-2025-08-07" }))).toBeNull();
    expect(undatedModel("gpt-5-mini-2025-08-07")).toBe("gpt-5-mini");
    expect(undatedModel("claude-3-5-haiku-20241022")).toBe("claude-3-5-haiku");
    expect(undatedModel("gpt-4.1")).toBeNull();
  });
});

describe("findPrice with a base price change after a long-context row", () => {
  it("keeps applying the long-context row above its threshold", () => {
    const idx = buildPriceIndex([
      row({ id: "base-jan" }),
      row({ id: "long-jan", longContextAbove: 200_000 }),
      row({ id: "base-jun", validFrom: new Date("2026-06-01T00:00:00Z") }),
    ]);
    const at = new Date("2026-07-01T00:00:00Z");
    expect(findPrice(idx, call({ ts: at, inputTokens: 300_000 }))?.id).toBe("long-jan");
    expect(findPrice(idx, call({ ts: at, inputTokens: 1_000 }))?.id).toBe("base-jun");
  });
});
