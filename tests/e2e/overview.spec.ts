import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { metricById } from "../../lib/finops/explorer-metrics";
import { formatDayRange, formatInt, formatUsd, formatUsdSigned, formatUsdUnit } from "../../lib/finops/format";
import { costPerRequest } from "../../lib/finops/overview-kpis";
import { keyLabel } from "../../lib/finops/overview-links";
import { wasteFigures } from "../../lib/finops/waste-metrics";
import { Money } from "../../lib/finops/money";
import { OverviewResponse } from "../../lib/schemas/overview";
import { SummaryResponse } from "../../lib/schemas/summary";

const overview = async (api: APIRequestContext, query = "") => OverviewResponse.parse(await (await api.get(`/api/v1/overview${query}`)).json());
const legendLabel = (stack: OverviewResponse["stack"], s: { key: string; kind: "group" | "other" }) => (s.kind === "other" ? "All others" : keyLabel(stack, s.key));
const params = (url: string) => Object.fromEntries(new URL(url).searchParams.entries());

test("the overview shows the demo's real totals, matching the API", async ({ page, request }) => {
  const api = await overview(request);
  expect(api.total.attempts).toBeGreaterThan(1000);
  await page.goto("/");
  // The default view is written into the address, so a copied link reproduces it.
  await expect(page).toHaveURL(new RegExp(`/overview\\?from=${api.from}&to=${api.to}&tz=UTC&stack=team$`));
  await expect(page.getByTestId("total-spend")).toHaveText(formatUsd(api.total.cost_usd));
  await expect(page.getByTestId("total-requests")).toHaveText(formatInt(api.total.requests));
  await expect(page.getByTestId("total-attempts")).toHaveText(formatInt(api.total.attempts));
  await expect(page.getByTestId("cost-per-request")).toHaveText(formatUsdUnit(costPerRequest(api.total)));
  const diff = new Money(api.total.cost_usd).minus(api.previous_total.cost_usd).toFixed();
  await expect(page.getByTestId("total-spend-change")).toContainText(formatUsdSigned(diff));
  // The default period ends today: the previous one is cut to the same hours, and the card says so.
  expect(api.comparison.kind).toBe("same_hours");
  const cut = `, its last day cut to the hours today has had (${api.comparison.label})`;
  await expect(page.getByTestId("total-spend-change")).toHaveAttribute("title", `Previous period ${formatDayRange(api.previous.from, api.previous.to)}${cut}: ${formatUsd(api.previous_total.cost_usd)}`);
  await expect(page.getByTestId("total-spend-change-comparison")).toHaveText(api.comparison.label);
  await expect(page.locator(".kpi .kpi-label").first()).toHaveAttribute("title", metricById("cost_usd").definition);
  expect(params(new URL(await page.getByTestId("total-spend").getAttribute("href") ?? "", page.url()).href)).toEqual({ from: api.from, to: api.to, tz: "UTC", group_by: "team", metric: "cost_usd" });

  // Legend: every series with its exact total; segments: one per non-zero (series, day).
  await expect(page.getByTestId("legend-key")).toHaveText(api.series.map((s) => legendLabel("team", s)));
  await expect(page.locator(".legend-total")).toHaveText(api.series.map((s) => formatUsd(s.total.cost_usd)));
  const segments = api.series.reduce((n, s) => n + s.values.filter((v) => Number(v) !== 0).length, 0);
  await expect(page.getByRole("img", { name: /^Daily spend/ }).locator(".recharts-bar-rectangle")).toHaveCount(segments);
  // The tooltip gives the day's exact total, the API's own figure.
  // The tooltip follows the pointer over a whole day's band: hover the middle of the plot, read which day it is.
  const surface = page.getByRole("img", { name: /^Daily spend/ }).locator(".recharts-surface");
  const box = (await surface.boundingBox())!;
  // A re-render of the chart (a refetch landing) hides the tooltip until the pointer moves: hover again and read the
  // day and its total from the same tooltip, the same exact figure asserted (CI once lost it between the two reads).
  const tip = page.locator(".stack-tooltip");
  await expect(async () => {
    await surface.hover({ position: { x: box.width / 2 + 1, y: box.height / 2 } });
    await surface.hover({ position: { x: box.width / 2, y: box.height / 2 } });
    const day = (await tip.locator("[data-day]").getAttribute("data-day", { timeout: 2_000 }))!;
    await expect(tip.locator("tfoot td")).toHaveText(formatUsd(api.daily_cost_usd[api.days.indexOf(day)]), { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  // Top lists: the API's entries, exactly.
  for (const dim of ["team", "repo", "feature", "model", "customer"] as const) {
    const list = api.top[dim];
    await expect(page.getByTestId(`top-${dim}`).locator("tbody td.num")).toHaveText(list.entries.map((e) => formatUsd(e.cost_usd)));
    await expect(page.getByTestId(`top-${dim}-more`)).toHaveCount(list.others > 0 ? 1 : 0);
  }
});

test("a link reproduces the view, and the stack switch changes the series", async ({ page, request }) => {
  // The previous 30 days in Paris, stacked by model: not the default view in any part.
  const base = await overview(request);
  const view = `from=${base.previous.from}&to=${base.previous.to}&tz=Europe%2FParis&stack=model`;
  const api = await overview(request, `?${view}`);
  await page.goto(`/overview?${view}`);
  await expect(page.getByTestId("total-spend")).toHaveText(formatUsd(api.total.cost_usd));
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Paris");
  await expect(page.getByLabel("From", { exact: true })).toHaveValue(api.from);
  await expect(page.getByRole("group", { name: "Stack by" }).getByRole("button", { name: "Model" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("legend-key")).toHaveText(api.series.map((s) => legendLabel("model", s)));

  const byProvider = await overview(request, `?${view.replace("stack=model", "stack=provider")}`);
  expect(byProvider.series.map((s) => s.key)).not.toEqual(api.series.map((s) => s.key));
  await page.getByRole("group", { name: "Stack by" }).getByRole("button", { name: "Provider" }).click();
  await expect(page).toHaveURL(/stack=provider/);
  await expect(page.getByTestId("legend-key")).toHaveText(byProvider.series.map((s) => legendLabel("provider", s)));
  await expect(page.getByTestId("total-spend")).toHaveText(formatUsd(api.total.cost_usd));

  // A preset moves the range and keeps the zone and the stack.
  await page.getByRole("button", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/tz=Europe%2FParis&stack=provider$/);
  await expect(page.getByRole("button", { name: "Last 7 days" })).toHaveAttribute("aria-pressed", "true");
});

test("clicks on a top-list row, a legend entry and a bar segment land on the filtered explorer", async ({ page, request }) => {
  const api = await overview(request);
  await page.goto("/overview");
  const team = api.top.team.entries.find((e) => e.key !== "")!;
  await page.getByTestId("top-team").getByRole("link", { name: team.key, exact: true }).click();
  await expect(page).toHaveURL(/\/explore\?/);
  expect(params(page.url())).toMatchObject({ from: api.from, to: api.to, group_by: "repo", team: team.key });
  await expect(page.getByTestId("explore-total")).toHaveText(formatUsd(team.cost_usd));

  await page.goto("/overview");
  if (api.top.repo.others > 0) {
    expect(params(new URL((await page.getByTestId("top-repo-more").getAttribute("href"))!, page.url()).href)).toMatchObject({ group_by: "repo", from: api.from });
  }
  const first = api.series[0];
  await page.getByTestId("trend-legend").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/explore\?/);
  expect(params(page.url())).toMatchObject({ from: api.from, to: api.to, group_by: "repo", team: first.key });

  await page.goto("/overview");
  // The first drawn segment belongs to the first series, on its first day with spend.
  const firstDay = api.days[first.values.findIndex((v) => Number(v) !== 0)];
  await page.getByRole("img", { name: /^Daily spend/ }).locator(".recharts-bar-rectangle").first().click();
  await expect(page).toHaveURL(/\/explore\?/);
  const next = new Date(Date.parse(firstDay) + 86_400_000).toISOString().slice(0, 10);
  // One day opens hour by hour, its contributors (repos) ranked by cost below the chart.
  expect(params(page.url())).toMatchObject({ from: firstDay, to: next, group_by: "repo", team: first.key, bucket: "hour" });
});

test("the overview's empty and error states say what happened", async ({ page }) => {
  await page.goto("/overview?from=2020-01-01&to=2020-01-08&tz=UTC&stack=team");
  await expect(page.getByText("No usage in this period")).toBeVisible();
  await expect(page.getByRole("button", { name: "Show the last 90 days" })).toBeVisible();
  await expect(page.getByTestId("total-spend")).toHaveCount(0);
  await page.route("**/api/v1/overview*", (route) => route.fulfill({ status: 503, json: { error: { code: "unavailable", message: "The event store is unreachable" } } }));
  await page.goto("/overview?from=2020-02-01&to=2020-02-08");
  const alert = page.locator("main").getByRole("alert");
  await expect(alert).toContainText("Could not load spend", { timeout: 15_000 });
  await expect(alert).toContainText("The event store is unreachable");
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  await expect(page.getByLabel("From", { exact: true })).toBeVisible(); // the period can still be changed
});

test("at phone width the page does not overflow sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/overview?stack=model");
  await expect(page.getByTestId("total-spend")).toHaveText(/^\$/);
  await expect(page.getByRole("img", { name: /^Daily spend/ }).locator(".recharts-bar-rectangle").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("at phone width a change against an empty previous period wraps inside its card", async ({ page, request }) => {
  // The demo's first week: nothing before it, so the cards say "new · none in the previous period".
  const day = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const last = await overview(request);
  const early = await overview(request, `?from=${day(last.to, -120)}&to=${day(last.to, -60)}`);
  const firstDay = early.days[early.daily_cost_usd.findIndex((c) => !new Money(c).isZero())];
  expect(firstDay).toBeDefined();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/overview?from=${firstDay}&to=${day(firstDay, 7)}&tz=UTC&stack=team`);
  const fresh = page.locator(".change", { hasText: "none in the previous period" });
  await expect(fresh.first()).toBeVisible();
  // Each caption fits its own figure: no text clipped at the card's edge or running over the next figure.
  for (const el of await fresh.all()) {
    const [scroll, client] = await el.evaluate((e) => [e.scrollWidth, e.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client + 1);
  }
});

test("every page of the navigation opens with its heading", async ({ page }) => {
  for (const [link, heading] of [["Chargeback", /Chargeback|Showback/], ["Budgets & Forecasts", /Budgets/], ["Alerts", /Alerts/]] as const) {
    await page.goto("/overview");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  }
});

test("the waste panel shows the summary API's figures for the same window", async ({ page, request }) => {
  const api = await overview(request);
  const summary = SummaryResponse.parse(await (await request.get(`/api/v1/summary?from=${api.from}&to=${api.to}`)).json());
  expect(summary.total).toEqual(api.total);
  // The previous period is cut to today's hours so far (api.comparison), which the summary's whole days cannot say.
  await page.goto("/overview");
  for (const f of wasteFigures(summary.total, api.previous_total)) {
    const box = page.getByTestId(`waste-${f.id}`);
    await expect(box.locator(".waste-value")).toHaveText(f.value);
    await expect(box.locator(".kpi-label")).toHaveAttribute("title", f.definition);
    expect(params(new URL((await box.locator(".waste-value").getAttribute("href"))!, page.url()).href)).toMatchObject({ from: api.from, to: api.to, metric: f.metric, group_by: f.groupBy });
    await expect(box.locator(".change")).toContainText(f.change!.direction === "flat" ? "no change" : f.change!.text);
  }
  expect(summary.total.retry_amplification).toBeGreaterThan(1);
});
