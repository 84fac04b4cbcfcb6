import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * Big groupings (issue 16 item 4): GET /api/v1/summary?group_by=session_id&limit=N pages the groups on the
 * server, sorted by the asked measure, and sums the rest into `other` so groups + other = total exactly;
 * without a limit every group comes back (the CSV export). And the trace context (item 3): a trace's
 * session, user, work item, pull request, branch and trigger, through the trace route. Real ingest, real chDB.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { createApiToken } = await import("@/lib/db/api-tokens");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { sumMoney } = await import("@/lib/finops/money");
const { GET: getSummaryRoute } = await import("@/app/api/v1/summary/route");
const { GET: getTraceRoute } = await import("@/app/api/v1/traces/[id]/route");
const { SummaryResponse } = await import("@/lib/schemas/summary");
const { TraceResponse } = await import("@/lib/schemas/trace");

const tokens = { admin: "", search: "" };
const summary = (query: string, who: keyof typeof tokens = "admin") =>
  getSummaryRoute(new Request(`http://t/api/v1/summary?from=2026-03-10&to=2026-03-11&${query}`, { headers: { authorization: `Bearer ${tokens[who]}` } }));
const SESSIONS = 250;

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams([{ slug: "search", name: "Search" }, { slug: "growth", name: "Growth" }]);
  tokens.admin = (await createApiToken({ name: "admin", role: "admin", createdBy: "test" })).secret;
  tokens.search = (await createApiToken({ name: "search lead", role: "lead", teams: ["search"], createdBy: "test" })).secret;
  // 250 sessions of distinct sizes, alternating teams; a few events without a session ("" is a group too).
  const events = Array.from({ length: SESSIONS }, (_, i) =>
    makeUsageEvent({ timestamp: `2026-03-10T${String(i % 24).padStart(2, "0")}:00:00Z`, session_id: `ses-${String(i).padStart(3, "0")}`, team: i % 2 ? "search" : "growth", input_tokens: 1000 + i * 37, output_tokens: 10 + i }),
  );
  events.push(makeUsageEvent({ timestamp: "2026-03-10T12:00:00Z", team: "search", input_tokens: 5 }));
  const trace = { trace_id: "T-ctx", session_id: "ses-ctx", user: "maya.chen", work_item: "PLAT-1423", pull_request: "platform/infra-tools#2291", branch: "agent/fix", trigger: "background", team: "search" };
  events.push(makeUsageEvent({ ...trace, timestamp: "2026-03-10T01:00:00Z", span_id: "root", input_tokens: 18_000 }));
  for (let i = 0; i < 4; i++) events.push(makeUsageEvent({ ...trace, timestamp: `2026-03-10T01:0${i + 1}:00Z`, span_id: `c${i}`, parent_span_id: "root", input_tokens: 20_000 }));
  events.push(makeUsageEvent({ ...trace, branch: "main", timestamp: "2026-03-10T01:09:00Z", span_id: "late", parent_span_id: "root", input_tokens: 100 }));
  expect((await ingestEvents(events, { now: new Date("2026-03-11T00:00:00Z") })).accepted).toBe(events.length);
});
afterAll(() => store.cleanup());

describe("GET /api/v1/summary with limit", () => {
  it("returns the top groups by the measure, counts them all, and keeps groups + other = total exactly", async () => {
    const all = SummaryResponse.parse(await (await summary("group_by=session_id")).json());
    expect(all.groups).toHaveLength(SESSIONS + 2);
    expect([all.group_count, all.other]).toEqual([SESSIONS + 2, null]);
    const page = SummaryResponse.parse(await (await summary("group_by=session_id&limit=100")).json());
    expect(page.groups).toHaveLength(100);
    expect(page.group_count).toBe(SESSIONS + 2);
    expect(page.groups.map((g) => g.key)).toEqual(all.groups.slice(0, 100).map((g) => g.key));
    expect(page.total).toEqual(all.total);
    for (const col of ["cost_usd", "retry_waste_usd", "cache_savings_usd"] as const) expect(sumMoney([page.other![col], ...page.groups.map((g) => g[col])]).equals(page.total[col])).toBe(true);
    for (const col of ["attempts", "requests", "input_tokens", "output_tokens"] as const) expect(page.other![col] + page.groups.reduce((s, g) => s + g[col], 0)).toBe(page.total[col]);
  });

  it("a page ranked by cost alone carries exactly the measures of the unpaged grouping, for one or two dimensions", async () => {
    for (const g of ["session_id", "team,session_id"]) {
      const all = SummaryResponse.parse(await (await summary(`group_by=${g}`)).json());
      const page = SummaryResponse.parse(await (await summary(`group_by=${g}&limit=40&offset=30`)).json());
      expect(page.groups, g).toEqual(all.groups.slice(30, 70));
      expect(page.group_count, g).toBe(all.group_count);
    }
  });

  it("finds groups by a search in their key (the filter picker), 'unattributed' finding the empty key", async () => {
    const found = SummaryResponse.parse(await (await summary("group_by=session_id&limit=200&search=SES-24")).json());
    expect(found.groups.map((g) => g.key).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `ses-24${i}`));
    expect(found.group_count).toBe(10);
    const none = SummaryResponse.parse(await (await summary("group_by=session_id&limit=5&search=unattributed")).json());
    expect(none.groups.map((g) => g.key)).toEqual([""]);
    const unpaged = SummaryResponse.parse(await (await summary("group_by=session_id&search=ses-24")).json());
    expect(unpaged.groups.map((g) => g.key).sort()).toEqual(found.groups.map((g) => g.key).sort());
  });

  it("sorts on the server by any measure or key, both ways, and pages with offset without overlap", async () => {
    const byTokens = SummaryResponse.parse(await (await summary("group_by=session_id&sort=input_tokens&dir=asc&limit=5")).json());
    const inputs = byTokens.groups.map((g) => g.input_tokens);
    expect(inputs).toEqual([...inputs].sort((a, b) => a - b));
    const byKey = SummaryResponse.parse(await (await summary("group_by=session_id&sort=key&dir=desc&limit=3")).json());
    expect(byKey.groups.map((g) => g.key)).toEqual(["ses-ctx", "ses-249", "ses-248"]);
    const p1 = SummaryResponse.parse(await (await summary("group_by=session_id&limit=100&offset=0")).json());
    const p2 = SummaryResponse.parse(await (await summary("group_by=session_id&limit=100&offset=100")).json());
    const p3 = SummaryResponse.parse(await (await summary("group_by=session_id&limit=100&offset=200")).json());
    const keys = [...p1.groups, ...p2.groups, ...p3.groups].map((g) => g.key);
    expect(new Set(keys).size).toBe(SESSIONS + 2);
  });

  it("pages within the caller's teams only", async () => {
    const lead = SummaryResponse.parse(await (await summary("group_by=session_id&limit=10", "search")).json());
    expect(lead.group_count).toBe(SESSIONS / 2 + 2);
    expect(sumMoney([lead.other!.cost_usd, ...lead.groups.map((g) => g.cost_usd)]).equals(lead.total.cost_usd)).toBe(true);
  });

  it("rejects a bad limit, offset or sort with a 400 that names the field", async () => {
    for (const [q, field] of [["limit=0", "limit"], ["limit=5001", "limit"], ["offset=-1", "offset"], ["sort=bogus", "sort"], ["dir=up", "dir"]]) {
      const res = await summary(`group_by=session_id&${q}`);
      expect(res.status, q).toBe(400);
      expect(JSON.stringify(await res.json()), q).toContain(field);
    }
  });
});

describe("trace context", () => {
  it("lists the trace's session, user, work item, pull request, branch and trigger, most cost first", async () => {
    const res = await getTraceRoute(new Request("http://t/api/v1/traces/T-ctx", { headers: { authorization: `Bearer ${tokens.admin}` } }), { params: Promise.resolve({ id: "T-ctx" }) });
    const t = TraceResponse.parse(await res.json());
    expect(t.context.session_id.map((v) => [v.value, v.attempts])).toEqual([["ses-ctx", 6]]);
    expect(t.context.work_item[0].value).toBe("PLAT-1423");
    expect(t.context.pull_request[0].value).toBe("platform/infra-tools#2291");
    expect(t.context.trigger[0].value).toBe("background");
    expect(t.context.branch.map((v) => [v.value, v.attempts])).toEqual([["agent/fix", 5], ["main", 1]]);
    expect(sumMoney(t.context.branch.map((v) => v.cost_usd)).equals(t.total.cost_usd)).toBe(true);
  });
});
