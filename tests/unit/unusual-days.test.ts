import { describe, expect, it } from "vitest";
import { unusualDays } from "@/lib/finops/unusual-days";

describe("unusual days marker", () => {
  it("marks a spike and not the weekly rhythm", () => {
    const week = [100, 104, 98, 101, 103, 60, 62];
    const days = [...week, ...week, ...week, ...week];
    expect(unusualDays(days)).toEqual([]);
    days[17] = 420;
    expect(unusualDays(days)).toEqual([17]);
  });
  it("says nothing on short or flat series", () => {
    expect(unusualDays([1, 1, 900])).toEqual([]);
    expect(unusualDays([0, 0, 0, 0, 0, 0, 0, 0])).toEqual([]);
    expect(unusualDays([5, 5, 5, 5, 5, 5, 5, 5.01])).toEqual([]);
  });
});
