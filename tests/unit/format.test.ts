import { describe, expect, it } from "vitest";
import { prepareDailySeries } from "@/components/charts/prepare-daily-series";
import { formatUsd, teamLabel } from "@/lib/finops/format";

describe("format", () => {
  it("rounds to the cent half-even from the decimal string", () => {
    expect(formatUsd("1234.565000000")).toBe("$1,234.56");
    expect(formatUsd("1234.575000000")).toBe("$1,234.58");
    expect(formatUsd("0.004999999")).toBe("$0.00");
    expect(formatUsd("-2.5")).toBe("-$2.50");
  });
  it("labels the unattributed bucket", () => {
    expect(teamLabel("")).toBe("Unattributed");
    expect(teamLabel("search")).toBe("search");
  });
  it("prepares chart points that keep the exact amount for the tooltip", () => {
    expect(prepareDailySeries([{ day: "2026-11-03", cost_usd: "12.340000001" }])).toEqual([
      { day: "2026-11-03", label: "Nov 3", cost: 12.340000001, costText: "12.340000001" },
    ]);
  });
});

describe("formatRate", () => {
  it("shows at least cents and every exact digit", async () => {
    const { formatRate } = await import("@/lib/finops/format");
    expect(["1", "0.1", "0.075", "18.75", "0.0000025"].map(formatRate)).toEqual(["$1.00", "$0.10", "$0.075", "$18.75", "$0.0000025"]);
  });
});
