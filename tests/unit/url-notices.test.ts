import { describe, expect, it } from "vitest";
import { explorerQuery, parseExplorerState } from "@/lib/finops/explorer-state";
import { overviewQuery, parseOverviewState } from "@/lib/finops/overview-state";
import { ignoredParams } from "@/lib/finops/url-notices";

const NOW = new Date("2026-11-29T10:00:00Z");

describe("parameters a page did not apply", () => {
  it("names impossible dates, unknown values and misspelt names; nothing when all applied", () => {
    const given = new URLSearchParams("from=2026-02-30&to=2026-03-10&group_by=colour&gruop_by=repo&team=search");
    expect(ignoredParams(given, explorerQuery(parseExplorerState(given, NOW)))).toEqual(["from=2026-02-30", "to=2026-03-10", "group_by=colour", "gruop_by=repo"]);
    const clean = new URLSearchParams("from=2026-10-01&to=2026-11-01&tz=UTC&stack=model");
    expect(ignoredParams(clean, overviewQuery(parseOverviewState(clean, NOW)))).toEqual([]);
    const hourly = new URLSearchParams("from=2026-01-01&to=2026-06-01&bucket=hour");
    expect(ignoredParams(hourly, explorerQuery(parseExplorerState(hourly, NOW)))).toEqual(["bucket=hour"]);
  });
});
