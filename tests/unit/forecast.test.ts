import { describe, expect, it } from "vitest";
import fixture from "../fixtures/forecast-series.json" with { type: "json" };
import { evaluateSeries } from "@/lib/forecast/accuracy";
import { forecast } from "@/lib/forecast/forecast";

/** Deterministic noise (a small LCG), so the constructed series are the same on every run. */
function noise(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 2;
}

const weekly = (n: number, rnd = noise(1)) => Array.from({ length: n }, (_, i) => 100 + (i % 7 >= 5 ? -40 : 10 * (i % 7)) + 3 * rnd());

describe("forecast (constructed series)", () => {
  it("follows a weekly season and chooses a model that beats nothing-special", () => {
    const y = weekly(84);
    const f = forecast({ values: y, frequency: "daily" }, 14);
    expect(f.point).toHaveLength(14);
    // Weekends (i % 7 >= 5) stay low, weekdays high, as in the history.
    for (let j = 0; j < 14; j++) {
      const dow = (84 + j) % 7;
      const expected = dow >= 5 ? 60 : 100 + 10 * dow;
      expect(Math.abs(f.point[j] - expected)).toBeLessThan(8);
    }
    for (let j = 0; j < 14; j++) {
      expect(f.lower95[j]).toBeLessThanOrEqual(f.lower80[j]);
      expect(f.lower80[j]).toBeLessThanOrEqual(f.point[j]);
      expect(f.point[j]).toBeLessThanOrEqual(f.upper80[j]);
      expect(f.upper80[j]).toBeLessThanOrEqual(f.upper95[j]);
    }
    expect(f.backtest.length).toBeGreaterThan(2);
  });

  it("follows a trend", () => {
    const rnd = noise(2);
    const y = Array.from({ length: 90 }, (_, i) => 50 + 2 * i + rnd());
    const f = forecast({ values: y, frequency: "daily" }, 10);
    expect(f.point[9]).toBeGreaterThan(215);
    expect(f.point[9]).toBeLessThan(250);
  });

  it("moves to the new level after a level shift instead of averaging the two", () => {
    const rnd = noise(3);
    const y = Array.from({ length: 90 }, (_, i) => (i < 60 ? 20 : 80) + rnd());
    const f = forecast({ values: y, frequency: "daily" }, 7);
    for (const p of f.point) expect(Math.abs(p - 80)).toBeLessThan(8);
  });

  it("copes with a short history: recent mean with wide, non-negative intervals", () => {
    const f = forecast({ values: [5, 7, 6], frequency: "daily" }, 5);
    expect(f.model).toBe("fallback_mean");
    expect(f.note).toContain("too short");
    expect(f.point[0]).toBeCloseTo(6, 6);
    expect(f.upper80[0] - f.lower80[0]).toBeGreaterThan(4);
    expect(Math.min(...f.lower95)).toBeGreaterThanOrEqual(0);
    expect(forecast({ values: [], frequency: "daily" }, 3).point).toEqual([0, 0, 0]);
  });

  it("copes with zero days (weekends with no spend): no negative forecasts, zeros where zeros were", () => {
    const rnd = noise(4);
    const y = Array.from({ length: 70 }, (_, i) => (i % 7 >= 5 ? 0 : 30 + 5 * rnd()));
    const f = forecast({ values: y, frequency: "daily" }, 7);
    expect(Math.min(...f.point, ...f.lower95)).toBeGreaterThanOrEqual(0);
    const weekend = [0, 1, 2, 3, 4, 5, 6].filter((j) => (70 + j) % 7 >= 5);
    for (const j of weekend) expect(f.point[j]).toBeLessThan(8);
  });

  it("gives the running total its own band, wider than the last step's", () => {
    const f = forecast({ values: weekly(84, noise(5)), frequency: "daily" }, 14);
    const sum = f.point.reduce((a, b) => a + b, 0);
    expect(f.cumulative.point[13]).toBeCloseTo(sum, 6);
    expect(f.cumulative.upper80[13] - f.cumulative.point[13]).toBeGreaterThan(f.upper80[13] - f.point[13]);
  });

  it("refuses a bad horizon", () => {
    expect(() => forecast({ values: [1, 2, 3], frequency: "daily" }, 0)).toThrow(RangeError);
  });
});

describe("forecast on real public series (NAB, tests/fixtures/forecast-series.json)", () => {
  // Five series (hourly and daily) keep this test to seconds; bench/forecast.ts runs all of them.
  const picked = fixture.series.filter((s) => ["nyc_taxi (hourly)", "nyc_taxi (daily)", "ec2_request_latency_system_failure (hourly)", "speed_t4013 (hourly)", "ambient_temperature_system_failure (daily)"].includes(s.name));
  const results = picked.map((s) => evaluateSeries(s.name, s.values, s.frequency as "hourly" | "daily", { h: s.frequency === "hourly" ? 24 : 14, origins: 2 }));

  it("puts about 80 % of actuals inside the 80 % interval", () => {
    const points = results.reduce((a, r) => a + r.points, 0);
    const in80 = results.reduce((a, r) => a + r.coverage80 * r.points, 0) / points;
    const in95 = results.reduce((a, r) => a + r.coverage95 * r.points, 0) / points;
    expect(in80).toBeGreaterThan(0.65);
    expect(in80).toBeLessThan(0.97);
    expect(in95).toBeGreaterThan(in80);
  });

  it("beats the seasonal naive on average (MASE)", () => {
    const mase = results.reduce((a, r) => a + r.mase, 0) / results.length;
    const naive = results.reduce((a, r) => a + r.mase_seasonal_naive, 0) / results.length;
    expect(mase).toBeLessThan(naive);
  });
});
