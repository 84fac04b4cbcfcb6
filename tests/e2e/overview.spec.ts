import { expect, test } from "./fixtures";
import { formatInt, formatUsd } from "../../lib/finops/format";
import { wasteFigures } from "../../lib/finops/waste-metrics";
import { OverviewResponse } from "../../lib/schemas/overview";
import { SummaryResponse } from "../../lib/schemas/summary";

test("the overview shows the demo's real totals, matching the API", async ({ page, request }) => {
  const api = OverviewResponse.parse(await (await request.get("/api/v1/overview?days=30")).json());
  expect(api.total.attempts).toBeGreaterThan(1000);
  await page.goto("/");
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByTestId("total-spend")).toHaveText(formatUsd(api.total.cost_usd));
  await expect(page.getByTestId("total-attempts")).toHaveText(formatInt(api.total.attempts));
  await expect(page.locator(".recharts-bar-rectangle")).toHaveCount(api.daily_cost_usd.filter((c) => Number(c) > 0).length);
  const footer = page.locator("tfoot td");
  await expect(footer).toHaveText(formatUsd(api.total.cost_usd));
  await expect(page.getByRole("cell", { name: "Unattributed" })).toBeVisible();
});

test("the overview's empty and error states say what happened", async ({ page }) => {
  await page.route("**/api/v1/overview*", (route) =>
    route.fulfill({
      json: { from: "2026-01-01", to: "2026-01-31", timezone: "UTC", total: { cost_usd: "0.000000000", attempts: 0, unpriced_events: 0 }, daily: [], teams: [] },
    }),
  );
  await page.goto("/overview");
  await expect(page.getByText("No usage in this period")).toBeVisible();
  await page.unroute("**/api/v1/overview*");
  await page.route("**/api/v1/overview*", (route) => route.fulfill({ status: 503, json: { error: { code: "unavailable", message: "The event store is unreachable" } } }));
  await page.reload();
  await expect(page.locator("main").getByRole("alert")).toContainText("Could not load spend");
  await expect(page.locator("main").getByRole("alert")).toContainText("The event store is unreachable");
});

test("pages whose feature is not built say so and show no numbers", async ({ page }) => {
  for (const [link, heading] of [["Chargeback", "Chargeback"], ["Budgets & Forecasts", "Budgets & Forecasts"], ["Alerts", "Alerts"]]) {
    await page.goto("/overview");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(page.getByText("Not built yet.")).toBeVisible();
    await expect(page.locator("main")).not.toContainText("$");
  }
});

test("the waste panel shows the summary API's figures for the same window", async ({ page, request }) => {
  const overview = OverviewResponse.parse(await (await request.get("/api/v1/overview?days=30")).json());
  const summary = SummaryResponse.parse(await (await request.get(`/api/v1/summary?from=${overview.from}&to=${overview.to}`)).json());
  expect(summary.total.cost_usd).toBe(overview.total.cost_usd);
  expect(summary.total.attempts).toBe(overview.total.attempts);
  await page.goto("/overview");
  const figures = wasteFigures(summary.total);
  for (const f of figures) {
    await expect(page.getByTestId(`waste-${f.id}`)).toContainText(f.value);
    await expect(page.getByTestId(`waste-${f.id}`).locator(".kpi-label")).toHaveAttribute("title", f.definition);
  }
  expect(summary.total.retry_amplification).toBeGreaterThan(1);
});
