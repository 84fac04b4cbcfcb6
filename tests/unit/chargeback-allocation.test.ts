import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { AllocationError, allocatePool, apportion, validatePercentages } from "@/lib/finops/allocation";
import { canonicalJson, sha256Hex } from "@/lib/finops/canonical-hash";
import { buildReportCore, withAdjustments, type ChargebackSettings, type SpendRow } from "@/lib/finops/chargeback-report";
import { csvSafeCell } from "@/lib/finops/csv-safe";

const sum = (xs: Iterable<Decimal.Value>) => [...xs].reduce<Decimal>((s, x) => s.plus(x), new Decimal(0));
const sumUsd = (xs: { total_usd: string }[]) => sum(xs.map((x) => x.total_usd)).toFixed(2);
const settings: ChargebackSettings = { sharedTeams: ["platform"], sharedServices: ["gateway"], evalToPool: false, wording: "chargeback" };
const row = (p: Partial<SpendRow> & { team: string; cost_usd: string }): SpendRow => ({ repo: "r", feature: "f", model: "m", provider: "p", environment: "prod", service: "", day: "2026-10-01", tokens: 1, events: 1, ...p });

// A small deterministic generator (LCG) so "many teams" tests are reproducible without fixtures.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe("apportion (largest remainder, ties by slug)", () => {
  it("splits a pool that does not divide evenly, ties to the smaller slugs", () => {
    const r = apportion(100, new Map([["c", 1], ["a", 1], ["b", 1]]));
    expect(Object.fromEntries([...r].map(([k, v]) => [k, v.toNumber()]))).toEqual({ a: 34, b: 33, c: 33 });
    const r2 = apportion(2, new Map([["zeta", 1], ["alpha", 1], ["mid", 1]]));
    expect(Object.fromEntries([...r2].map(([k, v]) => [k, v.toNumber()]))).toEqual({ zeta: 0, alpha: 1, mid: 1 });
  });

  it("gives the leftover cent to the largest remainder, not the largest party", () => {
    // quotas 6.6667 / 3.3333 of 10 cents with weights 2:1 → 7 / 3
    const r = apportion(10, new Map([["big", 2], ["small", 1]]));
    expect([r.get("big")!.toNumber(), r.get("small")!.toNumber()]).toEqual([7, 3]);
  });

  it("does not depend on input order", () => {
    const a = apportion(1001, new Map([["x", "0.3"], ["y", "0.3"], ["z", "0.4"]]));
    const b = apportion(1001, new Map([["z", "0.4"], ["y", "0.3"], ["x", "0.3"]]));
    expect(Object.fromEntries([...a].map(([k, v]) => [k, v.toString()]))).toEqual(Object.fromEntries([...b].map(([k, v]) => [k, v.toString()])));
  });

  it("sums exactly for many parties, tiny and huge amounts", () => {
    const next = rng(7);
    for (const total of [0, 1, 7, 99_999, 123_456_789_012_345]) {
      const w = new Map(Array.from({ length: 257 }, (_, i) => [`team-${String(i).padStart(3, "0")}`, new Decimal(next()).toDecimalPlaces(9)] as const));
      const r = apportion(total, w);
      expect(sum(r.values()).toString()).toBe(String(total));
      for (const v of r.values()) expect(v.isInteger() && !v.isNegative()).toBe(true);
    }
  });

  it("refuses all-zero weights and negative input", () => {
    expect(() => apportion(5, new Map([["a", 0]]))).toThrow(/every weight is zero/);
    expect(() => apportion(-1, new Map([["a", 1]]))).toThrow(RangeError);
    expect(() => apportion(1, new Map([["a", -1]]))).toThrow(/negative/);
  });
});

describe("allocatePool", () => {
  const direct = new Map([["a", "10"], ["b", "30"], ["c", "0"]]);
  it("proportional to direct cost", () => {
    const r = allocatePool({ poolCents: 1000, rule: "proportional", recipients: ["a", "b", "c"], directExact: direct });
    expect([...r.allocated.values()].map((v) => v.toNumber())).toEqual([250, 750, 0]);
  });
  it("falls back to an even split when every recipient's direct cost is zero (documented)", () => {
    const r = allocatePool({ poolCents: 1000, rule: "proportional", recipients: ["a", "b", "c"], directExact: new Map() });
    expect(r.applied).toBe("even");
    expect([...r.allocated.values()].map((v) => v.toNumber())).toEqual([334, 333, 333]);
  });
  it("fixed percentages must sum to exactly 100", () => {
    expect(() => validatePercentages({ a: "33.3", b: "33.3", c: "33.3" }, ["a", "b", "c"])).toThrow(/sum to exactly 100, they sum to 99.9/);
    expect(() => validatePercentages({ a: "50", b: "50.01" }, ["a", "b"])).toThrow(AllocationError);
    expect(() => validatePercentages({ a: "-10", b: "110" }, ["a", "b"])).toThrow(/between 0 and 100/);
    expect(() => validatePercentages({ a: "50", platform: "50" }, ["a"])).toThrow(/cannot receive/);
    expect(() => validatePercentages({ a: "fifty" }, ["a"])).toThrow(/not a number/);
    const r = allocatePool({ poolCents: 1, rule: "fixed", recipients: ["a", "b", "c"], directExact: direct, percentages: { a: "33.33", b: "33.33", c: "33.34" } });
    expect([...r.allocated.values()].map((v) => v.toNumber())).toEqual([0, 0, 1]);
  });
  it("leaves the pool unallocated when no team can receive it", () => {
    expect(allocatePool({ poolCents: 5, rule: "even", recipients: [], directExact: new Map() })).toMatchObject({ applied: "none" });
  });
});

describe("buildReportCore", () => {
  const teams = new Map([["a", "Team A"], ["b", "Team B"], ["c", "Team C"], ["platform", "Platform"]]);
  const rows = [
    row({ team: "a", cost_usd: "1.000000001", repo: "ra" }),
    row({ team: "a", cost_usd: "2.004999999", repo: "rb", environment: "eval" }),
    row({ team: "b", cost_usd: "3.333333333" }),
    row({ team: "", cost_usd: "0.333333333" }),
    row({ team: "platform", cost_usd: "1.111111111" }),
    row({ team: "b", cost_usd: "0.5", service: "gateway" }),
  ];

  for (const rule of ["proportional", "even", "fixed"] as const) {
    it(`adds up to the cent under the ${rule} rule`, () => {
      const r = buildReportCore({ rows, settings, rule, teams, percentages: rule === "fixed" ? { a: "20", b: "30", c: "50" } : undefined });
      expect(r.spend_exact_usd).toBe("8.282777777");
      expect(r.spend_usd).toBe("8.28");
      expect(sumUsd(r.teams)).toBe(r.spend_usd);
      expect(sum(r.teams.map((t) => t.allocated_usd)).toFixed(2)).toBe(r.pool_usd);
      expect(sum(r.pool.map((p) => p.amount_usd)).toFixed(2)).toBe(r.pool_usd);
      for (const t of r.teams) for (const dim of ["repo", "feature", "model", "environment"] as const) expect(sum(t.breakdown[dim].map((x) => x.amount_usd)).toFixed(2)).toBe(t.direct_usd);
      expect(r.teams.map((t) => t.team).sort()).toEqual(["a", "b", "c"]);
    });
  }

  it("lists the pool's makeup: unattributed, shared teams, shared services, and eval when set", () => {
    const r = buildReportCore({ rows, settings: { ...settings, evalToPool: true }, rule: "even", teams });
    expect(r.pool.map((p) => `${p.kind}:${p.name}`).sort()).toEqual(["eval:a", "shared_service:gateway", "shared_team:platform", "unattributed:"]);
    expect(r.pool_usd).toBe("3.95");
    expect(sumUsd(r.teams)).toBe("8.28");
  });

  it("keeps an unallocated line when no team can receive the pool", () => {
    const r = buildReportCore({ rows: [row({ team: "", cost_usd: "0.015" })], settings, rule: "even", teams: new Map() });
    expect(r.teams).toEqual([expect.objectContaining({ team: "", total_usd: "0.02" })]);
    expect(r.unallocated_usd).toBe("0.02");
  });

  it("adds up with many teams and random tiny and huge amounts", () => {
    const next = rng(42);
    const many = Array.from({ length: 2000 }, (_, i) => row({ team: i % 13 === 0 ? "" : `t${i % 97}`, cost_usd: new Decimal(next()).times(i % 5 === 0 ? 1e8 : 1e-3).toFixed(9), model: `m${i % 7}` }));
    for (const rule of ["proportional", "even"] as const) {
      const r = buildReportCore({ rows: many, settings, rule, teams: new Map() });
      expect(sumUsd(r.teams)).toBe(r.spend_usd);
      expect(sum(r.teams.map((t) => t.allocated_usd)).toFixed(2)).toBe(r.pool_usd);
    }
  });

  it("adjustments keep the lines adding up", () => {
    const r = withAdjustments(buildReportCore({ rows, settings, rule: "even", teams }), new Map([["a", "-0.05"], ["zed", "1.10"]]));
    expect(sumUsd(r.teams)).toBe("9.33");
    expect(r.teams.find((t) => t.team === "zed")).toMatchObject({ adjustments_usd: "1.10", total_usd: "1.10" });
  });
});

describe("canonical hash and CSV cells", () => {
  it("hashes the same content the same whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: [{ d: "x", c: null }] })).toBe('{"a":[{"c":null,"d":"x"}],"b":1}');
    expect(sha256Hex(canonicalJson({ a: 1, b: 2 }))).toBe(sha256Hex(canonicalJson({ b: 2, a: 1 })));
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
  it("neutralizes formula cells but keeps numbers", () => {
    expect(["=1+1", "+x", "-cmd", "@SUM(A1)", "\tx", "\rx", "ok", "-1.25", "12"].map(csvSafeCell)).toEqual(["'=1+1", "'+x", "'-cmd", "'@SUM(A1)", "'\tx", "'\rx", "ok", "-1.25", "12"]);
  });
});
