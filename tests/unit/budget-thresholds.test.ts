import { describe, expect, it } from "vitest";
import { addDays, budgetPeriod, daysBetween, filterOf, parseThresholds, scopeLabel } from "@/lib/budgets/model";
import { decideOne, highestReached, reachedThresholds } from "@/lib/budgets/thresholds";
import { BudgetCreate, CheckRequest, DEFAULT_THRESHOLDS } from "@/lib/schemas/budget";

const cal = (timeZone: string, monthStartDay = 1, weekStartsOn = 1) => ({ timeZone, monthStartDay, weekStartsOn });

describe("thresholds and decisions (exact decimals)", () => {
  it("reaches a threshold at exactly amount × percent", () => {
    expect(reachedThresholds(DEFAULT_THRESHOLDS, "79.999999999", "100")).toEqual([]);
    expect(highestReached(DEFAULT_THRESHOLDS, "80", "100")).toEqual({ percent: 80, action: "notify" });
    expect(highestReached(DEFAULT_THRESHOLDS, "0.3", "0.25")).toEqual({ percent: 120, action: "block" });
  });

  it("denies only past the block threshold; warns at notify and require-approval", () => {
    expect(decideOne(DEFAULT_THRESHOLDS, "0.1", "0.2", "1").decision).toBe("allow"); // 0.1 + 0.2 is exactly 0.3
    expect(decideOne(DEFAULT_THRESHOLDS, "0.7", "0.1", "1")).toEqual({ decision: "warn", threshold: { percent: 80, action: "notify" } });
    expect(decideOne(DEFAULT_THRESHOLDS, "1", "0", "1")).toEqual({ decision: "warn", threshold: { percent: 100, action: "require_approval" } });
    expect(decideOne(DEFAULT_THRESHOLDS, "1", "0.2", "1").decision).toBe("warn");
    expect(decideOne(DEFAULT_THRESHOLDS, "1", "0.200000001", "1")).toEqual({ decision: "deny", threshold: { percent: 120, action: "block" } });
    expect(decideOne([{ percent: 50, action: "block" }], "0", "0.6", "1").decision).toBe("deny");
  });

  it("reads the first stored form of thresholds ([80,100,120])", () => {
    expect(parseThresholds("[80,100,120]")).toEqual(DEFAULT_THRESHOLDS);
    expect(parseThresholds("not json")).toEqual(DEFAULT_THRESHOLDS);
  });
});

describe("budget periods in the organisation's zone", () => {
  it("cuts a month at local midnight, and a custom range as given", () => {
    const p = budgetPeriod({ period: "month", custom_from: null, custom_to: null }, new Date("2026-03-31T23:30:00Z"), cal("Europe/Paris"));
    expect([p.from, p.to]).toEqual(["2026-04-01", "2026-05-01"]); // 01:30 on April 1st in Paris
    expect(p.start.toISOString()).toBe("2026-03-31T22:00:00.000Z");
    const c = budgetPeriod({ period: "custom", custom_from: "2026-11-10", custom_to: "2026-11-20" }, new Date("2026-11-29T00:00:00Z"), cal("UTC"));
    expect(c).toMatchObject({ from: "2026-11-10", to: "2026-11-20", label: "2026-11-10 – 2026-11-19" });
  });

  it("counts the days of a month with a daylight-saving change by local date (23- and 25-hour days are one day each)", () => {
    const p = budgetPeriod({ period: "month", custom_from: null, custom_to: null }, new Date("2026-03-15T12:00:00Z"), cal("America/New_York"));
    expect(daysBetween(p.from, p.to)).toBe(31);
    expect((p.end.getTime() - p.start.getTime()) / 3_600_000).toBe(31 * 24 - 1);
    expect(addDays("2026-03-07", 1)).toBe("2026-03-08");
  });

  it("uses the org's week start and month start day", () => {
    const w = budgetPeriod({ period: "week", custom_from: null, custom_to: null }, new Date("2026-11-29T12:00:00Z"), cal("UTC", 1, 0));
    expect(w.from).toBe("2026-11-29"); // a Sunday, weeks start on Sunday
    const m = budgetPeriod({ period: "month", custom_from: null, custom_to: null }, new Date("2026-11-03T12:00:00Z"), cal("UTC", 5));
    expect([m.from, m.to]).toEqual(["2026-10-05", "2026-11-05"]);
    const q = budgetPeriod({ period: "quarter", custom_from: null, custom_to: null }, new Date("2026-11-03T12:00:00Z"), cal("UTC"));
    expect([q.from, q.to]).toEqual(["2026-10-01", "2027-01-01"]);
  });
});

describe("budget scopes and request schemas", () => {
  it("filters events by the scope and the budget's team", () => {
    expect(filterOf({ scope_type: "org", scope_value: "", team: null })).toEqual({});
    expect(filterOf({ scope_type: "team", scope_value: "search", team: "search" })).toEqual({ team: "search" });
    expect(filterOf({ scope_type: "repo", scope_value: "acme/api", team: "platform" })).toEqual({ team: "platform", repo: "acme/api" });
    expect(filterOf({ scope_type: "ingest_key", scope_value: "k1", team: null })).toEqual({ ingest_key: "k1" });
    expect(scopeLabel({ scope_type: "repo", scope_value: "acme/api", team: "platform" })).toBe("repo:acme/api (team platform)");
  });

  it("names the field that is wrong", () => {
    const r = BudgetCreate.safeParse({ scope_type: "feature", amount_usd: "12.5" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["scope_value"]);
    expect(BudgetCreate.parse({ scope_type: "org", amount_usd: 12.5 }).amount_usd).toBe("12.5");
    expect(CheckRequest.safeParse({ model: "gpt-4.1" }).error?.issues[0].path).toEqual(["input_tokens"]);
    expect(CheckRequest.safeParse({ estimated_cost_usd: "-1" }).success).toBe(false);
  });
});
