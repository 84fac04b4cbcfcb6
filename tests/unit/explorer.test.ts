import { OTHER_COLOR } from "@/components/charts/series-colors";
import { describe, expect, it } from "vitest";
import { prepareTimeSeries } from "@/components/charts/prepare-time-series";
import { parse } from "csv-parse/sync";
import { neutralizeCell, toCsv } from "@/lib/finops/csv";
import { explorerCsv } from "@/lib/finops/explorer-csv";
import { formatDelta, formatMetric, formatPct, metricById, metricChange, metricDelta } from "@/lib/finops/explorer-metrics";
import {
  drillDown, explorerQuery, narrowToBucket, nextState, parseExplorerState, summaryQuery, timeseriesQuery, tracesHref, valuesQuery,
} from "@/lib/finops/explorer-state";
import { sortTableRows, tableRows, type Group } from "@/lib/finops/explorer-table";
import type { MetricDef } from "@/lib/finops/explorer-metrics";
import type { SummaryMeasures } from "@/lib/schemas/summary";

/** The rows as the table shows them for a sort (its comparator, ties in the API's order). */
const shownRows = (groups: Group[], previous: Group[] | undefined, metric: MetricDef, sort: string, dir: "asc" | "desc") => sortTableRows(tableRows(groups, previous, metric), sort, dir, metric);

const now = new Date("2026-11-23T10:00:00Z");
const m = (cost: string, attempts: number): SummaryMeasures => ({
  cost_usd: cost, input_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, output_tokens: 0, reasoning_tokens: 0, requests: attempts, attempts,
  cache_hit_rate: 0.5, cache_savings_usd: "0.000000000", retry_amplification: 1, retry_waste_usd: "0.000000000", reasoning_share: 0,
  reasoning_cost_usd: "0.000000000", cancellation_waste_usd: "0.000000000", cancelled_spend_usd: "0.000000000", unattributed_usd: "0.000000000", unpriced_events: 0,
});

describe("explorer state in the URL", () => {
  it("defaults to the last 30 days by team and cost, and round-trips every field", () => {
    const s = parseExplorerState(new URLSearchParams(""), now);
    expect(s).toMatchObject({ from: "2026-10-25", to: "2026-11-24", tz: "UTC", bucket: "day", groupBy: "team", groupBy2: null, metric: "cost_usd", sort: "cost_usd", dir: "desc" });
    const q = "from=2026-06-01&to=2026-06-08&tz=Europe%2FParis&group_by=repo&metric=retry_waste_usd&sort=key&dir=asc&service=rag-api&service=reranker&exclude_team=growth";
    const parsed = parseExplorerState(new URLSearchParams(q), now);
    expect(parsed).toEqual({ from: "2026-06-01", to: "2026-06-08", tz: "Europe/Paris", bucket: "day", groupBy: "repo", groupBy2: null, metric: "retry_waste_usd", sort: "key", dir: "asc", include: { service: ["rag-api", "reranker"] }, exclude: { team: ["growth"] }, compare: false, base: null });
    expect(parseExplorerState(explorerQuery(parsed), now)).toEqual(parsed);
    expect(summaryQuery(parsed, { from: "2026-05-25", to: "2026-06-01" })).toBe("from=2026-05-25&to=2026-06-01&tz=Europe%2FParis&group_by=repo&service=rag-api&service=reranker&exclude_team=growth");
  });
  it("round-trips the hourly bucket and a second grouping, and asks the APIs for both dimensions", () => {
    const q = "from=2026-06-01&to=2026-06-08&tz=UTC&bucket=hour&group_by=team&group_by2=model&metric=cost_usd&sort=key2&dir=asc&exclude_model=gpt-4o&exclude_model=o3";
    const s = parseExplorerState(new URLSearchParams(q), now);
    expect(s).toMatchObject({ bucket: "hour", groupBy: "team", groupBy2: "model", sort: "key2", exclude: { model: ["gpt-4o", "o3"] } });
    expect(explorerQuery(s).toString()).toBe(q);
    expect(parseExplorerState(explorerQuery(s), now)).toEqual(s);
    expect(summaryQuery(s, s)).toBe("from=2026-06-01&to=2026-06-08&tz=UTC&group_by=team%2Cmodel&exclude_model=gpt-4o&exclude_model=o3");
    expect(timeseriesQuery(s)).toBe("from=2026-06-01&to=2026-06-08&tz=UTC&bucket=hour&metric=cost_usd&group_by=team&top=8&exclude_model=gpt-4o&exclude_model=o3");
    // The picker of a dimension lists its values under the other filters only.
    expect(valuesQuery({ ...s, include: { team: ["search"] } }, "model")).toBe("from=2026-06-01&to=2026-06-08&tz=UTC&group_by=model&sort=cost_usd&dir=desc&limit=200&team=search");
    expect(valuesQuery(s, "session_id", " ses-1 ")).toBe("from=2026-06-01&to=2026-06-08&tz=UTC&group_by=session_id&sort=cost_usd&dir=desc&limit=200&search=ses-1&exclude_model=gpt-4o&exclude_model=o3");
  });
  it("falls back to daily buckets beyond 31 days and drops a second grouping equal to the first", () => {
    const s = parseExplorerState(new URLSearchParams("from=2026-01-01&to=2026-03-01&bucket=hour&group_by=team&group_by2=team&sort=key2"), now);
    expect(s).toMatchObject({ bucket: "day", groupBy2: null, sort: "cost_usd" });
    const short = parseExplorerState(new URLSearchParams("from=2026-01-01&to=2026-02-01&bucket=hour"), now);
    expect(short.bucket).toBe("hour");
    expect(nextState(short, { from: "2025-10-01" }, now).bucket).toBe("day");
  });
  it("drills down on both keys, narrows to a clicked bucket's day, and links to the traces of a view", () => {
    const s = parseExplorerState(new URLSearchParams("from=2026-06-01&to=2026-06-08&tz=Asia%2FTokyo&group_by=team&group_by2=repo&exclude_team=growth&environment=prod"), now);
    expect(drillDown(s, "search", "web")).toEqual({ include: { environment: ["prod"], team: ["search"], repo: ["web"] }, exclude: {}, groupBy: "feature", groupBy2: null, sort: "cost_usd", dir: "desc" });
    // model → feature, but feature is already pinned and feature → model is the clicked one: fall back to team.
    const m = parseExplorerState(new URLSearchParams("group_by=model&feature=chat"), now);
    expect(drillDown(m, "gpt-4o").groupBy).toBe("team");
    expect(narrowToBucket("2026-06-03 14:00")).toEqual({ from: "2026-06-03", to: "2026-06-04", bucket: "hour" });
    expect(narrowToBucket("2026-06-03")).toEqual({ from: "2026-06-03", to: "2026-06-04", bucket: "hour" });
    expect(tracesHref(s)).toBe("/traces?from=2026-06-01&to=2026-06-08&tz=Asia%2FTokyo&environment=prod&exclude_team=growth");
    expect(tracesHref(s, { team: "search", repo: "" })).toBe("/traces?from=2026-06-01&to=2026-06-08&tz=Asia%2FTokyo&team=search&repo=&environment=prod");
  });
  it("ignores what it does not know instead of failing", () => {
    expect(parseExplorerState(new URLSearchParams("group_by=hacker;drop&metric=nope&from=yesterday"), now)).toMatchObject({ groupBy: "team", metric: "cost_usd", from: "2026-10-25" });
  });
});

describe("explorer metrics", () => {
  it("formats each kind and computes the change against the previous period", () => {
    expect(formatMetric(metricById("cost_usd"), "1234.565000000")).toBe("$1,234.56");
    expect(formatMetric(metricById("cache_hit_rate"), 0.4567)).toBe("45.7%");
    expect(formatMetric(metricById("retry_amplification"), 1.2345)).toBe("1.23×");
    expect(formatMetric(metricById("retry_amplification"), null)).toBe("—"); // undefined: attempts but no request ends
    expect(formatMetric(metricById("attempts"), 12345)).toBe("12,345");
    expect(metricChange(metricById("cost_usd"), m("150.000000000", 1), m("100.000000000", 1)).pct).toBeCloseTo(0.5);
    expect(metricChange(metricById("cost_usd"), m("1.000000000", 1), m("0.000000000", 1)).pct).toBeNull();
  });
});

describe("explorer table", () => {
  const cost = metricById("cost_usd");
  it("matches previous groups on both keys and computes exact money deltas", () => {
    const rows = shownRows(
      [{ key: "a", key2: "x", ...m("0.300000000", 1) }, { key: "a", key2: "y", ...m("0.100000000", 1) }, { key: "b", key2: "x", ...m("0.200000000", 1) }],
      [{ key: "a", key2: "x", ...m("0.100000000", 1) }, { key: "b", key2: "y", ...m("9.000000000", 1) }],
      cost, "delta", "desc",
    );
    // b/y had spend before and none now: a row at zero, down 100 %.
    expect(rows.map((r) => [r.key, r.key2, r.delta, r.isNew])).toEqual([["a", "x", "0.200000000", false], ["b", "x", "0.200000000", true], ["a", "y", "0.100000000", true], ["b", "y", "-9.000000000", false]]);
    expect([rows[3].now.cost_usd, rows[3].now.attempts, rows[3].pct]).toEqual(["0.000000000", 0, -1]);
    expect(rows[0].pct).toBeCloseTo(2);
    expect(shownRows([{ key: "b", ...m("1.000000000", 1) }, { key: "a", ...m("1.000000000", 1) }], undefined, cost, "key", "asc").map((r) => [r.key, r.delta])).toEqual([["a", null], ["b", null]]);
    expect(metricDelta(metricById("cache_hit_rate"), m("1.000000000", 1), undefined)).toBeNull();
    // A group whose calls are all unpriced has no known spend: no dollar change ("–"), not "+$0.00".
    const unpriced = { ...m("0.000000000", 2), unpriced_events: 2 };
    expect(metricDelta(cost, unpriced, undefined)).toBeNull();
    expect(metricDelta(cost, unpriced, m("1.000000000", 1))).toBeNull();
    expect(metricDelta(cost, m("1.000000000", 1), unpriced)).toBeNull();
    expect(metricDelta(cost, { ...m("1.000000000", 2), unpriced_events: 1 }, m("0.500000000", 1))).toBe("0.500000000"); // partly priced: the known part
    expect(metricDelta(metricById("attempts"), unpriced, undefined)).toBe(2);
    expect(metricChange(cost, unpriced, m("1.000000000", 1)).pct).toBeNull(); // not −100 %
  });
  it("formats deltas with their sign and unit", () => {
    expect(formatDelta(cost, "-12.345000000")).toBe("−$12.34");
    expect(formatDelta(cost, "0.000000000")).toBe("$0.00");
    expect(formatDelta(metricById("attempts"), 1204)).toBe("+1,204");
    expect(formatDelta(metricById("cache_hit_rate"), -0.021)).toBe("−2.1 pp");
    expect(formatPct(0.125)).toBe("+12.5%");
    expect(formatPct(null, true)).toBe("new");
  });
});

describe("explorer CSV", () => {
  const cost = metricById("cost_usd");
  it("holds the exact decimals of what is shown, quoting names with commas and quotes", () => {
    const rows = shownRows([{ key: 'a,"b"', ...m("1.000000001", 2) }], [], cost, "cost_usd", "desc");
    const csv = explorerCsv({ dims: ["repo"], metric: cost, rows, total: m("1.000000001", 2), previousTotal: undefined, totalDelta: null, totalPct: null });
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("row,repo,cost_usd,previous_cost_usd,change_cost_usd,change_pct,requests,attempts,retry_amplification,cache_hit_rate,reasoning_share,unpriced_events");
    // Spreadsheet-ready: rates as percentages, retry amplification to 3 decimals, money exact.
    expect(lines[1]).toBe('group,"a,""b""",1.000000001,,1.000000001,,2,2,1.000,50.00%,0.00%,0');
    expect(lines[2]).toBe("total,,1.000000001,,,,2,2,1.000,50.00%,0.00%,0");
  });
  it("has both key columns when grouped by two dimensions, in the table's order", () => {
    const rows = shownRows([{ key: "search", key2: "", ...m("2.000000000", 1) }, { key: "growth", key2: "o3", ...m("3.000000000", 1) }], [{ key: "search", key2: "", ...m("1.000000000", 1) }], cost, "cost_usd", "desc");
    const csv = explorerCsv({ dims: ["team", "model"], metric: cost, rows, total: m("5.000000000", 2), previousTotal: m("1.000000000", 1), totalDelta: "4.000000000", totalPct: 4 });
    expect(csv.trim().split("\n")).toEqual([
      "row,team,model,cost_usd,previous_cost_usd,change_cost_usd,change_pct,requests,attempts,retry_amplification,cache_hit_rate,reasoning_share,unpriced_events",
      "group,growth,o3,3.000000000,,3.000000000,,1,1,1.000,50.00%,0.00%,0",
      "group,search,Unattributed,2.000000000,1.000000000,1.000000000,100.00%,1,1,1.000,50.00%,0.00%,0",
      "total,,,5.000000000,1.000000000,4.000000000,400.00%,2,2,1.000,50.00%,0.00%,0",
    ]);
  });
  it("flags the total instead of naming it, so a real value '(total)' stays distinct; the empty value is 'Unattributed' as on screen", () => {
    const rows = shownRows([{ key: "(total)", ...m("2.000000000", 1) }, { key: "(none)", ...m("1.000000000", 1) }, { key: "", ...m("0.500000000", 1) }], [], cost, "cost_usd", "desc");
    const lines = explorerCsv({ dims: ["repo"], metric: cost, rows, total: m("3.500000000", 3), previousTotal: undefined, totalDelta: null, totalPct: null }).trim().split("\n");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 2))).toEqual([["group", "(total)"], ["group", "(none)"], ["group", "Unattributed"], ["total", ""]]);
  });
  it("neutralizes formula-like cells (OWASP CSV injection) but keeps negative numbers as numbers", () => {
    const rows = shownRows([{ key: "=HYPERLINK(\"http://x\")", ...m("2.000000000", 1) }, { key: "+1+2", ...m("1.000000000", 1) }, { key: "@SUM(A1)", ...m("1.000000000", 1) }, { key: "-2+3", ...m("1.000000000", 1) }, { key: "\tcmd", ...m("1.000000000", 1) }, { key: "\rcmd", ...m("1.000000000", 1) }], [{ key: "+1+2", ...m("3.000000000", 1) }], cost, "cost_usd", "desc");
    const csv = explorerCsv({ dims: ["repo"], metric: cost, rows, total: m("7.000000000", 6), previousTotal: undefined, totalDelta: null, totalPct: null });
    const keys = parse(csv, { from_line: 2 }).map((r: string[]) => r[1]);
    expect(keys).toEqual(["'=HYPERLINK(\"http://x\")", "'+1+2", "'@SUM(A1)", "'-2+3", "'\tcmd", "'\rcmd", ""]);
    // The change of "+1+2" is -2: a number, left as one.
    expect(parse(csv, { from_line: 2 })[1][4]).toBe("-2.000000000");
  });
  it("has one shared guard for every cell", () => {
    expect([neutralizeCell("=1"), neutralizeCell("-1.5"), neutralizeCell("+3"), neutralizeCell("a=b"), neutralizeCell("-")]).toEqual(["'=1", "-1.5", "+3", "a=b", "'-"]);
    expect(toCsv([["=cmd|' /C calc'!A0", -1, null]])).toBe("'=cmd|' /C calc'!A0,-1,\n");
  });
  it("leaves a negative percentage a number a spreadsheet reads (a group that spent nothing now: -100.00%)", () => {
    expect([neutralizeCell("-100.00%"), neutralizeCell("-3.5%"), neutralizeCell("+12%")]).toEqual(["-100.00%", "-3.5%", "+12%"]);
    // Anything more than a signed number and one trailing % is still text that could run as a formula.
    expect([neutralizeCell("-1%+cmd"), neutralizeCell("-%"), neutralizeCell("-1%%")]).toEqual(["'-1%+cmd", "'-%", "'-1%%"]);
  });
});

describe("explorer chart preparation", () => {
  it("keeps exact values for the tooltip, greys out (other), and leaves gaps for ratios that cannot be zero", () => {
    const data = { buckets: ["2026-06-01", "2026-06-02"], totals: ["1.500000000", "0.000000000"], attempts: [3, 0], series: [{ key: "a.b", kind: "group" as const, values: ["1.000000000", "0.000000000"], attempts: [2, 0] }, { key: "(other)", kind: "other" as const, values: ["0.500000000", "0.000000000"], attempts: [1, 0] }] };
    const { points, series } = prepareTimeSeries(data, { ratio: false, totalName: "Cost" });
    expect(series.map((s) => [s.dataKey, s.name, s.isOther])).toEqual([["s0", "a.b", false], ["s1", "All others", true]]);
    expect(series[1].color).toBe(OTHER_COLOR);
    expect(points[0]).toMatchObject({ bucket: "2026-06-01", label: "Jun 1", s0: 1, s1: 0.5, exact: ["1.000000000", "0.500000000"], total: "1.500000000" });
    expect(points[1]).toMatchObject({ s0: 0, s1: 0 }); // a sum's zero is a value
    // A ratio: no usage is a gap; usage with no cache reads is a real 0 %.
    const ratio = prepareTimeSeries({ buckets: ["2026-06-01 13:00", "2026-06-01 14:00"], totals: [0, 0], attempts: [0, 4], series: [] }, { ratio: true, totalName: "Cache hit rate" });
    expect(ratio.points.map((p) => p.s0)).toEqual([null, 0]);
  });
});
