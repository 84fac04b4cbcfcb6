import { OverviewResponse } from "../../lib/schemas/overview";
import { TopTracesResponse } from "../../lib/schemas/trace";
import { expect, test } from "./fixtures";

/**
 * The two journeys users come for (issue 16), in a real browser on the demo data.
 * Lead: the runaway coding agent (lib/demo/INCIDENTS.md: platform, four days before the demo's last day,
 * 01:00-08:30, one session of ~400 calls) from the overview's bar to its traces in two clicks.
 */
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const params = (url: string) => Object.fromEntries(new URL(url).searchParams.entries());

test("lead: from the overview's spike to the traces behind it in two clicks", async ({ page, request }) => {
  const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
  const spike = isoDay(today - 4 * DAY);
  const view = `from=${isoDay(today - 6 * DAY)}&to=${isoDay(today + DAY)}&tz=UTC&stack=team`;
  const api = OverviewResponse.parse(await (await request.get(`/api/v1/overview?${view}`)).json());
  const series = api.series.findIndex((s) => s.key === "platform");
  expect(series).toBeGreaterThanOrEqual(0);
  const dayIndex = api.days.indexOf(spike);
  // Segments of a series are drawn for its days with spend, in order.
  const nth = api.series[series].values.slice(0, dayIndex).filter((v) => Number(v) !== 0).length;

  await page.goto(`/overview?${view}`);
  // Click 1: the platform team's bar on the spike's day.
  await page.getByRole("img", { name: /^Daily spend/ }).locator(".recharts-bar").nth(series).locator(".recharts-bar-rectangle").nth(nth).click();
  await expect(page).toHaveURL(/\/explore\?/);
  expect(params(page.url())).toMatchObject({ from: spike, to: isoDay(Date.parse(spike) + DAY), bucket: "hour", team: "platform", group_by: "repo" });
  // The day hour by hour, the contributors already listed, most expensive first.
  const rows = page.getByTestId("explore-table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();

  // Click 2: the traces behind the worst contributor.
  await rows.first().getByRole("link", { name: "Traces" }).click();
  await expect(page).toHaveURL(/\/traces\?/);
  const list = TopTracesResponse.parse(await (await request.get(`/api/v1/traces?${new URL(page.url()).searchParams}`)).json());
  expect(list.traces.length).toBeGreaterThan(0);
  // The runaway session is there: hundreds of calls in one trace.
  expect(Math.max(...list.traces.map((t) => t.attempts))).toBeGreaterThan(250);
  await expect(page.getByTestId("traces-table")).toBeVisible();
});

test("finance: last month by team through the typed-date picker, exported", async ({ page }) => {
  await page.goto("/explore?group_by=team");
  await page.getByRole("button", { name: "Last month", exact: true }).click();
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  await expect.poll(() => params(page.url())).toMatchObject({ from: isoDay(first.getTime()), to: isoDay(next.getTime()), group_by: "team" });
  await expect(page.getByLabel("Through", { exact: true })).toHaveValue(isoDay(next.getTime() - DAY));
  await expect(page.getByTestId("explore-table").locator("tbody tr").first()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
});

test("narrow screens list every navigation item in a menu; unknown pages are branded", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/overview");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Explore", exact: true })).toBeHidden();
  await nav.getByRole("button", { name: /Menu/ }).click();
  for (const name of ["Overview", "Explore", "Traces", "Chargeback", "Alerts", "Settings"]) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  const errors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
});

test("a role change asks for confirmation first", async ({ page, request }) => {
  const email = `confirm-${Date.now()}@e2e.test`;
  const created = await request.post("/api/v1/users", { data: { email, password: "confirm-password-1", role: "viewer", teams: [] } });
  expect(created.status(), await created.text()).toBe(200);
  const roleOf = async () => ((await (await request.get("/api/v1/users")).json()) as { users: { email: string; role: string }[] }).users.find((u) => u.email === email)?.role;
  await page.goto("/settings?tab=users");
  const select = page.getByLabel(`Role of ${email}`);

  page.once("dialog", (d) => { expect(d.message()).toContain("viewer to finance"); void d.dismiss(); });
  await select.selectOption("finance");
  await expect(select).toHaveValue("viewer");
  expect(await roleOf()).toBe("viewer");

  page.once("dialog", (d) => void d.accept());
  await select.selectOption("finance");
  await expect.poll(roleOf).toBe("finance");
});

test("a link with parameters the page cannot apply says which", async ({ page }) => {
  await page.goto("/explore?from=2026-02-30&to=2026-03-10&gruop_by=repo");
  await expect(page.getByTestId("ignored-params")).toContainText("from=2026-02-30");
  await expect(page.getByTestId("ignored-params")).toContainText("gruop_by=repo");
  await page.goto("/overview?from=2026-10-01&to=2026-11-01&tz=UTC&stack=team");
  await expect(page.getByTestId("ignored-params")).toHaveCount(0);
});
