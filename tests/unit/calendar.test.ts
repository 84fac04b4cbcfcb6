import { describe, expect, it } from "vitest";
import { localDate, monthPeriod, periodContaining, quarterPeriod, shiftPeriod, startOfLocalDay } from "@/lib/finops/calendar";

const utc = { timeZone: "UTC", monthStartDay: 1, weekStartsOn: 1 };

describe("organisation calendar", () => {
  it("cuts a month at local midnight in the org zone", () => {
    const p = monthPeriod("2026-10", { ...utc, timeZone: "America/New_York" });
    expect(p).toMatchObject({ from: "2026-10-01", to: "2026-11-01", label: "Oct 2026" });
    expect(p.start.toISOString()).toBe("2026-10-01T04:00:00.000Z");
    expect(p.end.toISOString()).toBe("2026-11-01T04:00:00.000Z"); // EDT until Nov 1, 2026 02:00
  });

  it("starts a day where DST skips local midnight at its first instant (Santiago, 2026-09-06)", () => {
    expect(startOfLocalDay("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
    expect(startOfLocalDay("2026-09-05", "America/Santiago").toISOString()).toBe("2026-09-05T04:00:00.000Z");
  });

  it("honours a month start day, also across the year end", () => {
    const cal = { ...utc, monthStartDay: 15 };
    expect(monthPeriod("2026-12", cal)).toMatchObject({ from: "2026-12-15", to: "2027-01-15" });
    expect(periodContaining("month", new Date("2027-01-10T12:00:00Z"), cal).key).toBe("2026-12");
    expect(periodContaining("month", new Date("2027-01-15T00:00:00Z"), cal).key).toBe("2027-01");
  });

  it("finds weeks, quarters and neighbours", () => {
    expect(periodContaining("week", new Date("2026-11-29T10:00:00Z"), utc).from).toBe("2026-11-23"); // a Sunday → Monday 23rd
    expect(periodContaining("week", new Date("2026-11-29T10:00:00Z"), { ...utc, weekStartsOn: 0 }).from).toBe("2026-11-29");
    expect(periodContaining("quarter", new Date("2026-11-29T10:00:00Z"), utc)).toMatchObject({ key: "2026-Q4", from: "2026-10-01", to: "2027-01-01" });
    expect(shiftPeriod(monthPeriod("2026-01", utc), -1, utc).key).toBe("2025-12");
    expect(shiftPeriod(quarterPeriod("2026-Q1", utc), -1, utc).key).toBe("2025-Q4");
    expect(localDate(new Date("2026-11-29T02:00:00Z"), "America/Los_Angeles")).toBe("2026-11-28");
  });

  it("rejects malformed keys", () => {
    expect(() => monthPeriod("2026-13", utc)).toThrow(/not a month/);
    expect(() => quarterPeriod("2026-Q5", utc)).toThrow(/not a quarter/);
  });
});
