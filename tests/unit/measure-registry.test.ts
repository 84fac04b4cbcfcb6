import { describe, expect, it } from "vitest";
import { METRICS } from "@/lib/finops/explorer-metrics";
import { EMPTY_SUMS, measureOf, toMeasures } from "@/lib/finops/measures";
import { MEASURE_IDS, MEASURES, MONEY_MEASURES, RATIO_MEASURES, SUMMED_MEASURES } from "@/lib/measures/registry";
import { SummaryMeasures } from "@/lib/schemas/summary";
import { METRIC_IDS } from "@/lib/schemas/timeseries";

describe("measure registry", () => {
  it("is the one list the schema, the timeseries metrics and the explorer derive from", () => {
    expect(Object.keys(SummaryMeasures.shape)).toEqual(MEASURE_IDS);
    expect(METRIC_IDS).toEqual(MEASURE_IDS);
    expect(METRICS.map((m) => m.id).sort()).toEqual([...MEASURE_IDS].sort());
    expect(Object.keys(EMPTY_SUMS)).toEqual(SUMMED_MEASURES.map((m) => m.id));
    expect(MEASURES).toHaveLength(18);
  });

  it("divides summed measures only, and formats each kind its own way", () => {
    const summed = new Set<string>(SUMMED_MEASURES.map((m) => m.id));
    for (const r of RATIO_MEASURES) {
      expect(summed.has(r.ratio.num), `${r.id} numerator`).toBe(true);
      expect(summed.has(r.ratio.den), `${r.id} denominator`).toBe(true);
    }
    for (const m of MEASURES) {
      expect(m.kind === "money").toBe(MONEY_MEASURES.has(m.id));
      expect(m.format).toBe(m.kind === "money" ? "usd" : m.kind === "count" ? "integer" : m.format === "times" ? "times" : "percent");
      expect(m.label.length, m.id).toBeGreaterThan(0);
      expect(m.definition.length, m.id).toBeGreaterThan(10);
    }
  });

  it("converts stored sums to the response shape, money exact, ratios 0 over nothing", () => {
    const sums = { ...EMPTY_SUMS, cost_usd: "12.3456789015", attempts: "5", requests: "4", cache_read_tokens: "30", input_tokens: "120" };
    const m = SummaryMeasures.parse(toMeasures(sums));
    expect(m.cost_usd).toBe("12.345678902");
    expect(m.retry_amplification).toBe(1.25);
    expect(m.cache_hit_rate).toBe(0.25);
    expect(m.reasoning_share).toBe(0);
    expect(measureOf(sums, "retry_amplification")).toBe(1.25);
    expect(measureOf(sums, "attempts")).toBe(5);
    expect(toMeasures(EMPTY_SUMS).retry_waste_usd).toBe("0.000000000");
  });
});
