import type { APIRequestContext } from "@playwright/test";
import { formatUsd } from "../../lib/finops/format";
import { OverviewResponse } from "../../lib/schemas/overview";
import { SummaryResponse } from "../../lib/schemas/summary";
import { expect, signIn, test, waitsForHydration } from "./fixtures";

/**
 * Who sees what, end to end: a lead of "platform" and a finance user sign in and see different things;
 * editing URLs and API parameters gets a lead nothing outside their teams.
 */
const LEAD = { email: `lead-${Date.now()}@e2e.test`, password: "lead-password-123" };
const FINANCE = { email: `finance-${Date.now()}@e2e.test`, password: "finance-password-123" };

test.beforeAll(async ({ request }) => {
  for (const [u, role, teams] of [[LEAD, "lead", ["platform"]], [FINANCE, "finance", []]] as const) {
    const res = await request.post("/api/v1/users", { data: { email: u.email, password: u.password, role, teams } });
    expect(res.status(), await res.text()).toBe(200);
  }
});

const overviewOf = async (api: APIRequestContext) => OverviewResponse.parse(await (await api.get("/api/v1/overview")).json());
const teamsOf = (o: OverviewResponse) => o.top.team.entries.map((e) => e.key);

test("a lead sees only their team; finance sees every team, and the totals agree", async ({ browser, request }) => {
  const all = await overviewOf(request);
  const byTeam = SummaryResponse.parse(await (await request.get(`/api/v1/summary?from=${all.from}&to=${all.to}&group_by=team`)).json());
  expect(byTeam.groups.map((g) => g.key)).toEqual(expect.arrayContaining(["platform", "search", ""]));

  const leadCtx = await browser.newContext();
  const lead = waitsForHydration(await leadCtx.newPage());
  await signIn(lead, LEAD);
  const leadView = await overviewOf(lead.request);
  expect(teamsOf(leadView)).toEqual(["platform"]);
  expect(leadView.top.team.others).toBe(0);
  expect(leadView.total.cost_usd).toBe(byTeam.groups.find((g) => g.key === "platform")!.cost_usd);
  expect(leadView.series.map((s) => s.key)).toEqual(["platform"]);
  await lead.goto("/overview");
  await expect(lead.getByTestId("nav-role")).toHaveText("lead · platform");
  await expect(lead.getByTestId("top-team").locator("tbody tr")).toHaveCount(1);
  await expect(lead.getByTestId("top-team")).toContainText("platform");
  await expect(lead.getByTestId("top-team")).not.toContainText("search");
  await expect(lead.getByTestId("legend-key")).toHaveText(["platform"]);
  await expect(lead.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expect(lead.getByTestId("total-spend")).toHaveText(formatUsd(leadView.total.cost_usd));

  const finCtx = await browser.newContext();
  const finance = waitsForHydration(await finCtx.newPage());
  await signIn(finance, FINANCE);
  const financeView = await overviewOf(finance.request);
  expect(financeView.total.cost_usd).toBe(all.total.cost_usd);
  await finance.goto("/overview");
  await expect(finance.getByTestId("nav-role")).toHaveText("finance · all teams");
  await expect(finance.getByTestId("total-spend")).toHaveText(formatUsd(all.total.cost_usd));
  expect(all.total.cost_usd).not.toBe(leadView.total.cost_usd);
  await expect(finance.getByTestId("top-team").locator("tbody tr")).toHaveCount(all.top.team.entries.length);
  await expect(finance.getByTestId("legend-key")).toContainText(["search"]);
  await expect(finance.getByRole("link", { name: "Audit log" })).toBeVisible();
  await leadCtx.close();
  await finCtx.close();
});

test("editing URLs and API calls gets a lead nothing outside their teams", async ({ browser }) => {
  const ctx = await browser.newContext();
  const lead = waitsForHydration(await ctx.newPage());
  await signIn(lead, LEAD);
  const csrf = (await ctx.cookies()).find((c) => c.name === "tl_csrf")!.value;
  const attempts: [string, string, unknown?][] = [
    ["GET", "/api/v1/users"],
    ["GET", "/api/v1/audit"],
    ["GET", "/api/v1/api-tokens"],
    ["POST", "/api/v1/ingest-keys", { name: "sneaky" }],
    ["POST", "/api/v1/prices/reprice"],
    ["POST", "/api/v1/users", { email: "x@e2e.test", password: "another-password-1", role: "admin" }],
    ["PATCH", "/api/v1/users/whatever", { role: "admin" }],
  ];
  for (const [method, url, data] of attempts) {
    const res = await lead.request.fetch(url, { method, data, headers: { "x-csrf-token": csrf } });
    expect({ url, status: res.status() }).toEqual({ url, status: 403 });
  }
  // Query parameters cannot widen the scope.
  const teams = await (await lead.request.get("/api/v1/teams")).json();
  expect(teams.teams.map((t: { slug: string }) => t.slug)).toEqual(["platform"]);
  for (const path of ["/settings?tab=users", "/settings?tab=tokens", "/audit"]) {
    await lead.goto(path);
    await expect(lead.locator("main")).not.toContainText("admin@e2e.test");
  }
  await lead.goto("/audit");
  await expect(lead.getByText("You do not have access to this page.")).toBeVisible();
  await ctx.close();
});

test("signed-out visitors are sent to sign in, and come back where they were going", async ({ anonymousPage }) => {
  const res = await anonymousPage.request.get("/api/v1/overview");
  expect(res.status()).toBe(401);
  await anonymousPage.goto("/settings?tab=rules");
  await expect(anonymousPage).toHaveURL(/\/login\?next=%2Fsettings%3Ftab%3Drules/);
  await anonymousPage.getByLabel("Email").fill(FINANCE.email);
  await anonymousPage.getByLabel("Password").fill("wrong-password-123");
  await anonymousPage.getByRole("button", { name: "Sign in" }).click();
  await expect(anonymousPage.locator(".form-error")).toHaveText("Invalid email or password");
  await anonymousPage.getByLabel("Password").fill(FINANCE.password);
  await anonymousPage.getByRole("button", { name: "Sign in" }).click();
  await expect(anonymousPage).toHaveURL(/\/settings\?tab=rules$/);
  await expect(anonymousPage.getByRole("tab", { name: "Ownership rules" })).toHaveAttribute("aria-selected", "true");
  await anonymousPage.getByRole("button", { name: "Sign out" }).click();
  await expect(anonymousPage).toHaveURL(/\/login/);
  expect((await anonymousPage.request.get("/api/v1/overview")).status()).toBe(401);
});

test("a cookie session cannot change anything without the CSRF token", async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = waitsForHydration(await ctx.newPage());
  await signIn(page, FINANCE);
  const res = await page.request.post("/api/v1/teams", { data: { slug: "csrf-test", name: "CSRF" } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toMatch(/CSRF/);
  await ctx.close();
});

test("API tokens only read and administer within their scope; ingest keys only ingest", async ({ request, playwright, baseURL }) => {
  const token = await (await request.post("/api/v1/api-tokens", { data: { name: "viewer-search", role: "viewer", teams: ["search"] } })).json();
  const viewer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token.secret}` } });
  expect(teamsOf(await overviewOf(viewer))).toEqual(["search"]);
  expect((await viewer.get("/api/v1/prices")).status()).toBe(403);
  const ingest = await viewer.post("/api/v1/events", { data: [] });
  expect(ingest.status()).toBe(401);
  const key = await (await request.post("/api/v1/ingest-keys", { data: { name: "only-ingest" } })).json();
  const withKey = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key.secret}` } });
  expect((await withKey.get("/api/v1/overview")).status()).toBe(401);
  await request.delete(`/api/v1/api-tokens/${token.id}`);
  expect((await viewer.get("/api/v1/overview")).status()).toBe(401);
  await viewer.dispose();
  await withKey.dispose();
});

test("an ingest key is rate-limited with Retry-After, and scoped to its teams", async ({ request, playwright, baseURL }) => {
  const key = await (await request.post("/api/v1/ingest-keys", { data: { name: "slow", rateLimitPerMinute: 6, allowedTeams: ["search"] } })).json();
  const sender = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key.secret}` } });
  const event = (team: string, i: number) => ({ event_id: `rl-${key.id}-${team}-${i}`, timestamp: new Date().toISOString(), provider: "openai", model: "gpt-4.1", input_tokens: 1, output_tokens: 1, team });
  const scoped = await (await sender.post("/api/v1/events", { data: [event("search", 0), event("growth", 0)] })).json();
  expect(scoped.accepted).toBe(1);
  expect(scoped.rejected[0].errors[0]).toEqual({ path: "team", message: expect.stringContaining("may only send events for search") });
  let limited = null;
  for (let i = 1; i < 10 && !limited; i++) {
    const res = await sender.post("/api/v1/events", { data: [event("search", i)] });
    if (res.status() === 429) limited = res;
  }
  expect(limited).not.toBeNull();
  expect(Number(limited!.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect((await limited!.json()).error.code).toBe("rate_limited");
  await sender.dispose();
});
