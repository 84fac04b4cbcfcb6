import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * GET /api/v1/traces/{id} and GET /api/v1/traces on events written through the real ingest path (attribution,
 * pricing, dedupe) into a temporary store, called through the route handlers with API tokens.
 * Scope decision under test: spans of teams outside the caller's scope are hidden entirely (no service, model,
 * team name or cost of theirs in the answer); a visible span whose parent is hidden is an orphan root.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { createApiToken } = await import("@/lib/db/api-tokens");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { getTrace } = await import("@/lib/finops/trace-lookup");
const { sumMoney } = await import("@/lib/finops/money");
const { GET: getOne } = await import("@/app/api/v1/traces/[id]/route");
const { GET: getList } = await import("@/app/api/v1/traces/route");
const { TraceResponse, TopTracesResponse } = await import("@/lib/schemas/trace");

const tokens = { admin: "", search: "", growth: "" };
const one = (id: string, who: keyof typeof tokens = "admin", query = "") =>
  getOne(new Request(`http://t/api/v1/traces/${encodeURIComponent(id)}${query}`, { headers: { authorization: `Bearer ${tokens[who]}` } }), { params: Promise.resolve({ id }) });
const list = (query: string, who: keyof typeof tokens = "admin") => getList(new Request(`http://t/api/v1/traces?${query}`, { headers: { authorization: `Bearer ${tokens[who]}` } }));
const day = "from=2026-03-10&to=2026-03-11";

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams([{ slug: "search", name: "Search" }, { slug: "support-ai", name: "Support AI" }, { slug: "growth", name: "Growth" }]);
  tokens.admin = (await createApiToken({ name: "admin", role: "admin", createdBy: "test" })).secret;
  tokens.search = (await createApiToken({ name: "search lead", role: "lead", teams: ["search"], createdBy: "test" })).secret;
  tokens.growth = (await createApiToken({ name: "growth lead", role: "lead", teams: ["growth"], createdBy: "test" })).secret;
  const t = (s: string) => `2026-03-10T10:00:${s}Z`;
  // gpt-4.1: $2 input, $8 output per million tokens.
  const support = { team: "support-ai", service: "support-assistant", trace_id: "T1" };
  const search = { team: "search", service: "rag-api", trace_id: "T1" };
  const r = await ingestEvents(
    [
      makeUsageEvent({ ...support, event_id: "P", timestamp: t("00"), span_id: "p", request_id: "req-plan", input_tokens: 1000, output_tokens: 100 }), // 0.0028
      makeUsageEvent({ ...search, event_id: "R1", timestamp: t("01"), span_id: "r1", parent_span_id: "p", request_id: "req-ret", attempt: 1, status: "rate_limited", input_tokens: 0, output_tokens: 0 }),
      makeUsageEvent({ ...search, event_id: "R2", timestamp: t("02"), span_id: "r2", parent_span_id: "p", request_id: "req-ret", attempt: 2, status: "timeout", input_tokens: 1000, output_tokens: 50 }), // 0.0024
      makeUsageEvent({ ...search, event_id: "R3", timestamp: t("05"), span_id: "r3", parent_span_id: "p", request_id: "req-ret", attempt: 3, input_tokens: 1000, output_tokens: 100 }), // 0.0028
      makeUsageEvent({ ...search, event_id: "K", timestamp: t("06"), span_id: "k", parent_span_id: "r3", request_id: "req-rr", input_tokens: 500, output_tokens: 10 }), // 0.00108
      makeUsageEvent({ ...support, event_id: "A", timestamp: t("07"), span_id: "a", parent_span_id: "p", request_id: "req-ans", input_tokens: 2000, output_tokens: 500 }), // 0.008
      makeUsageEvent({ team: "search", service: "rag-api", trace_id: "T2", event_id: "T2a", timestamp: t("30"), span_id: "t2", input_tokens: 10_000, output_tokens: 1000 }), // 0.028
      makeUsageEvent({ team: "growth", event_id: "X1", timestamp: t("40"), request_id: "REQ-X", attempt: 1, status: "error", input_tokens: 100, output_tokens: 0 }), // 0.0002
      makeUsageEvent({ team: "growth", event_id: "X2", timestamp: t("41"), request_id: "REQ-X", attempt: 2, input_tokens: 100, output_tokens: 10 }), // 0.00028
    ],
    { now: new Date("2026-03-11T00:00:00Z") },
  );
  expect(r.accepted).toBe(9);
});
afterAll(() => store.cleanup());

describe("GET /api/v1/traces/{id}", () => {
  it("returns the call graph with retries grouped, its total, and both attributions adding up to it", async () => {
    const res = await one("T1");
    expect(res.status).toBe(200);
    const t = TraceResponse.parse(await res.json());
    expect([t.found_by, t.trace_id, t.truncated]).toEqual(["trace_id", "T1", false]);
    expect(t.nodes.map((n) => [n.id, n.depth, n.service, n.team, n.origin_team, n.attempts, n.status, n.cost_usd])).toEqual([
      ["p", 0, "support-assistant", "support-ai", "support-ai", 1, "success", "0.002800000"],
      ["r3", 1, "rag-api", "search", "support-ai", 3, "success", "0.005200000"],
      ["k", 2, "rag-api", "search", "support-ai", 1, "success", "0.001080000"],
      ["a", 1, "support-assistant", "support-ai", "support-ai", 1, "success", "0.008000000"],
    ]);
    expect(t.nodes[1].attempt_list.map((a) => [a.attempt, a.status, a.cost_usd, a.wasted])).toEqual([
      [1, "rate_limited", "0.000000000", true],
      [2, "timeout", "0.002400000", true],
      [3, "success", "0.002800000", false],
    ]);
    expect(t.total).toMatchObject({ cost_usd: "0.017080000", retry_waste_usd: "0.002400000", spans: 4, attempts: 6, roots: 1, input_tokens: 5500, output_tokens: 760 });
    expect(t.by_executing_team).toEqual([
      { team: "support-ai", cost_usd: "0.010800000", attempts: 2 },
      { team: "search", cost_usd: "0.006280000", attempts: 4 },
    ]);
    expect(t.by_originating_team).toEqual([{ team: "support-ai", cost_usd: "0.017080000", attempts: 6 }]);
    for (const table of [t.by_executing_team, t.by_originating_team]) expect(sumMoney(table.map((r) => r.cost_usd)).equals(t.total.cost_usd)).toBe(true);
  });

  it("resolves a request_id to its whole trace, or to its own events when it has no trace", async () => {
    const viaRequest = TraceResponse.parse(await (await one("req-ans")).json());
    expect([viaRequest.found_by, viaRequest.trace_id, viaRequest.total.attempts, viaRequest.total.cost_usd]).toEqual(["request_id", "T1", 6, "0.017080000"]);
    const lone = TraceResponse.parse(await (await one("REQ-X")).json());
    expect([lone.found_by, lone.trace_id, lone.nodes.length, lone.total.attempts, lone.total.retry_waste_usd, lone.nodes[0].status]).toEqual(["request_id", "", 1, 2, "0.000200000", "success"]);
  });

  it("hides other teams' spans entirely from a lead", async () => {
    const res = await one("T1", "search");
    const text = await res.clone().text();
    const t = TraceResponse.parse(await res.json());
    expect(t.nodes.map((n) => [n.id, n.parent_id, n.orphan, n.origin_team])).toEqual([
      ["r3", null, true, "search"],
      ["k", "r3", false, "search"],
    ]);
    expect(t.total.cost_usd).toBe("0.006280000");
    expect(t.by_originating_team).toEqual([{ team: "search", cost_usd: "0.006280000", attempts: 4 }]);
    expect(text).not.toMatch(/support|"P"|"A"|req-plan|req-ans/);
    // The same trace through one of search's own requests; never through another team's request.
    expect(TraceResponse.parse(await (await one("req-ret", "search")).json()).total.cost_usd).toBe("0.006280000");
    const hidden = await one("req-ans", "search");
    expect(hidden.status).toBe(404);
    expect((await hidden.json()).error.message).toMatch(/No trace or request with the id "req-ans" in your teams' usage/);
    expect((await one("T1", "growth")).status).toBe(404);
  });

  it("answers 404 for an unknown id, 400 for a bad one, and marks a capped trace truncated", async () => {
    const missing = await one("nope");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatchObject({ code: "not_found", message: expect.stringContaining('"nope"') });
    expect((await one("x".repeat(201))).status).toBe(400);
    expect((await one("a\u0001b")).status).toBe(400);
    expect((await one("T1", "admin", "?limit=5")).status).toBe(400);
    const capped = await getTrace({ id: "T1", scope: { all: true }, limit: 4 });
    expect([capped.truncated, capped.total.attempts, capped.event_limit]).toEqual([true, 4, 4]);
  });

  it("treats ids as values, never as SQL", async () => {
    expect((await one("T1' OR 1=1 --")).status).toBe(404);
    expect((await one("{id:String}")).status).toBe(404);
  });
});

describe("GET /api/v1/traces", () => {
  const rows = async (query: string, who: keyof typeof tokens = "admin") => {
    const res = await list(query, who);
    expect(res.status, await res.clone().text()).toBe(200);
    return TopTracesResponse.parse(await res.json()).traces.map((x) => [x.trace_id, x.matched_cost_usd, x.cost_usd]);
  };

  it("lists the most expensive traces of a range with their root, spans, attempts and retry waste", async () => {
    const r = TopTracesResponse.parse(await (await list(day)).json());
    expect(r.traces).toEqual([
      { trace_id: "T2", root_service: "rag-api", root_team: "search", root_feature: "", spans: 1, attempts: 1, matched_cost_usd: "0.028000000", cost_usd: "0.028000000", retry_waste_usd: "0.000000000", start: "2026-03-10T10:00:30.000Z" },
      { trace_id: "T1", root_service: "support-assistant", root_team: "support-ai", root_feature: "", spans: 4, attempts: 6, matched_cost_usd: "0.017080000", cost_usd: "0.017080000", retry_waste_usd: "0.002400000", start: "2026-03-10T10:00:00.000Z" },
    ]);
    expect(await rows(`${day}&limit=1`)).toEqual([["T2", "0.028000000", "0.028000000"]]);
    expect(await rows("from=2026-03-11&to=2026-03-12")).toEqual([]);
  });

  it("applies the summary's dimension filters, ranking by the matching events' cost", async () => {
    expect(await rows(`${day}&service=support-assistant`)).toEqual([["T1", "0.010800000", "0.017080000"]]);
    expect(await rows(`${day}&service=rag-api`)).toEqual([["T2", "0.028000000", "0.028000000"], ["T1", "0.006280000", "0.017080000"]]);
    expect(await rows(`${day}&exclude_team=search`)).toEqual([["T1", "0.010800000", "0.017080000"]]);
    const bad = await list(`${day}&servise=x`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/Unknown parameter: servise/);
    expect((await list("from=2026-03-10&to=2026-03-10")).status).toBe(400);
    expect((await list(`${day}&limit=500`)).status).toBe(400);
  });

  it("shows a lead only their teams' part of each trace", async () => {
    const r = TopTracesResponse.parse(await (await list(day, "search")).json());
    expect(r.traces.map((x) => [x.trace_id, x.cost_usd, x.root_service, x.root_team])).toEqual([
      ["T2", "0.028000000", "rag-api", "search"],
      ["T1", "0.006280000", "rag-api", "search"],
    ]);
    expect(await rows(day, "growth")).toEqual([]);
  });
});
