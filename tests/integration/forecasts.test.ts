import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * The forecasts page's API on a real store: per team and repo, spend so far and in the previous period
 * agree with the summary API to the nano-dollar, a team's forecast equals its team budget's forecast, the
 * intervals nest, team scope holds, and bad parameters are a 400 naming the field.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { createIngestKey } = await import("@/lib/db/ingest-keys");
const { createApiToken } = await import("@/lib/db/api-tokens");
const forecastsRoute = await import("@/app/api/v1/forecasts/route");
const summaryRoute = await import("@/app/api/v1/summary/route");
const budgetsRoute = await import("@/app/api/v1/budgets/route");
const ingestRoute = await import("@/app/api/v1/events/route");

const tokens: Record<string, string> = {};
type Handler = (r: Request, n?: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (handler: Handler, method: string, url: string, bearer: string, body?: unknown) =>
  handler(new Request(`http://test${url}`, { method, headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve({}) });
const get = async (handler: Handler, url: string, role = "admin") => {
  const res = await call(handler, "GET", url, tokens[role]);
  return { status: res.status, body: await res.json() };
};
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams([{ slug: "platform", name: "Platform" }, { slug: "search", name: "Search" }]);
  const key = (await createIngestKey({ name: "gateway", rateLimitPerMinute: 100_000 })).secret;
  for (const [role, teams] of [["admin", []], ["lead", ["platform"]]] as const) {
    tokens[role] = (await createApiToken({ name: role, role, teams, createdBy: "test" })).secret;
  }
  // 70 days of spend every 6 hours: platform on one repo with a weekly rhythm, search with no repo (Unattributed).
  const events = [];
  const now = Date.now();
  for (let h = 6; h < 70 * 24; h += 6) {
    const at = new Date(now - h * 3_600_000);
    const weekend = at.getUTCDay() === 0 || at.getUTCDay() === 6;
    events.push(makeUsageEvent({ timestamp: at.toISOString(), team: "platform", repo: "acme/api", input_tokens: weekend ? 2000 : 9000 + (h % 5) * 100, output_tokens: 300 }));
    events.push(makeUsageEvent({ timestamp: at.toISOString(), team: "search", input_tokens: 4000, output_tokens: 150 + (h % 7) }));
  }
  for (let i = 0; i < events.length; i += 500) expect((await call(ingestRoute.POST, "POST", "/api/v1/events", key, events.slice(i, i + 500))).status).toBe(200);
});
afterAll(() => store.cleanup());

const summaryCost = async (from: string, to: string, groupBy: string) => {
  const s = await get(summaryRoute.GET, `/api/v1/summary?from=${from}&to=${to}&tz=UTC&group_by=${groupBy}`);
  expect(s.status).toBe(200);
  return new Map<string, string>(s.body.groups.map((g: { key: string; cost_usd: string }) => [g.key, g.cost_usd]));
};

describe("GET /api/v1/forecasts", () => {
  it("gives each team's spend so far and last period exactly as the summary does, with nested intervals", async () => {
    const f = await get(forecastsRoute.GET, "/api/v1/forecasts?dimension=team&period=month");
    expect(f.status).toBe(200);
    const { period, rows, total } = f.body;
    expect(rows.map((r: { value: string }) => r.value).sort()).toEqual(["platform", "search"]);
    const soFar = await summaryCost(period.from, addDays(period.today, 1), "team");
    const before = await summaryCost(period.previous.from, period.previous.to, "team");
    let sum = new Decimal(0);
    for (const r of rows) {
      expect(r.actual_usd, r.value).toBe(soFar.get(r.value) ?? "0.000000000");
      expect(r.previous_period_usd, r.value).toBe(before.get(r.value));
      expect(new Decimal(r.previous_period_usd).gt(0)).toBe(true);
      sum = sum.plus(r.actual_usd);
      const fc = r.forecast;
      expect(fc).not.toBeNull();
      const [l95, l80, p, u80, u95] = [fc.lower95_usd, fc.lower80_usd, fc.end_usd, fc.upper80_usd, fc.upper95_usd].map(Number);
      expect(l95).toBeLessThanOrEqual(l80);
      expect(l80).toBeLessThanOrEqual(p);
      expect(p).toBeLessThanOrEqual(u80);
      expect(u80).toBeLessThanOrEqual(u95);
      // Spend already made is a floor: the period cannot end below it.
      expect(l95).toBeGreaterThanOrEqual(Number(r.actual_usd) - 0.005);
      expect(r.chart.at(-1).date).toBe(addDays(period.to, -1));
    }
    expect(total.actual_usd).toBe(sum.toFixed(9));
    expect(f.body.others).toEqual({ count: 0, actual_usd: "0.000000000" });
    // Bottom-up: every value is forecast, so the total's point is the sum of theirs (each rounded to the cent).
    const parts = rows.reduce((s: Decimal, r: { forecast: { end_usd: string } }) => s.plus(r.forecast.end_usd), new Decimal(0));
    expect(new Decimal(total.forecast.end_usd).minus(parts).abs().lte(0.01 * rows.length)).toBe(true);
  });

  it("agrees with a team budget's forecast for the same team and month", async () => {
    const created = await call(budgetsRoute.POST, "POST", "/api/v1/budgets", tokens.admin, { scope_type: "team", scope_value: "search", amount_usd: "1000" });
    expect(created.status).toBe(201);
    const budgets = await get(budgetsRoute.GET, "/api/v1/budgets");
    const budget = budgets.body.budgets.find((b: { scope_value: string }) => b.scope_value === "search");
    const f = await get(forecastsRoute.GET, "/api/v1/forecasts?dimension=team");
    const row = f.body.rows.find((r: { value: string }) => r.value === "search");
    expect(new Decimal(row.actual_usd).eq(budget.actual_usd)).toBe(true);
    expect(row.forecast.end_usd).toBe(budget.forecast.end_usd);
    expect(row.forecast.upper95_usd).toBe(budget.forecast.upper95_usd);
  });

  it("shows a lead only their teams, and counts what the limit leaves out", async () => {
    const lead = await get(forecastsRoute.GET, "/api/v1/forecasts?dimension=team", "lead");
    expect(lead.body.rows.map((r: { value: string }) => r.value)).toEqual(["platform"]);
    expect(lead.body.total.actual_usd).toBe(lead.body.rows[0].actual_usd);
    const all = await get(forecastsRoute.GET, "/api/v1/forecasts?dimension=team");
    const one = await get(forecastsRoute.GET, "/api/v1/forecasts?dimension=team&limit=1");
    expect(one.body.rows).toHaveLength(1);
    expect(one.body.others.count).toBe(1);
    const left = all.body.rows.find((r: { value: string }) => r.value !== one.body.rows[0].value);
    expect(one.body.others.actual_usd).toBe(left.actual_usd);
  });

  it("marks spend with no repo as unattributed, and forecasts weeks and quarters", async () => {
    const repos = await get(forecastsRoute.GET, "/api/v1/forecasts?dimension=repo&period=week");
    expect(repos.status).toBe(200);
    expect(repos.body.period.kind).toBe("week");
    const none = repos.body.rows.find((r: { unattributed: boolean }) => r.unattributed);
    expect(none?.value).toBe("");
    expect(repos.body.rows.some((r: { value: string; unattributed: boolean }) => r.value === "acme/api" && !r.unattributed)).toBe(true);
    const q = await get(forecastsRoute.GET, "/api/v1/forecasts?period=quarter");
    expect(q.body.period.kind).toBe("quarter");
    expect(q.body.rows.length).toBe(2);
  });

  it("refuses unknown dimensions, periods and limits with a 400 naming the field", async () => {
    for (const [qs, field] of [["dimension=model", "dimension"], ["period=year", "period"], ["limit=0", "limit"], ["limit=abc", "limit"]]) {
      const res = await get(forecastsRoute.GET, `/api/v1/forecasts?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(JSON.stringify(res.body.error), qs).toContain(field);
    }
  });

  it("never projects a part above the total: a team two days old and spending fast is inside the total, not over it", async () => {
    const key = (await createIngestKey({ name: "growth-gateway", rateLimitPerMinute: 100_000 })).secret;
    await ensureTeams([{ slug: "growth", name: "Growth" }]);
    const events = [];
    for (let h = 1; h < 40; h += 2) events.push(makeUsageEvent({ timestamp: new Date(Date.now() - h * 3_600_000).toISOString(), team: "growth", input_tokens: 200_000, output_tokens: 4000 }));
    expect((await call(ingestRoute.POST, "POST", "/api/v1/events", key, events)).status).toBe(200);
    for (const period of ["month", "quarter"]) {
      const f = await get(forecastsRoute.GET, `/api/v1/forecasts?dimension=team&period=${period}`);
      expect(f.status).toBe(200);
      const { rows, total } = f.body;
      expect(rows.map((r: { value: string }) => r.value)).toContain("growth");
      const ends = rows.map((r: { forecast: { end_usd: string } }) => new Decimal(r.forecast.end_usd));
      for (const e of ends) expect(e.lte(total.forecast.end_usd), `${period}: a part ${e} above the total ${total.forecast.end_usd}`).toBe(true);
      const parts = ends.reduce((s: Decimal, e: Decimal) => s.plus(e), new Decimal(0));
      expect(new Decimal(total.forecast.end_usd).minus(parts).abs().lte(0.01 * rows.length), period).toBe(true);
      // The total's band still holds its point, and its chart ends on the same figure.
      const [l80, p, u80] = [total.forecast.lower80_usd, total.forecast.end_usd, total.forecast.upper80_usd].map(Number);
      expect(l80).toBeLessThanOrEqual(p);
      expect(p).toBeLessThanOrEqual(u80);
      expect(total.chart.at(-1).forecast).toBe(total.forecast.end_usd);
    }
  });
});
