import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * Budgets end to end on a real store (chDB + SQLite): the REST routes with API tokens of each role, spend
 * arriving through the real ingest route, and the decision API moving with it.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { createIngestKey } = await import("@/lib/db/ingest-keys");
const { createApiToken } = await import("@/lib/db/api-tokens");
const { listAudit } = await import("@/lib/db/audit");
const budgetsRoute = await import("@/app/api/v1/budgets/route");
const budgetRoute = await import("@/app/api/v1/budgets/[id]/route");
const whatIfRoute = await import("@/app/api/v1/budgets/[id]/what-if/route");
const eventsRoute = await import("@/app/api/v1/budgets/events/route");
const checkRoute = await import("@/app/api/v1/budgets/check/route");
const ingestRoute = await import("@/app/api/v1/events/route");

const tokens: Record<string, string> = {};
let ingestKey = "";
const call = (handler: (r: Request, n?: { params: Promise<Record<string, string>> }) => Promise<Response>, method: string, url: string, bearer: string, body?: unknown, params: Record<string, string> = {}) =>
  handler(new Request(`http://test${url}`, { method, headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
const check = async (body: unknown) => {
  const res = await call(checkRoute.POST, "POST", "/api/v1/budgets/check", ingestKey, body);
  return { status: res.status, body: await res.json() };
};
const ingest = async (events: unknown[]) => {
  const res = await call(ingestRoute.POST, "POST", "/api/v1/events", ingestKey, events);
  expect(res.status).toBe(200);
};
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams([{ slug: "platform", name: "Platform" }, { slug: "search", name: "Search" }]);
  ingestKey = (await createIngestKey({ name: "gateway", rateLimitPerMinute: 100_000 })).secret;
  for (const [role, teams] of [["admin", []], ["lead", ["platform"]], ["viewer", ["search"]]] as const) {
    tokens[role] = (await createApiToken({ name: role, role, teams, createdBy: "test" })).secret;
  }
});
afterAll(() => store.cleanup());

describe("budgets API", () => {
  let searchBudget = "";

  it("refuses bad bodies with 400 naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ scope_type: "repo", amount_usd: "10" }, "scope_value"],
      [{ scope_type: "org", amount_usd: "0" }, "amount_usd"],
      [{ scope_type: "org", amount_usd: "1.5x" }, "amount_usd"],
      [{ scope_type: "org", amount_usd: "10", period: "custom", custom_from: "2026-11-10" }, "custom_to"],
      [{ scope_type: "org", amount_usd: "10", period: "custom", custom_from: "2026-11-10", custom_to: "2026-11-01" }, "custom_to"],
      [{ scope_type: "org", amount_usd: "10", thresholds: [{ percent: 80, action: "explode" }] }, "thresholds"],
      [{ scope_type: "galaxy", amount_usd: "10" }, "scope_type"],
    ];
    for (const [body, field] of cases) {
      const res = await call(budgetsRoute.POST, "POST", "/api/v1/budgets", tokens.admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify((await res.json()).error.issues)).toContain(field);
    }
    const unknownTeam = await call(budgetsRoute.POST, "POST", "/api/v1/budgets", tokens.admin, { scope_type: "team", scope_value: "nope", amount_usd: "10" });
    expect(unknownTeam.status).toBe(400);
    expect((await unknownTeam.json()).error.message).toContain('unknown team "nope"');
  });

  it("lets a lead write only their own teams' budgets, a viewer none; audits each change", async () => {
    const org = await call(budgetsRoute.POST, "POST", "/api/v1/budgets", tokens.lead, { scope_type: "org", amount_usd: "100" });
    expect(org.status).toBe(403);
    const other = await call(budgetsRoute.POST, "POST", "/api/v1/budgets", tokens.lead, { scope_type: "team", scope_value: "search", amount_usd: "100" });
    expect(other.status).toBe(403);
    const viewer = await call(budgetsRoute.POST, "POST", "/api/v1/budgets", tokens.viewer, { scope_type: "team", scope_value: "search", amount_usd: "100" });
    expect(viewer.status).toBe(403);
    const own = await call(budgetsRoute.POST, "POST", "/api/v1/budgets", tokens.lead, { name: "Platform repo", scope_type: "repo", scope_value: "acme/api", team: "platform", amount_usd: "50.25" });
    expect(own.status).toBe(201);
    const created = (await own.json()).budget;
    expect(created).toMatchObject({ scope_type: "repo", team: "platform", amount_usd: "50.25", period: "month", thresholds: [{ percent: 80, action: "notify" }, { percent: 100, action: "require_approval" }, { percent: 120, action: "block" }] });
    // Moving it to another team is refused; editing the amount is fine and audited with before and after.
    expect((await call(budgetRoute.PATCH, "PATCH", "/x", tokens.lead, { team: "search" }, { id: created.id })).status).toBe(403);
    const edited = await call(budgetRoute.PATCH, "PATCH", "/x", tokens.lead, { amount_usd: "60" }, { id: created.id });
    expect(edited.status).toBe(200);
    const audit = (await listAudit()).filter((a) => a.entityId === created.id);
    expect(audit.map((a) => a.action).sort()).toEqual(["budget.create", "budget.update"]);
    const update = audit.find((a) => a.action === "budget.update")!;
    expect(JSON.parse(update.before!).amount_usd).toBe("50.25");
    expect(JSON.parse(update.after!).amount_usd).toBe("60");
    expect(update.actor).toBe("token:lead");

    const admin = await call(budgetsRoute.POST, "POST", "/api/v1/budgets", tokens.admin, { name: "Search monthly", scope_type: "team", scope_value: "search", amount_usd: "100" });
    expect(admin.status).toBe(201);
    searchBudget = (await admin.json()).budget.id;

    // Visibility: the lead sees only the platform budget; the viewer only search; the admin both.
    const names = async (who: string) => ((await (await call(budgetsRoute.GET, "GET", "/api/v1/budgets", tokens[who])).json()).budgets as { name: string }[]).map((b) => b.name).sort();
    expect(await names("admin")).toEqual(["Platform repo", "Search monthly"]);
    expect(await names("lead")).toEqual(["Platform repo"]);
    expect(await names("viewer")).toEqual(["Search monthly"]);
    expect((await call(budgetRoute.GET, "GET", "/x", tokens.lead, undefined, { id: searchBudget })).status).toBe(404);
    expect((await call(budgetRoute.DELETE, "DELETE", "/x", tokens.viewer, undefined, { id: searchBudget })).status).toBe(403);
  });

  it("decides allow / warn / deny from thresholds, with exact decimals", async () => {
    const at = async (cost: string) => (await check({ team: "search", estimated_cost_usd: cost })).body;
    expect((await at("50")).decision).toBe("allow");
    expect(await at("80")).toMatchObject({ decision: "warn", budgets: [{ id: searchBudget, scope: "team:search", remaining_usd: "100", threshold: { percent: 80, action: "notify" } }] });
    expect((await at("100")).budgets[0].threshold).toEqual({ percent: 100, action: "require_approval" });
    expect((await at("120")).decision).toBe("warn"); // landing exactly on the block threshold is still allowed
    expect((await at("120.000000001")).decision).toBe("deny");
    // Another team's call does not match the search budget.
    expect(await check({ team: "platform", estimated_cost_usd: "1000" })).toMatchObject({ status: 200, body: { decision: "allow", budgets: [] } });
  });

  it("prices tokens with the price book, and refuses a call without a cost", async () => {
    const priced = await check({ team: "search", provider: "openai", model: "gpt-4.1", input_tokens: 1_000_000, output_tokens: 100_000 });
    expect(priced.body.estimated_cost_usd).toBe("2.8"); // $2/M input + $8/M output
    const noProvider = await check({ team: "search", model: "gpt-4.1", input_tokens: 1_000_000 });
    expect(noProvider.body.estimated_cost_usd).toBe("2");
    const bad = await check({ team: "search" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.issues)).toContain("estimated_cost_usd");
    const unknown = await check({ team: "search", model: "no-such-model", input_tokens: 10 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("no price");
  });

  it("spend added by ingest moves the decision at once, and the crossing is recorded once", async () => {
    expect((await check({ team: "search", estimated_cost_usd: "30" })).body.decision).toBe("allow");
    // 30M input tokens of gpt-4.1 = $60 of spend on search, arriving through the ingest route (three calls of
    // 10M: one event may hold at most TOKENLEDGER_MAX_TOKENS_PER_EVENT, 10M by default).
    await ingest([1, 2, 3].map(() => makeUsageEvent({ team: "search", timestamp: minutesAgo(1), input_tokens: 10_000_000, output_tokens: 0 })));
    const after = await check({ team: "search", estimated_cost_usd: "30" });
    expect(after.body).toMatchObject({ decision: "warn", budgets: [{ remaining_usd: "40", threshold: { percent: 80 } }] });
    expect((await check({ team: "search", estimated_cost_usd: "60.5" })).body.decision).toBe("deny");
    // A re-sent event (duplicate) adds nothing.
    const dup = [1, 2].map((n) => makeUsageEvent({ team: "search", timestamp: minutesAgo(2), input_tokens: 6_000_000, output_tokens: 0, event_id: `dup-${n}` }));
    await ingest(dup);
    await ingest(dup);
    expect((await check({ team: "search", estimated_cost_usd: "0" })).body.budgets[0]).toMatchObject({ remaining_usd: "16", threshold: { percent: 80, action: "notify" } });
    await new Promise((r) => setTimeout(r, 200)); // the crossing is recorded without holding up ingest
    const events = (await (await call(eventsRoute.GET, "GET", "/api/v1/budgets/events", tokens.admin)).json()).events as { budget_id: string; percent: number; kind: string; spend_usd: string }[];
    const crossed = events.filter((e) => e.budget_id === searchBudget && e.kind === "crossed");
    expect(crossed.map((e) => e.percent)).toEqual([80]);
    expect(new Decimal(crossed[0].spend_usd).gte(80)).toBe(true);
    // The listing agrees with the store, and listing again records nothing new.
    const list = (await (await call(budgetsRoute.GET, "GET", "/api/v1/budgets", tokens.admin)).json()).budgets as { id: string; actual_usd: string; reached: unknown; status: string }[];
    const s = list.find((b) => b.id === searchBudget)!;
    expect(s.actual_usd).toBe("84");
    expect(s.reached).toEqual({ percent: 80, action: "notify" });
    const again = (await (await call(eventsRoute.GET, "GET", `/api/v1/budgets/events?budget_id=${searchBudget}`, tokens.admin)).json()).events as { kind: string }[];
    expect(again.filter((e) => e.kind === "crossed")).toHaveLength(1);
  });

  it("shows the burn-down with a forecast band, and a what-if that says the difference in dollars", async () => {
    const res = await call(budgetRoute.GET, "GET", "/x", tokens.viewer, undefined, { id: searchBudget });
    expect(res.status).toBe(200);
    const { budget } = await res.json();
    expect(budget.chart.length).toBeGreaterThan(0);
    const last = budget.chart[budget.chart.length - 1];
    expect(new Decimal(last.lower95).lte(last.forecast)).toBe(true);
    expect(new Decimal(last.forecast).lte(last.upper95)).toBe(true);
    expect(budget.forecast.end_usd).toBe(last.forecast);
    expect(new Decimal(budget.forecast.end_usd).gte(budget.actual_usd)).toBe(true);
    const w = await call(whatIfRoute.POST, "POST", "/x", tokens.viewer, { price_change_pct: 50, volume_growth_pct: 0 }, { id: searchBudget });
    expect(w.status).toBe(200);
    const body = await w.json();
    expect(body.multiplier).toBe("1.5");
    expect(new Decimal(body.difference_usd).gte(0)).toBe(true);
    const shift = await call(whatIfRoute.POST, "POST", "/x", tokens.viewer, { shift: { from_model: "gpt-4.1", to_model: "gpt-4o-mini", share_pct: 100 } }, { id: searchBudget });
    const sb = await shift.json();
    expect(new Decimal(sb.multiplier).lt(1)).toBe(true); // gpt-4o-mini is far cheaper
    expect(sb.notes[0]).toContain("openai/gpt-4.1 is 100.0 % of recent spend");
    const bad = await call(whatIfRoute.POST, "POST", "/x", tokens.viewer, { price_change_pct: -150 }, { id: searchBudget });
    expect(bad.status).toBe(400);
  });

  it("deletes with an audit record; the decision stops counting the budget", async () => {
    const del = await call(budgetRoute.DELETE, "DELETE", "/x", tokens.admin, undefined, { id: searchBudget });
    expect(del.status).toBe(200);
    expect((await listAudit()).some((a) => a.action === "budget.delete" && a.entityId === searchBudget)).toBe(true);
    expect((await check({ team: "search", estimated_cost_usd: "1000" })).body).toMatchObject({ decision: "allow", budgets: [] });
  });
});
