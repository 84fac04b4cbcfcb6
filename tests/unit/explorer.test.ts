import { describe, expect, it } from "vitest";
import { explorerCsv } from "@/lib/finops/explorer-csv";
import { formatMetric, metricById, metricChange } from "@/lib/finops/explorer-metrics";
import { explorerQuery, parseExplorerState, previousRange, summaryQuery } from "@/lib/finops/explorer-state";
import type { SummaryMeasures } from "@/lib/schemas/summary";

const now = new Date("2026-11-23T10:00:00Z");
const m = (cost: string, attempts: number): SummaryMeasures => ({
  cost_usd: cost, input_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, output_tokens: 0, reasoning_tokens: 0, requests: attempts, attempts,
  cache_hit_rate: 0.5, cache_savings_usd: "0.000000000", retry_amplification: 1, retry_waste_usd: "0.000000000", reasoning_share: 0,
  reasoning_cost_usd: "0.000000000", cancellation_waste_usd: "0.000000000", cancelled_spend_usd: "0.000000000", unattributed_usd: "0.000000000", unpriced_events: 0,
});

describe("explorer state in the URL", () => {
  it("defaults to the last 30 days by team and cost, and round-trips every field", () => {
    const s = parseExplorerState(new URLSearchParams(""), now);
    expect(s).toMatchObject({ from: "2026-10-25", to: "2026-11-24", tz: "UTC", groupBy: "team", metric: "cost_usd", sort: "cost_usd", dir: "desc" });
    const q = "from=2026-06-01&to=2026-06-08&tz=Europe%2FParis&group_by=repo&metric=retry_waste_usd&sort=key&dir=asc&service=rag-api&service=reranker&exclude_team=growth";
    const parsed = parseExplorerState(new URLSearchParams(q), now);
    expect(parsed).toEqual({ from: "2026-06-01", to: "2026-06-08", tz: "Europe/Paris", groupBy: "repo", metric: "retry_waste_usd", sort: "key", dir: "asc", include: { service: ["rag-api", "reranker"] }, exclude: { team: ["growth"] } });
    expect(parseExplorerState(explorerQuery(parsed), now)).toEqual(parsed);
    expect(summaryQuery(parsed, previousRange(parsed.from, parsed.to))).toBe("from=2026-05-25&to=2026-06-01&tz=Europe%2FParis&group_by=repo&service=rag-api&service=reranker&exclude_team=growth");
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
    expect(formatMetric(metricById("attempts"), 12345)).toBe("12,345");
    expect(metricChange(metricById("cost_usd"), m("150.000000000", 1), m("100.000000000", 1)).pct).toBeCloseTo(0.5);
    expect(metricChange(metricById("cost_usd"), m("1.000000000", 1), m("0.000000000", 1)).pct).toBeNull();
  });
});

describe("explorer CSV", () => {
  it("holds the exact decimals of what is shown, quoting names with commas and quotes", () => {
    const csv = explorerCsv("repo", [{ key: 'a,"b"', ...m("1.000000001", 2) }], m("1.000000001", 2));
    const lines = csv.trim().split("\n");
    expect(lines[0].startsWith("repo,cost_usd,requests,attempts,")).toBe(true);
    expect(lines[1].startsWith('"a,""b""",1.000000001,2,2,')).toBe(true);
    expect(lines[2].startsWith("(total),1.000000001,2,2,")).toBe(true);
  });
});
