import { describe, expect, it } from "vitest";
import { prepareStackedSeries } from "@/components/charts/prepare-stacked-series";
import { colorOf, colorsFor, OTHER_COLOR, teamColorMap, teamColour } from "@/components/charts/series-colors";
import { change, costPerRequest, kpiFigures } from "@/lib/finops/overview-kpis";
import { exploreHref, keyLabel, stackHref, topAllHref, topRowHref } from "@/lib/finops/overview-links";
import { comparisonFor } from "@/lib/finops/comparison";
import { lastDays, localDate } from "@/lib/finops/date-range";
import { parseOverviewState, rangeProblem } from "@/lib/finops/overview-state";
import { wasteFigures } from "@/lib/finops/waste-metrics";
import type { SummaryMeasures } from "@/lib/schemas/summary";

const NOW = new Date("2026-11-30T23:30:00Z");
const m = (p: Partial<SummaryMeasures>): SummaryMeasures => ({
  cost_usd: "0.000000000", input_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, output_tokens: 0, reasoning_tokens: 0, requests: 0, attempts: 0,
  cache_hit_rate: 0, cache_savings_usd: "0.000000000", retry_amplification: 0, retry_waste_usd: "0.000000000", reasoning_share: 0, reasoning_cost_usd: "0.000000000",
  cancellation_waste_usd: "0.000000000", cancelled_spend_usd: "0.000000000", unattributed_usd: "0.000000000", unpriced_events: 0, ...p,
});
const state = { from: "2026-11-01", to: "2026-12-01", tz: "Asia/Tokyo", stack: "team" as const };
const query = (href: string) => Object.fromEntries([...new URLSearchParams(href.split("?")[1]).entries()]);

describe("overview state", () => {
  it("defaults to the last 30 days of the zone's today, stacked by team", () => {
    expect(localDate(NOW, "Asia/Tokyo")).toBe("2026-12-01");
    expect(parseOverviewState(new URLSearchParams(""), NOW)).toEqual({ from: "2026-11-01", to: "2026-12-01", tz: "UTC", stack: "team" });
    expect(parseOverviewState(new URLSearchParams("tz=Asia/Tokyo&stack=model"), NOW)).toEqual({ from: "2026-11-02", to: "2026-12-02", tz: "Asia/Tokyo", stack: "model" });
    expect(parseOverviewState(new URLSearchParams("from=2026-05-02&to=2026-05-01&tz=Mars/Base&stack=repo"), NOW)).toMatchObject({ from: "2026-11-01", tz: "UTC", stack: "team" });
  });
  it("knows presets, previous periods and bad ranges", () => {
    expect(lastDays(7, "UTC", NOW)).toEqual({ from: "2026-11-24", to: "2026-12-01" });
    // October is compared with September (lib/finops/comparison.ts), not with the 31 days before (Aug 31 – Sep 30).
    expect(comparisonFor("2026-10-01", "2026-11-01", "UTC", NOW, { monthStartDay: 1, weekStartsOn: 1 }).previous).toEqual({ from: "2026-09-01", to: "2026-10-01" });
    expect(rangeProblem("2026-01-02", "2026-01-02")).toMatch(/end date/);
    expect(rangeProblem("2024-01-01", "2026-01-01")).toMatch(/400 days/);
    expect(rangeProblem("2026-01-01", "2026-01-08")).toBeNull();
  });
});

describe("explorer links", () => {
  it("filters a stack segment to its day and group, drilled one level down", () => {
    expect(query(stackHref(state, { key: "search", isOther: false }, "2026-11-30"))).toEqual({ from: "2026-11-30", to: "2026-12-01", tz: "Asia/Tokyo", group_by: "repo", metric: "cost_usd", bucket: "hour", team: "search" });
    expect(query(stackHref({ ...state, stack: "provider" }, { key: "openai", isOther: false }))).toMatchObject({ from: "2026-11-01", group_by: "model", provider: "openai" });
    expect(query(stackHref({ ...state, stack: "environment" }, { key: "prod", isOther: false }))).toMatchObject({ group_by: "team", environment: "prod" });
  });
  it("gives the rest (flagged, not named) only the day, and keeps the empty key as a filter for unattributed spend", () => {
    expect(query(stackHref({ ...state, stack: "model" }, { key: "(other)", isOther: true }, "2026-11-03"))).toEqual({ from: "2026-11-03", to: "2026-11-04", tz: "Asia/Tokyo", group_by: "model", metric: "cost_usd", bucket: "hour" });
    // A real value "(other)" is a group like any other: filtered to it.
    expect(query(stackHref({ ...state, stack: "model" }, { key: "(other)", isOther: false }, "2026-11-03"))).toMatchObject({ group_by: "feature", model: "(other)" });
    expect(stackHref(state, { key: "", isOther: false }, "2026-11-03")).toContain("&team=");
    expect([keyLabel("team", ""), keyLabel("repo", ""), keyLabel("repo", "a/b")]).toEqual(["Unattributed", "Unattributed", "a/b"]);
  });
  it("links top-list rows and '+N more'", () => {
    expect(query(topRowHref(state, "model", "gpt-4.1"))).toMatchObject({ group_by: "feature", model: "gpt-4.1" });
    expect(query(topRowHref(state, "customer", "acme & co"))).toMatchObject({ group_by: "feature", customer: "acme & co" });
    expect(query(topAllHref(state, "repo"))).toEqual({ from: "2026-11-01", to: "2026-12-01", tz: "Asia/Tokyo", group_by: "repo", metric: "cost_usd" });
    expect(query(exploreHref({ ...state, groupBy: "model", metric: "unpriced_events" }))).toMatchObject({ group_by: "model", metric: "unpriced_events" });
  });
});

describe("headline figures", () => {
  it("computes exact changes, coloured by whether up is good news", () => {
    expect(change("money", "110.100000000", "100.000000000", "down")).toEqual({ text: "+$10.10", pct: "+10.1%", direction: "up", tone: "bad", previous: "$100.00", fresh: false });
    expect(change("money", "0.1", "0.3", "down")).toMatchObject({ text: "−$0.20", direction: "down", tone: "good" });
    expect(change("count", 90, 100, "none")).toMatchObject({ text: "−10", pct: "−10.0%", tone: "neutral" });
    expect(change("ratio", 0.25, 0.2, "up")).toMatchObject({ text: "+5.0 pp", pct: null, tone: "good" });
    // An empty baseline: new, not "+$5.00" or a percentage.
    expect(change("money", "5", "0", "down")).toMatchObject({ text: "new", pct: null, direction: "up", tone: "neutral", fresh: true });
    expect(change("money", "0", "0", "down")).toMatchObject({ direction: "flat", fresh: false });
    expect(change("money", "5.001", "5.002", "down")).toMatchObject({ direction: "flat", tone: "neutral" });
  });
  it("divides cost per request exactly", () => {
    expect(costPerRequest(m({ cost_usd: "1.000000000", requests: 3 }))).toMatch(/^0\.3333333333/);
    expect(costPerRequest(m({ requests: 0 }))).toBe("0");
    const k = kpiFigures(m({ cost_usd: "12.345000000", requests: 1000, attempts: 1200 }), m({ cost_usd: "10.000000000", requests: 1000, attempts: 1000 }));
    expect(k.map((f) => [f.id, f.value, f.change.text])).toEqual([
      // Half-even to the cent, as formatUsd shows the total: $12.345 → $12.34, so the change reads +$2.34.
      ["spend", "$12.34", "+$2.34"],
      ["requests", "1,000", "0"],
      ["attempts", "1,200", "+200"],
      ["cost-per-request", "$0.0123", "+$0.00234"],
    ]);
    expect(k[1].change.direction).toBe("flat");
    for (const f of k) expect(f.definition.length).toBeGreaterThan(20);
  });
  it("gives each waste figure its explorer metric and change", () => {
    const w = wasteFigures(m({ unattributed_usd: "7.000000000", unpriced_events: 3 }), m({ unattributed_usd: "5.000000000" }));
    expect(w.map((f) => [f.metric, f.groupBy, f.detailMetric ?? null])).toEqual([
      ["cache_hit_rate", "team", "cache_savings_usd"],
      ["retry_amplification", "team", "retry_waste_usd"],
      ["reasoning_share", "team", "reasoning_cost_usd"],
      ["cancellation_waste_usd", "team", "cancelled_spend_usd"],
      ["unattributed_usd", "team", null],
      ["unpriced_events", "model", null],
    ]);
    expect(w[4].change).toMatchObject({ text: "+$2.00", tone: "bad" });
    expect(wasteFigures(m({}))[0].change).toBeUndefined();
  });
});

describe("prepareStackedSeries", () => {
  it("keeps exact strings beside bar heights and greys out the rest, known by its flag", () => {
    const { rows, keys } = prepareStackedSeries({
      days: ["2026-11-01", "2026-11-02"],
      dailyCost: ["3.000000001", "1.000000000"],
      series: [
        { key: "search", kind: "group", total: { cost_usd: "2.000000001" }, values: ["1.000000001", "1.000000000"] },
        { key: "(other)", kind: "other", total: { cost_usd: "2.000000000" }, values: ["2.000000000", "0.000000000"] },
      ],
      label: (k) => k,
      otherLabel: "All others",
    });
    expect(keys.map((k) => [k.label, k.totalText, k.isOther])).toEqual([["search", "2.000000001", false], ["All others", "2.000000000", true]]);
    expect(keys[1].color).toBe(OTHER_COLOR);
    // A real team called "(other)" is a coloured group, not the grey rest.
    const real = prepareStackedSeries({ days: [], dailyCost: [], series: [{ key: "(other)", kind: "group", total: { cost_usd: "1" }, values: [] }], label: (k) => k, otherLabel: "All others" });
    expect([real.keys[0].label, real.keys[0].isOther, real.keys[0].color === OTHER_COLOR]).toEqual(["(other)", false, false]);
    expect(rows[0]).toEqual({ day: "2026-11-01", label: "Nov 1", longLabel: "Sun, Nov 1, 2026", totalText: "3.000000001", texts: ["1.000000001", "2.000000000"], values: [1.000000001, 2] });
    expect(rows[1].values).toEqual([1, null]);
  });
});

describe("series colours", () => {
  it("follow the key, not its rank, so a team is one colour on every chart", () => {
    const a = colorsFor(["search", "platform", "growth", "(other)"], "(other)");
    const b = colorsFor(["growth", "(other)", "platform", "search"], "(other)");
    expect(b).toEqual([a[2], OTHER_COLOR, a[1], a[0]]);
    // Drawn alone, or beside keys it does not clash with, a key has its own hash colour.
    expect(colorsFor(["search"])).toEqual([colorOf("search")]);
  });
  it("stay distinct for keys drawn together while the palette lasts", () => {
    const keys = Array.from({ length: 20 }, (_, i) => `team-${i}`);
    expect(new Set(colorsFor(keys)).size).toBe(20);
  });
  it("pin each team's colour over the organisation's teams, whichever teams a chart shows (the demo's platform and growth share a hash colour)", () => {
    const org = ["growth", "platform", "search", "support-ai"];
    expect(colorOf("platform")).toBe(colorOf("growth")); // the clash that made platform change colour
    const all = teamColorMap(org, "all");
    const lead = teamColorMap(org, ["platform"]);
    // The lead's page carries its own team and Unattributed only, in the organisation's colours.
    expect(lead).toEqual({ "": all[""], platform: all.platform });
    expect(new Set(Object.values(all)).size).toBe(5);
    // Alone (a lead's chart, a trace), with every team, or in another order: the same colour.
    expect(colorsFor(["platform"], undefined, lead)).toEqual([all.platform]);
    expect(colorsFor(["search", "platform", "growth", "", "support-ai"], undefined, all)).toEqual([all.search, all.platform, all.growth, all[""], all["support-ai"]]);
    expect(teamColour("platform", lead)).toBe(all.platform);
    // A key without a pinned colour keeps clear of the pinned ones drawn with it.
    const [x, p] = colorsFor(["new-team", "platform"], undefined, all);
    expect(p).toBe(all.platform);
    expect(x).not.toBe(all.platform);
  });
});
