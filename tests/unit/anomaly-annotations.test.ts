import { describe, expect, it } from "vitest";
import { classifyIncident } from "@/lib/anomaly/incident-kind";
import { outlyingSeries } from "@/lib/anomaly/outlying-series";
import { describeKind, describeOutliers, formatMetric } from "@/lib/alerts/describe";

/**
 * augurs' changepoint detector as the incident classifier (level shift vs spike) and its MAD outlier detector
 * as the picker of outlying siblings, on synthetic series with a daily rhythm and seeded noise.
 */
const HOUR = 3_600_000;
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
}
/** A cache-hit-rate-like hourly ratio around 0.71 with a daily swing. */
function ratio(hours: number, seed = 3): number[] {
  const r = rng(seed);
  return Array.from({ length: hours }, (_, i) => 0.71 + 0.04 * Math.sin((2 * Math.PI * (i % 24)) / 24) + 0.03 * r());
}
const times = (n: number) => Array.from({ length: n }, (_, i) => Date.UTC(2026, 4, 1) + i * HOUR);

describe("classifyIncident (augurs changepoint)", () => {
  const N = 420;
  const SHIFT = 380;
  const shifted = ratio(N).map((v, i) => (i >= SHIFT ? v - 0.53 : v)); // 71 % → 18 %
  const t = times(N);

  it("a level shift is a level shift, with the levels before and after it and when it started", () => {
    const k = classifyIncident({ values: shifted, times: t, startIndex: SHIFT + 2, endIndex: SHIFT + 12 });
    expect(k.kind).toBe("level_shift");
    if (k.kind !== "level_shift") return;
    expect(k.at).toBe(t[SHIFT]);
    expect(k.before).toBeGreaterThan(0.66);
    expect(k.before).toBeLessThan(0.76);
    expect(k.after).toBeGreaterThan(0.13);
    expect(k.after).toBeLessThan(0.23);
    expect(describeKind({ metric: "cache_hit_rate", incidentKind: k.kind, shiftAt: new Date(k.at).toISOString(), levelBefore: k.before, levelAfter: k.after, peakValue: 0, peakExpected: 0 })).toMatch(/^Level shift: 7\d\.\d% → [12]\d\.\d% since 2026-05-16 20:00 UTC$/);
  });

  it("a single spike, or a burst that has already ended, is a spike", () => {
    const spike = ratio(N).map((v, i) => (i === SHIFT ? v + 2 : v));
    expect(classifyIncident({ values: spike, times: t, startIndex: SHIFT, endIndex: SHIFT }).kind).toBe("spike");
    // The same spike seen a few hours later (the alert's latest point after it): still no sustained shift.
    const burst = ratio(N).map((v, i) => (i >= SHIFT && i < SHIFT + 2 ? v + 2 : v));
    expect(classifyIncident({ values: burst, times: t, startIndex: SHIFT, endIndex: SHIFT + 8 }).kind).toBe("spike");
    // A quiet series with an alert point in it (a false alarm would be one) is no level shift either.
    expect(classifyIncident({ values: ratio(N), times: t, startIndex: SHIFT, endIndex: SHIFT + 5 }).kind).toBe("spike");
  });

  it("is causal: appending later points never changes the classification of an earlier alert point", () => {
    const spike = ratio(N).map((v, i) => (i === SHIFT ? v + 2 : v));
    for (const series of [shifted, spike]) {
      for (const end of [SHIFT, SHIFT + 1, SHIFT + 3, SHIFT + 10]) {
        const early = classifyIncident({ values: series.slice(0, end + 1), times: t.slice(0, end + 1), startIndex: SHIFT, endIndex: end });
        const late = classifyIncident({ values: series, times: t, startIndex: SHIFT, endIndex: end });
        expect(late).toEqual(early);
      }
    }
    // And the full series differs from what the first point alone says: the test can tell the two apart.
    expect(classifyIncident({ values: shifted, times: t, startIndex: SHIFT, endIndex: SHIFT }).kind).toBe("spike");
    expect(classifyIncident({ values: shifted, times: t, startIndex: SHIFT, endIndex: SHIFT + 10 }).kind).toBe("level_shift");
  });
});

describe("outlyingSeries (augurs MAD outlier detector)", () => {
  const r = rng(11);
  const hourly = (shift: number) => Array.from({ length: 7 * 24 + 12 }, (_, i) => 40 + 15 * Math.sin((2 * Math.PI * (i % 24)) / 24) + 3 * r() + (i >= 7 * 24 ? shift : 0));
  const windowFrom = 7 * 24;

  it("of five siblings, the one shifted in the window is the one listed", () => {
    const group = ["search", "platform", "growth", "support-ai", "data"].map((name) => ({ name, values: hourly(name === "growth" ? 60 : 0) }));
    expect(outlyingSeries(group, windowFrom)).toEqual(["growth"]);
    expect(describeOutliers({ dimension: "team", values: ["growth"] })).toBe("Outlying teams: growth");
  });

  it("names none when no sibling is off, or when an odd stretch lies before the window", () => {
    const quiet = ["a", "b", "c", "d", "e"].map((name) => ({ name, values: hourly(0) }));
    expect(outlyingSeries(quiet, windowFrom)).toEqual([]);
    const earlier = quiet.map((s, k) => ({ ...s, values: s.values.map((v, i) => (k === 2 && i >= 48 && i < 60 ? v + 60 : v)) }));
    expect(outlyingSeries(earlier, windowFrom)).toEqual([]);
    // With fewer than three siblings "the group's usual" is undefined.
    expect(outlyingSeries(quiet.slice(0, 2).map((s, k) => ({ ...s, values: s.values.map((v) => v + k * 100) })), windowFrom)).toEqual([]);
  });
});

describe("alert values: one formatter for the screen and the notifications", () => {
  it("prints rates as percentages, amplification as a multiple and money by the money rule", () => {
    
    expect(formatMetric("cache_hit_rate", 0.6731)).toBe("67.3%");
    expect(formatMetric("retry_amplification", 4.336)).toBe("4.34×");
    expect(formatMetric("spend", 1234.5)).toBe("$1,234.50");
    expect(formatMetric("request_cost", 0.001234)).toBe("$0.00123");
    expect(formatMetric("spend", 0)).toBe("$0.00");
    expect(describeKind({ metric: "spend", incidentKind: "spike", shiftAt: null, levelBefore: null, levelAfter: null, peakValue: 412, peakExpected: 96.1 })).toBe("Spike: peak $412.00 against $96.10 expected, no sustained shift");
  });
});
