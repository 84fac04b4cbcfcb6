import { describe, expect, it } from "vitest";
import { comparisonFor } from "@/lib/finops/comparison";

/** One comparison rule for the overview, the change API and every page (lib/finops/comparison.ts). */
const ORG = { monthStartDay: 1, weekStartsOn: 1 };
const LATER = new Date("2027-06-01T12:00:00Z");
const cmp = (from: string, to: string, now = LATER, tz = "UTC", org = ORG) => comparisonFor(from, to, tz, now, org);

describe("complete calendar periods are compared with the one before", () => {
  it("months of different lengths: Oct (31 days) with Sep (30), Sep with Aug (31), Mar with Feb (28), Feb with Jan", () => {
    expect(cmp("2026-10-01", "2026-11-01")).toEqual({ period: "month", partial: false, previous: { from: "2026-09-01", to: "2026-10-01" }, until: null, label: "vs Sep 2026" });
    expect(cmp("2026-09-01", "2026-10-01").previous).toEqual({ from: "2026-08-01", to: "2026-09-01" });
    expect(cmp("2026-03-01", "2026-04-01").previous).toEqual({ from: "2026-02-01", to: "2026-03-01" });
    expect(cmp("2026-02-01", "2026-03-01")).toMatchObject({ previous: { from: "2026-01-01", to: "2026-02-01" }, label: "vs Jan 2026" });
    expect(cmp("2027-01-01", "2027-02-01").previous).toEqual({ from: "2026-12-01", to: "2027-01-01" });
  });
  it("months that start on the organisation's monthStartDay; the 1st is then an arbitrary range", () => {
    const org = { monthStartDay: 15, weekStartsOn: 1 };
    expect(cmp("2026-10-15", "2026-11-15", LATER, "UTC", org)).toMatchObject({ period: "month", previous: { from: "2026-09-15", to: "2026-10-15" }, label: "vs Sep 2026 (from the 15th)" });
    expect(cmp("2026-10-01", "2026-11-01", LATER, "UTC", org)).toMatchObject({ period: "days", previous: { from: "2026-08-31", to: "2026-10-01" }, label: "vs previous 31 days" });
  });
  it("quarters with the quarter before, weeks with the week before (weekStartsOn)", () => {
    expect(cmp("2026-10-01", "2027-01-01")).toMatchObject({ period: "quarter", previous: { from: "2026-07-01", to: "2026-10-01" }, label: "vs Q3 2026" });
    expect(cmp("2026-01-01", "2026-04-01").previous).toEqual({ from: "2025-10-01", to: "2026-01-01" });
    expect(cmp("2026-11-16", "2026-11-23")).toMatchObject({ period: "week", previous: { from: "2026-11-09", to: "2026-11-16" }, label: "vs week of Nov 9" });
    // With Sunday weeks a Monday-to-Sunday range is just 7 days; a Sunday-to-Saturday one is a week.
    expect(cmp("2026-11-16", "2026-11-23", LATER, "UTC", { monthStartDay: 1, weekStartsOn: 0 })).toMatchObject({ period: "days", label: "vs previous 7 days" });
    expect(cmp("2026-11-15", "2026-11-22", LATER, "UTC", { monthStartDay: 1, weekStartsOn: 0 })).toMatchObject({ period: "week", previous: { from: "2026-11-08", to: "2026-11-15" } });
  });
  it("any other range with the same length just before; the start of a past month alone is such a range", () => {
    expect(cmp("2026-10-06", "2026-10-13")).toEqual({ period: "days", partial: false, previous: { from: "2026-09-29", to: "2026-10-06" }, until: null, label: "vs previous 7 days" });
    expect(cmp("2026-10-01", "2026-10-16")).toMatchObject({ period: "days", previous: { from: "2026-09-16", to: "2026-10-01" } });
  });
});

describe("a period that holds today is compared with the same elapsed time", () => {
  const NOW = new Date("2026-11-29T13:20:00Z");
  it("this month so far against the previous month to the same day and hour", () => {
    expect(cmp("2026-11-01", "2026-11-30", NOW)).toEqual({ period: "month", partial: true, previous: { from: "2026-10-01", to: "2026-10-30" }, until: "2026-10-29T14:00:00Z", label: "vs Oct 2026 to Oct 29, 14:00" });
    // The whole month named while it runs: the same comparison.
    expect(cmp("2026-11-01", "2026-12-01", NOW).until).toBe("2026-10-29T14:00:00Z");
  });
  it("Feb so far against Jan; Mar 31 against all of Feb, which is shorter", () => {
    expect(cmp("2026-02-01", "2026-02-16", new Date("2026-02-15T09:05:00Z"))).toMatchObject({ previous: { from: "2026-01-01", to: "2026-01-16" }, until: "2026-01-15T10:00:00Z" });
    expect(cmp("2026-03-01", "2026-04-01", new Date("2026-03-31T10:20:00Z"))).toEqual({ period: "month", partial: true, previous: { from: "2026-02-01", to: "2026-03-01" }, until: null, label: "vs all of Feb 2026 (shorter)" });
    // Mar 28 still fits in February: cut at Feb 28 and the same hour.
    expect(cmp("2026-03-01", "2026-04-01", new Date("2026-03-28T00:10:00Z"))).toMatchObject({ previous: { from: "2026-02-01", to: "2026-03-01" }, until: "2026-02-28T01:00:00Z" });
  });
  it("this week against last week; the last 30 days against the 30 before, to the same hour", () => {
    expect(cmp("2026-11-23", "2026-11-30", NOW)).toMatchObject({ period: "week", partial: true, previous: { from: "2026-11-16", to: "2026-11-23" }, until: "2026-11-22T14:00:00Z" });
    expect(cmp("2026-10-31", "2026-11-30", NOW)).toEqual({ period: "days", partial: true, previous: { from: "2026-10-01", to: "2026-10-31" }, until: "2026-10-30T14:00:00Z", label: "vs previous 30 days to 14:00" });
  });
  it("in the range's own zone: its today, its months and its hours", () => {
    // 2026-11-01 03:00Z is still Oct 31 in Los Angeles: October is partial there (31 days, longer than September).
    const night = new Date("2026-11-01T03:00:00Z");
    expect(cmp("2026-10-01", "2026-11-01", night, "UTC")).toMatchObject({ partial: false, label: "vs Sep 2026" });
    expect(cmp("2026-10-01", "2026-11-01", night, "America/Los_Angeles")).toMatchObject({ partial: true, until: null, label: "vs all of Sep 2026 (shorter)" });
    // 19:30 in Tokyo on Oct 20: Sep 1 – Sep 20 to 20:00 Tokyo time = 11:00Z.
    expect(cmp("2026-10-01", "2026-11-01", new Date("2026-10-20T10:30:00Z"), "Asia/Tokyo")).toMatchObject({ previous: { from: "2026-09-01", to: "2026-09-21" }, until: "2026-09-20T11:00:00Z", label: "vs Sep 2026 to Sep 20, 20:00" });
  });
});
