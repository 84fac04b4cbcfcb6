import { describe, expect, it } from "vitest";
import { formatDayRange, formatUsd, formatUsdSigned, formatUsdUnit, formatUtcMinute, teamLabel, valueLabel } from "@/lib/finops/format";

describe("format", () => {
  it("rounds to the cent half-even from the decimal string", () => {
    expect(formatUsd("1234.565000000")).toBe("$1,234.56");
    expect(formatUsd("1234.575000000")).toBe("$1,234.58");
    // The one money rule: cents from $1, three significant digits below (never "$0.00" for a sub-cent cost).
    expect(formatUsd("0.004999999")).toBe("$0.005");
    expect(["0.431234", "0.5", "0.000002500", "0.999600000", "0"].map(formatUsd)).toEqual(["$0.431", "$0.50", "$0.0000025", "$1.00", "$0.00"]);
    expect(formatUsd("-2.5")).toBe("-$2.50");
  });
  it("shows an API instant to the minute, in UTC as sent", () => {
    expect(formatUtcMinute("2026-05-27T17:04:59.999Z")).toBe("2026-05-27 17:04");
    expect(formatUtcMinute(new Date(Date.UTC(2026, 0, 2, 3, 4)).toISOString())).toBe("2026-01-02 03:04");
  });

  it("labels the unattributed bucket", () => {
    expect(teamLabel("")).toBe("Unattributed");
    expect(teamLabel("search")).toBe("search");
    expect(valueLabel("")).toBe("Unattributed");
  });
  it("signs changes, shows small unit costs, and reads a [from, to) range by its last day", () => {
    expect(["12.305000000", "-4.000000000", "0.004000000"].map(formatUsdSigned)).toEqual(["+$12.30", "−$4.00", "+$0.004"]);
    expect(["0.004123456", "0", "1.234", "-0.5"].map(formatUsdUnit)).toEqual(["$0.00412", "$0.00", "$1.23", "-$0.50"]);
    expect(formatDayRange("2026-10-02", "2026-11-01")).toBe("Oct 2 – Oct 31, 2026");
    expect(formatDayRange("2025-12-20", "2026-01-04")).toBe("Dec 20, 2025 – Jan 3, 2026");
    expect(formatDayRange("2026-10-02", "2026-10-03")).toBe("Oct 2, 2026");
  });
});

describe("formatRate", () => {
  it("shows at least cents and every exact digit", async () => {
    const { formatRate } = await import("@/lib/finops/format");
    expect(["1", "0.1", "0.075", "18.75", "0.0000025"].map(formatRate)).toEqual(["$1.00", "$0.10", "$0.075", "$18.75", "$0.0000025"]);
  });
});

describe("durations", () => {
  it("reads in the unit a person would use, one rule for trace length, axis and latency", async () => {
    const { formatDuration } = await import("@/lib/finops/format");
    expect([null, 0, 420, 12_540, 119_999, 120_000, 38 * 60_000, 112 * 60_000, 120 * 60_000, 26 * 3_600_000].map(formatDuration)).toEqual(["–", "0 ms", "420 ms", "12.5 s", "120.0 s", "2 min", "38 min", "1 h 52 min", "2 h", "26 h"]);
  });
});
