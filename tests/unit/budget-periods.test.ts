import { describe, expect, it } from "vitest";
import { budgetPeriod, type BudgetPeriod } from "@/lib/budgets/model";
import { decideOne, highestReached, reachedThresholds } from "@/lib/budgets/thresholds";
import { DEFAULT_THRESHOLDS } from "@/lib/schemas/budget";

/**
 * Budget thresholds at the cent and budget periods at their edges: the last instant before a period and the
 * first inside it, in the organisation's zone, with its month start day and week start, on daylight-saving days
 * (America/New_York 2026-03-08 and 2026-11-01, Europe/London 2026-03-29 and 2026-10-25).
 */
const cal = (timeZone: string, monthStartDay = 1, weekStartsOn = 1) => ({ timeZone, monthStartDay, weekStartsOn });
const month = { period: "month", custom_from: null, custom_to: null } as const;
const quarter = { period: "quarter", custom_from: null, custom_to: null } as const;
const week = { period: "week", custom_from: null, custom_to: null } as const;
const at = (iso: string) => new Date(iso);
const hours = (p: BudgetPeriod) => (p.end.getTime() - p.start.getTime()) / 3_600_000;
const edges = (p: BudgetPeriod) => [p.from, p.to, p.start.toISOString(), p.end.toISOString()];
const percents = (spend: string, amount: string) => reachedThresholds(DEFAULT_THRESHOLDS, spend, amount).map((t) => t.percent);

describe("thresholds exactly at the cent (80 / 100 / 120 % of $1,000.05 = $800.04 / $1,000.05 / $1,200.06)", () => {
  it("a threshold is reached at its exact amount, not a cent before", () => {
    expect(percents("800.03", "1000.05")).toEqual([]);
    expect(percents("800.04", "1000.05")).toEqual([80]);
    expect(percents("1000.04", "1000.05")).toEqual([80]);
    expect(percents("1000.05", "1000.05")).toEqual([80, 100]);
    expect(percents("1200.05", "1000.05")).toEqual([80, 100]);
    expect(percents("1200.06", "1000.05")).toEqual([80, 100, 120]);
    expect(highestReached(DEFAULT_THRESHOLDS, "1200.06", "1000.05")).toEqual({ percent: 120, action: "block" });
  });

  it("a threshold between cents ($1,234.56 × 80 % = $987.648) is reached by the next cent up", () => {
    expect(percents("987.64", "1234.56")).toEqual([]);
    expect(percents("987.65", "1234.56")).toEqual([80]);
    expect(percents("1481.47", "1234.56")).toEqual([80, 100]); // 120 % is 1481.472
    expect(percents("1481.48", "1234.56")).toEqual([80, 100, 120]);
  });

  it("the decision for a call: warn from the cent that reaches 80 % or 100 %, deny from the cent past 120 %", () => {
    const d = (spend: string, cost: string) => decideOne(DEFAULT_THRESHOLDS, spend, cost, "1000.05");
    expect(d("800", "0.03")).toEqual({ decision: "allow", threshold: null });
    expect(d("800", "0.04")).toEqual({ decision: "warn", threshold: { percent: 80, action: "notify" } });
    expect(d("1000", "0.04")).toEqual({ decision: "warn", threshold: { percent: 80, action: "notify" } });
    expect(d("1000", "0.05")).toEqual({ decision: "warn", threshold: { percent: 100, action: "require_approval" } });
    expect(d("1200", "0.06")).toEqual({ decision: "warn", threshold: { percent: 100, action: "require_approval" } }); // lands on 120 %: the last call allowed
    expect(d("1200", "0.07")).toEqual({ decision: "deny", threshold: { percent: 120, action: "block" } });
    expect(d("1200.07", "0")).toEqual({ decision: "deny", threshold: { percent: 120, action: "block" } }); // already past: even a free call
  });
});

describe("month and quarter edges with the org's month start day", () => {
  it("a month starting on the 8th in New York begins at local midnight of 2026-03-08, the spring-forward day", () => {
    const c = cal("America/New_York", 8);
    const inside = budgetPeriod(month, at("2026-03-08T05:00:00.000Z"), c); // 00:00 EST
    expect(edges(inside)).toEqual(["2026-03-08", "2026-04-08", "2026-03-08T05:00:00.000Z", "2026-04-08T04:00:00.000Z"]);
    expect(hours(inside)).toBe(31 * 24 - 1);
    const before = budgetPeriod(month, at("2026-03-08T04:59:59.999Z"), c); // 23:59:59.999 EST on the 7th
    expect([before.from, before.to, before.end.toISOString()]).toEqual(["2026-02-08", "2026-03-08", "2026-03-08T05:00:00.000Z"]);
  });

  it("November in New York has 721 hours and starts at 04:00Z (EDT), ends at 05:00Z (EST)", () => {
    const c = cal("America/New_York");
    expect(budgetPeriod(month, at("2026-11-01T03:59:59.999Z"), c).from).toBe("2026-10-01");
    const nov = budgetPeriod(month, at("2026-11-01T04:00:00.000Z"), c);
    expect(edges(nov)).toEqual(["2026-11-01", "2026-12-01", "2026-11-01T04:00:00.000Z", "2026-12-01T05:00:00.000Z"]);
    expect(hours(nov)).toBe(30 * 24 + 1);
  });

  it("a quarter with months from the 15th in London starts at 23:00Z (BST) and ends at 00:00Z (GMT)", () => {
    const c = cal("Europe/London", 15);
    const q4 = budgetPeriod(quarter, at("2026-10-14T23:00:00.000Z"), c);
    expect(edges(q4)).toEqual(["2026-10-15", "2027-01-15", "2026-10-14T23:00:00.000Z", "2027-01-15T00:00:00.000Z"]);
    expect(budgetPeriod(quarter, at("2026-10-14T22:59:59.999Z"), c)).toMatchObject({ from: "2026-07-15", to: "2026-10-15" });
    expect(budgetPeriod(quarter, at("2027-01-14T23:59:59.999Z"), c).from).toBe("2026-10-15"); // across the year end
    expect(budgetPeriod(quarter, at("2027-01-15T00:00:00.000Z"), c)).toMatchObject({ from: "2027-01-15", to: "2027-04-15" });
  });
});

describe("weeks on daylight-saving days, with the org's week start", () => {
  it("New York, weeks from Sunday: the spring-forward week has 167 hours, the fall-back week 169", () => {
    const c = cal("America/New_York", 1, 0);
    const spring = budgetPeriod(week, at("2026-03-08T06:59:59.999Z"), c); // 01:59:59.999 EST, just before the jump
    expect(edges(spring)).toEqual(["2026-03-08", "2026-03-15", "2026-03-08T05:00:00.000Z", "2026-03-15T04:00:00.000Z"]);
    expect(hours(spring)).toBe(167);
    expect(budgetPeriod(week, at("2026-03-08T04:59:59.999Z"), c).from).toBe("2026-03-01");
    const fall = budgetPeriod(week, at("2026-11-01T06:30:00.000Z"), c); // 01:30 EST, the second 01:30 of the day
    expect(edges(fall)).toEqual(["2026-11-01", "2026-11-08", "2026-11-01T04:00:00.000Z", "2026-11-08T05:00:00.000Z"]);
    expect(hours(fall)).toBe(169);
    expect(budgetPeriod(week, at("2026-11-01T05:30:00.000Z"), c).from).toBe("2026-11-01"); // the first 01:30 (EDT)
    expect(budgetPeriod(week, at("2026-11-08T04:59:59.999Z"), c).from).toBe("2026-11-01");
    expect(budgetPeriod(week, at("2026-11-08T05:00:00.000Z"), c).from).toBe("2026-11-08");
  });

  it("New York, weeks from Monday: the DST Sunday is the last day of its week", () => {
    const c = cal("America/New_York", 1, 1);
    const spring = budgetPeriod(week, at("2026-03-08T12:00:00.000Z"), c);
    expect(edges(spring)).toEqual(["2026-03-02", "2026-03-09", "2026-03-02T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
    const fall = budgetPeriod(week, at("2026-11-01T12:00:00.000Z"), c);
    expect(edges(fall)).toEqual(["2026-10-26", "2026-11-02", "2026-10-26T04:00:00.000Z", "2026-11-02T05:00:00.000Z"]);
  });

  it("London, weeks from Monday: 2026-03-29 and 2026-10-25 end 167- and 169-hour weeks", () => {
    const c = cal("Europe/London", 1, 1);
    const spring = budgetPeriod(week, at("2026-03-29T00:59:59.999Z"), c); // 00:59:59.999 GMT, then 02:00 BST
    expect(edges(spring)).toEqual(["2026-03-23", "2026-03-30", "2026-03-23T00:00:00.000Z", "2026-03-29T23:00:00.000Z"]);
    expect(hours(spring)).toBe(167);
    expect(budgetPeriod(week, at("2026-03-29T23:00:00.000Z"), c).from).toBe("2026-03-30");
    const fall = budgetPeriod(week, at("2026-10-25T01:30:00.000Z"), c); // 01:30 GMT, the second 01:30
    expect(edges(fall)).toEqual(["2026-10-19", "2026-10-26", "2026-10-18T23:00:00.000Z", "2026-10-26T00:00:00.000Z"]);
    expect(hours(fall)).toBe(169);
  });
});

describe("custom ranges in the org's zone", () => {
  it("a one-day range on the spring-forward day is 23 hours; on the fall-back day 25", () => {
    const spring = budgetPeriod({ period: "custom", custom_from: "2026-03-08", custom_to: "2026-03-09" }, at("2026-03-08T12:00:00Z"), cal("America/New_York"));
    expect(edges(spring)).toEqual(["2026-03-08", "2026-03-09", "2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
    expect(spring.label).toBe("2026-03-08 – 2026-03-08");
    const fall = budgetPeriod({ period: "custom", custom_from: "2026-10-25", custom_to: "2026-10-26" }, at("2026-10-25T12:00:00Z"), cal("Europe/London"));
    expect(hours(fall)).toBe(25);
  });

  it("the same custom dates are different instants in another zone", () => {
    const b = { period: "custom", custom_from: "2026-11-01", custom_to: "2026-12-01" } as const;
    expect(budgetPeriod(b, at("2026-11-15T00:00:00Z"), cal("UTC")).start.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(budgetPeriod(b, at("2026-11-15T00:00:00Z"), cal("Asia/Tokyo")).start.toISOString()).toBe("2026-10-31T15:00:00.000Z");
  });
});
