import { OverviewResponse } from "../../lib/schemas/overview";
import { TopTracesResponse } from "../../lib/schemas/trace";
import type { Page } from "@playwright/test";
import { formatDay, formatDayRange } from "../../lib/finops/format";
import { expect, signIn, test, waitsForHydration } from "./fixtures";

/**
 * The two journeys users come for (issue 16), in a real browser on the demo data.
 * Lead: the runaway coding agent (lib/demo/INCIDENTS.md: platform, four days before the demo's last day,
 * 01:00-08:30, one session of ~400 calls) from the overview's bar to its traces in two clicks.
 */
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const formatMonth = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
const params = (url: string) => Object.fromEntries(new URL(url).searchParams.entries());

test("lead: from the overview's spike to the traces behind it in two clicks", async ({ browser, request, page: admin }) => {
  // A lead of platform, as the demo's lead is: their overview shows their team only.
  const lead = { email: `journey-lead-${Date.now()}@e2e.test`, password: "journey-lead-password-1" };
  expect((await request.post("/api/v1/users", { data: { ...lead, role: "lead", teams: ["platform"] } })).status()).toBe(200);
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = waitsForHydration(await ctx.newPage());
  await signIn(page, lead);
  const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
  const spike = isoDay(today - 4 * DAY);
  const view = `from=${isoDay(today - 6 * DAY)}&to=${isoDay(today + DAY)}&tz=UTC&stack=team`;
  const api = OverviewResponse.parse(await (await page.request.get(`/api/v1/overview?${view}`)).json());
  expect(api.series.map((s) => s.key)).toEqual(["platform"]);
  const dayIndex = api.days.indexOf(spike);
  // Segments of a series are drawn for its days with spend, in order.
  const nth = api.series[0].values.slice(0, dayIndex).filter((v) => Number(v) !== 0).length;

  await page.goto(`/overview?${view}`);
  // The spike is marked on the chart and named under it.
  await expect(page.getByTestId("unusual-days")).toContainText(formatDay(spike));
  const chart = page.getByRole("img", { name: /^Daily spend/ });
  const platformColour = await chart.locator(".recharts-bar").nth(0).locator(".recharts-bar-rectangle path").first().getAttribute("fill");
  // Click 1: the platform team's bar on the spike's day.
  await chart.locator(".recharts-bar").nth(0).locator(".recharts-bar-rectangle").nth(nth).click();
  await expect(page).toHaveURL(/\/explore\?/);
  expect(params(page.url())).toMatchObject({ from: spike, to: isoDay(Date.parse(spike) + DAY), bucket: "hour", team: "platform", group_by: "repo" });
  // The day hour by hour, the contributors already listed, most expensive first.
  const rows = page.getByTestId("explore-table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();

  // Click 2: the traces behind the worst contributor.
  await rows.first().getByRole("link", { name: "Traces" }).click();
  await expect(page).toHaveURL(/\/traces\?/);
  const list = TopTracesResponse.parse(await (await page.request.get(`/api/v1/traces?${new URL(page.url()).searchParams}`)).json());
  // The runaway session is the first trace: hundreds of calls in one trace.
  expect(list.traces[0].attempts).toBeGreaterThan(250);
  await expect(page.getByTestId("traces-table")).toBeVisible();

  // The trace itself: its timeline in the team's colour of the overview, repeats folded, the session linked.
  await page.getByTestId("traces-table").locator("tbody tr").first().getByRole("link").first().click();
  await expect(page.getByTestId("repeat-row").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("trace-context").locator('a[data-dim="session_id"]')).toBeVisible();
  // The same colour as on the admin's overview, where platform is drawn beside every other team (it shares
  // a hash colour with growth, so without pinned team colours it changed from one view to the other).
  await admin.goto(`/overview?${view}`);
  const all = OverviewResponse.parse(await (await request.get(`/api/v1/overview?${view}`)).json());
  const adminChart = admin.getByRole("img", { name: /^Daily spend/ });
  await expect(adminChart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  expect(await adminChart.locator(".recharts-bar").nth(all.series.findIndex((x) => x.key === "platform")).locator(".recharts-bar-rectangle path").first().getAttribute("fill")).toBe(platformColour);
  const bar = page.getByTestId("timeline-track").first().locator(".bar").first();
  expect(await bar.evaluate((el) => getComputedStyle(el).borderColor)).toBe(await page.evaluate((hex) => { const d = document.createElement("div"); d.style.color = hex; document.body.append(d); const c = getComputedStyle(d).color; d.remove(); return c; }, platformColour!));
  await ctx.close();
});

/** Typing a date key by key into a date field (month, day, year in Chromium's en-US order). */
async function typeDate(page: Page, label: string, day: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await field.press("ArrowLeft"); // a click may land on any segment: start from the month
  await field.press("ArrowLeft");
  await page.keyboard.type(`${day.slice(5, 7)}${day.slice(8, 10)}${day.slice(0, 4)}`, { delay: 30 });
}

test("finance: last month by team, typed dates, exported for a spreadsheet", async ({ page }) => {
  const now = new Date();
  const from = isoDay(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const to = isoDay(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const before = isoDay(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
  const through = isoDay(Date.parse(to) - DAY);

  // The overview: the preset, compared with the calendar month before, the waterfall for the same two months.
  await page.goto("/overview");
  await page.getByRole("button", { name: "Last month", exact: true }).click();
  await expect.poll(() => params(page.url())).toMatchObject({ from, to });
  await expect(page.getByTestId("period-comparison")).toContainText(formatDayRange(before, from));
  await expect(page.getByTestId("why-periods")).toHaveText(new RegExp(`^${formatDayRange(before, from)} → ${formatDayRange(from, to)}`));

  // Explore by team, the month typed by hand: nothing loads until a date is complete.
  await page.goto("/explore?group_by=team&from=2026-01-05&to=2026-01-06&tz=UTC");
  await typeDate(page, "From", from);
  await page.getByLabel("From", { exact: true }).press("Enter");
  await typeDate(page, "Through", through);
  await page.getByLabel("Through", { exact: true }).blur();
  await expect.poll(() => params(page.url())).toMatchObject({ from, to, group_by: "team" });
  await expect(page.getByLabel("Through", { exact: true })).toHaveValue(through);
  await expect(page.getByTestId("explore-comparison")).toContainText(`vs ${formatMonth(before)}`);
  await expect(page.getByTestId("explore-table").locator("tbody tr").first()).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  // Named for its period (the last day included), zone and filters; percentages as percentages.
  expect(download.suggestedFilename()).toBe(`tokenledger_explore_team_${from}_to_${through}_UTC.csv`);
  const [head, ...lines] = (await (await download.createReadStream()).toArray()).join("").trim().split("\n");
  const cols = head.split(",");
  const platform = lines.find((l) => l.startsWith("group,platform,"))!.split(",");
  expect(platform[cols.indexOf("change_pct")]).toMatch(/^-?\d+\.\d\d%$/);
  expect(platform[cols.indexOf("cache_hit_rate")]).toMatch(/^\d+\.\d\d%$/);
  expect(lines.at(-1)).toMatch(/^total,/);
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
  // Pages that write their own view into the address right away still say what they dropped.
  await page.goto("/explore?from=garbage&group_by=nonsense");
  await expect(page.getByTestId("explore-total")).toBeVisible();
  await expect(page.getByTestId("ignored-params")).toContainText("from=garbage");
  await expect(page.getByTestId("ignored-params")).toContainText("group_by=nonsense");
  // …until the view is changed.
  await page.getByRole("button", { name: "Last 7 days", exact: true }).click();
  await expect(page.getByTestId("ignored-params")).toHaveCount(0);
  await page.goto("/overview?stack=nonsense&tz=Mars/Base");
  await expect(page.getByTestId("period")).toBeVisible();
  await expect(page.getByTestId("ignored-params")).toContainText("stack=nonsense");
  await expect(page.getByTestId("ignored-params")).toContainText("tz=Mars/Base");
  await page.goto("/traces?from=2026-02-30&gruop=x");
  await expect(page.getByTestId("ignored-params")).toContainText("from=2026-02-30");
  await expect(page.getByTestId("ignored-params")).toContainText("gruop=x");
  await page.goto("/chargeback?period=2026-13");
  await expect(page.getByTestId("ignored-params")).toContainText("period=2026-13");
});

test("a period whose previous one is before the data is \"new\", never a dollar change", async ({ page }) => {
  const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
  // The demo holds 90 days: the 90 days before them are empty.
  const view = `from=${isoDay(today - 89 * DAY)}&to=${isoDay(today + DAY)}&tz=UTC`;
  await page.goto(`/overview?${view}`);
  await expect(page.getByTestId("why-new")).toContainText("is all new");
  await expect(page.getByTestId("why-change")).toHaveCount(0);
  await page.goto(`/explore?${view}&group_by=team`);
  await expect(page.getByTestId("explore-comparison")).toContainText(/^new vs/);
  const table = page.getByTestId("explore-table");
  const platform = table.locator("tbody tr", { hasText: "platform" });
  // Spend, previous, change, change %.
  await expect(platform.locator("td").nth(2)).toHaveText("–");
  await expect(platform.locator("td").nth(3)).toHaveText("new");
  await expect(platform.locator("td").nth(4)).toHaveText("new");
  await expect(table.locator("tfoot td").nth(2)).toHaveText("new");
  await expect(table.locator("tfoot td").nth(3)).toHaveText("new");
});

test("printing leaves out navigation and controls, but keeps the table's names and headers", async ({ page }) => {
  await page.goto("/explore?group_by=team");
  const table = page.getByTestId("explore-table");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Export CSV" })).toBeHidden();
  await expect(page.getByLabel("From", { exact: true })).toBeHidden();
  // Names are drill-down buttons and headers sort buttons: both must print.
  await expect(table.getByRole("button", { name: "platform", exact: true })).toBeVisible();
  await expect(table.locator("thead").getByText("Spend")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/explore-print-1440.png", fullPage: true });
});
