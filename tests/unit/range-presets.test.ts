import { describe, expect, it } from "vitest";
import { completeDate, DEFAULT_CALENDAR, isPresetRange, presetRange } from "@/lib/finops/range-presets";

const NOW = new Date("2026-11-29T10:00:00Z"); // a Sunday
const utc = DEFAULT_CALENDAR("UTC");

describe("range presets", () => {
  it("gives calendar months and weeks, and rolling windows through today", () => {
    expect(presetRange("this-month", NOW, utc)).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(presetRange("last-month", NOW, utc)).toEqual({ from: "2026-10-01", to: "2026-11-01" });
    expect(presetRange("this-week", NOW, utc)).toEqual({ from: "2026-11-23", to: "2026-11-30" });
    expect(presetRange("last-week", NOW, utc)).toEqual({ from: "2026-11-16", to: "2026-11-23" });
    expect(presetRange("7d", NOW, utc)).toEqual({ from: "2026-11-23", to: "2026-11-30" });
    expect(presetRange("90d", NOW, utc)).toEqual({ from: "2026-09-01", to: "2026-11-30" });
  });

  it("cuts in the page's zone and the organisation's calendar", () => {
    // 02:00 UTC on Dec 1 is still Nov 30 in Los Angeles: "last month" there is October.
    const la = DEFAULT_CALENDAR("America/Los_Angeles");
    expect(presetRange("last-month", new Date("2026-12-01T02:00:00Z"), la)).toEqual({ from: "2026-10-01", to: "2026-11-01" });
    expect(presetRange("last-month", NOW, { timeZone: "UTC", monthStartDay: 15, weekStartsOn: 0 })).toEqual({ from: "2026-10-15", to: "2026-11-15" });
    expect(presetRange("this-week", NOW, { timeZone: "UTC", monthStartDay: 1, weekStartsOn: 0 })).toEqual({ from: "2026-11-29", to: "2026-11-30" });
  });

  it("recognises the preset a range is", () => {
    expect(isPresetRange("last-month", { from: "2026-10-01", to: "2026-11-01" }, NOW, utc)).toBe(true);
    expect(isPresetRange("last-month", { from: "2026-10-02", to: "2026-11-01" }, NOW, utc)).toBe(false);
    // On a Sunday with Monday weeks, two presets name the same range: both are pressed.
    const week = { from: "2026-11-23", to: "2026-11-30" };
    expect([isPresetRange("this-week", week, NOW, utc), isPresetRange("7d", week, NOW, utc)]).toEqual([true, true]);
  });

  it("accepts only complete, real dates", () => {
    expect(completeDate("2026-10-01")).toBe("2026-10-01");
    for (const half of ["0002-10-01", "0020-10-01", "0201-10-01", "2026-02-30", "2026-13-01", "", "2026-1-01"]) expect(completeDate(half)).toBeNull();
  });
});
