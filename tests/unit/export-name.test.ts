import { describe, expect, it } from "vitest";
import { exportFileName } from "@/lib/finops/export-name";

describe("export file names say the period, the zone and the filters", () => {
  it("names what, the first and last day included, the zone and every filter", () => {
    expect(exportFileName({ what: ["explore", "team"], from: "2026-10-01", to: "2026-11-01", tz: "America/New_York", include: { team: ["search", "growth"] }, exclude: { environment: ["eval"] }, ext: "csv" })).toBe(
      "tokenledger_explore_team_2026-10-01_to_2026-10-31_America-New_York_team=search+growth_not-environment=eval.csv",
    );
    expect(exportFileName({ what: ["chargeback", "2026-10", "executed"], from: "2026-10-01", to: "2026-11-01", tz: "UTC", ext: "pdf" })).toBe("tokenledger_chargeback_2026-10_executed_2026-10-01_to_2026-10-31_UTC.pdf");
    expect(exportFileName({ what: ["explore", "model"], from: "2026-11-25", to: "2026-11-26", tz: "UTC", ext: "csv" })).toBe("tokenledger_explore_model_2026-11-25_UTC.csv");
  });
  it("keeps only safe characters and cuts long filter lists with a count", () => {
    const name = exportFileName({ what: ["explore", "session_id"], from: "2026-10-01", to: "2026-11-01", tz: "UTC", include: { repo: ['a"b/c;d', ""], session_id: Array.from({ length: 40 }, (_, i) => `session-${i}`), user: ["x"] }, ext: "csv" });
    expect(name).toMatch(/^[A-Za-z0-9._=+-]+$/);
    expect(name).toContain("repo=a-b-c-d+unattributed");
    expect(name).toMatch(/and-1-more-filters\.csv$/);
    expect(name.length).toBeLessThan(220);
  });
});
