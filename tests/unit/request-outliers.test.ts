import { describe, expect, it } from "vitest";
import { baselineOf, BIN_WIDTH, scoreRequest, type CostHistogram } from "@/lib/anomaly/request-outliers";
import { requestIncidents, type FlaggedRequest } from "@/lib/alerts/request-outliers";

/** A day's histogram of requests costing around `usd` (spread over three bins around it). */
const day = (usd: number, n: number): CostHistogram => {
  const b = Math.floor(Math.log(usd) / BIN_WIDTH);
  return new Map([[b - 1, n / 4], [b, n / 2], [b + 1, n / 4]]);
};

describe("costly-request scoring", () => {
  it("flags a request far above its feature's median, not one a few times dearer", () => {
    const base = baselineOf(Array.from({ length: 14 }, () => day(0.01, 40)), 30)!;
    expect(Math.exp(base.medianLn)).toBeGreaterThan(0.007);
    expect(Math.exp(base.medianLn)).toBeLessThan(0.014);
    expect(scoreRequest(0.03, base, 4.5).flagged).toBe(false);
    const big = scoreRequest(2, base, 4.5);
    expect(big.flagged).toBe(true);
    expect(big.expectedUsd).toBeCloseTo(Math.exp(base.medianLn), 9);
  });

  it("needs enough baseline requests, and a flat feature still has a scale of one bin", () => {
    expect(baselineOf([day(0.01, 8)], 30)).toBeNull();
    const flat = baselineOf([new Map([[-18, 500]])], 30)!;
    expect(flat.scaleLn).toBe(BIN_WIDTH);
    expect(scoreRequest(Math.exp(-18 * BIN_WIDTH + 0.3), flat, 4.5).flagged).toBe(false);
  });

  it("is robust to past outliers: a few huge requests in the baseline do not move it", () => {
    const clean = baselineOf(Array.from({ length: 14 }, () => day(0.01, 40)), 30)!;
    const dirty = baselineOf([...Array.from({ length: 13 }, () => day(0.01, 40)), new Map([...day(0.01, 40), [Math.floor(Math.log(5) / BIN_WIDTH), 6]])], 30)!;
    expect(dirty.medianLn).toBeCloseTo(clean.medianLn, 6);
    expect(scoreRequest(2, dirty, 4.5).flagged).toBe(true);
  });

  it("groups a feature's flagged requests in consecutive hours into one incident, impact = cost above usual", () => {
    const H = 3_600_000;
    const t0 = Date.UTC(2026, 5, 1, 10);
    const r = (at: number, cost: string, feature = "agent"): FlaggedRequest => ({ feature, at: "", atMs: at, cost_usd: cost, trace_id: `t${at}`, request_id: "", team: "platform", attempts: 1, score: 9, expectedUsd: 0.01 });
    const inc = requestIncidents([r(t0, "1.01"), r(t0 + H + 60_000, "2.01"), r(t0 + 5 * H, "0.51"), r(t0, "0.31", "other")]);
    const agent = inc.filter((i) => i.feature === "agent");
    expect(agent).toHaveLength(2);
    expect(agent[0].requests).toHaveLength(2);
    expect(agent[0].endMs - agent[0].startMs).toBe(2 * H);
    expect(agent[0].impact.toFixed(2)).toBe("3.00");
    expect(inc.filter((i) => i.feature === "other")).toHaveLength(1);
  });
});
