import { describe, expect, it } from "vitest";
import { changeQuery, contributorHref, waterfallDomain, waterfallSteps } from "@/lib/finops/change-links";
import { explorerQuery, parseExplorerState } from "@/lib/finops/explorer-state";
import { DRIVERS } from "@/lib/finops/change-decomposition";

const now = new Date("2026-11-24T12:00:00Z");
const answer = {
  baseline: { from: "2026-05-01", to: "2026-05-08", cost_usd: "100.000000000", until: null, label: "vs previous 7 days" },
  current: { from: "2026-05-08", to: "2026-05-15", cost_usd: "130.500000000" },
  residual_usd: "0.000000000",
  drivers: DRIVERS.map((id) => ({ id, label: id, definition: "", contributors: [], amount_usd: id === "volume" ? "40.000000000" : id === "price" ? "-9.500000000" : "0.000000000" })),
};

describe("change links and waterfall", () => {
  it("Explore's compare mode round-trips through the URL, with or without its own baseline", () => {
    const s = parseExplorerState(new URLSearchParams("from=2026-05-08&to=2026-05-15&compare=1&base_from=2026-04-01&base_to=2026-04-08&team=search"), now);
    expect(s).toMatchObject({ compare: true, base: { from: "2026-04-01", to: "2026-04-08" } });
    expect(parseExplorerState(explorerQuery(s), now)).toEqual(s);
    expect(parseExplorerState(new URLSearchParams("from=2026-05-08&to=2026-05-15&base_from=2026-04-08&base_to=2026-04-01"), now)).toMatchObject({ compare: false, base: null });
    expect(changeQuery(s)).toBe("from=2026-05-08&to=2026-05-15&tz=UTC&base_from=2026-04-01&base_to=2026-04-08&team=search");
    expect(changeQuery({ ...s, base: null })).toBe("from=2026-05-08&to=2026-05-15&tz=UTC&team=search");
  });

  it("a contributor opens its slice in compare mode for the same two periods, keeping the other filters", () => {
    const scope = { from: "2026-05-08", to: "2026-05-15", tz: "Europe/Paris", base: null, include: { team: ["search", "growth"] }, exclude: { environment: ["eval"] } };
    const href = contributorHref(scope, answer, "team", "search");
    const q = new URL(href, "http://x").searchParams;
    expect(href.startsWith("/explore?")).toBe(true);
    expect(Object.fromEntries(q)).toMatchObject({ from: "2026-05-08", to: "2026-05-15", tz: "Europe/Paris", group_by: "repo", compare: "1", base_from: "2026-05-01", base_to: "2026-05-08", exclude_environment: "eval" });
    expect(q.getAll("team")).toEqual(["search"]);
    expect(parseExplorerState(q, now)).toMatchObject({ compare: true, base: { from: "2026-05-01", to: "2026-05-08" }, include: { team: ["search"] }, groupBy: "repo" });
  });

  it("the waterfall walks from the baseline through every driver and the residual to the current spend", () => {
    const steps = waterfallSteps(answer);
    expect(steps.map((s) => s.id)).toEqual(["baseline", ...DRIVERS, "residual", "current"]);
    expect(steps.find((s) => s.id === "volume")).toMatchObject({ low: 100, high: 140, kind: "up", amount: "40.000000000" });
    expect(steps.find((s) => s.id === "price")).toMatchObject({ low: 130.5, high: 140, kind: "down" });
    expect(steps.find((s) => s.id === "mix")).toMatchObject({ low: 140, high: 140, kind: "zero" });
    expect(steps.at(-1)).toMatchObject({ low: 0, high: 130.5, kind: "total" });
    // Small drivers beside large totals: the axis starts above 0, below every bar of the change.
    const [bottom, top] = waterfallDomain(steps);
    expect(bottom).toBeGreaterThan(30);
    expect(bottom).toBeLessThan(100);
    expect(top).toBeGreaterThan(140);
    expect(waterfallDomain(waterfallSteps({ ...answer, baseline: { ...answer.baseline, cost_usd: "0.000000000" }, current: { ...answer.current, cost_usd: "0.000000000" }, drivers: answer.drivers.map((d) => ({ ...d, amount_usd: "0.000000000" })) }))).toEqual([0, 1]);
    // A change as large as the totals keeps the axis at 0.
    expect(waterfallDomain(waterfallSteps({ ...answer, current: { ...answer.current, cost_usd: "10.000000000" }, drivers: answer.drivers.map((d) => ({ ...d, amount_usd: d.id === "volume" ? "-90.000000000" : "0.000000000" })) }))[0]).toBe(0);
  });
});
