import { expect, test } from "./fixtures";
import { formatUsd } from "../../lib/finops/format";
import { change } from "../../lib/finops/overview-kpis";
import { ForecastsOut } from "../../lib/schemas/forecast";

/**
 * The forecasts section of Budgets & Forecasts on the demo data: per team, repo and feature, the figures
 * the API gives; a row opens its chart; the choice lives in the URL; screenshots at desktop and phone widths.
 */
test("forecasts by team and by repo, a row's chart, and the choice in the URL", async ({ page, request }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/budgets");
  const card = page.locator(".card", { has: page.getByRole("heading", { name: "Forecasts" }) });
  await expect(card.locator(".forecasts-table")).toBeVisible({ timeout: 60_000 });
  const api = ForecastsOut.parse(await (await request.get("/api/v1/forecasts?dimension=team&period=month")).json());
  expect(api.rows.length).toBeGreaterThan(1);
  const top = api.rows[0];
  const row = card.locator("tbody tr").nth(1);
  await expect(row).toContainText(top.unattributed ? "Unattributed" : top.value);
  await expect(row).toContainText(formatUsd(top.actual_usd));
  await expect(row).toContainText(formatUsd(top.forecast!.end_usd));
  // The change column is the overview's rule: forecast at end against the whole previous period.
  const c = change("money", top.forecast!.end_usd, top.previous_period_usd, "down");
  await expect(row.locator("td").nth(4)).toHaveText(c.fresh ? "new" : c.direction === "flat" ? "no change" : c.pct!);
  await expect(card.locator("tbody tr").first()).toContainText(formatUsd(api.total.actual_usd));
  await expect(card.locator(".burn-down .recharts-area")).toHaveCount(2);

  // A row opens its own chart.
  await row.getByRole("button").click();
  await expect(card.getByRole("heading", { level: 3 })).toContainText(top.unattributed ? "Unattributed" : top.value);
  await page.screenshot({ path: "test-results/forecasts-1440.png", fullPage: true });

  // By repo, this quarter: kept in the URL, so a reload shows the same.
  await card.getByRole("group", { name: "Forecast by" }).getByRole("button", { name: "Repo" }).click();
  await card.getByRole("group", { name: "Forecast period" }).getByRole("button", { name: "This quarter" }).click();
  await expect(page).toHaveURL(/forecast_by=repo/);
  await expect(page).toHaveURL(/forecast_period=quarter/);
  await page.reload();
  await expect(card.getByRole("group", { name: "Forecast by" }).getByRole("button", { name: "Repo" })).toHaveAttribute("aria-pressed", "true", { timeout: 60_000 });
  const repos = ForecastsOut.parse(await (await request.get("/api/v1/forecasts?dimension=repo&period=quarter")).json());
  await expect(card.locator("thead")).toContainText(repos.period.previous.label);
  await expect(card.locator("tbody tr").nth(1)).toContainText(formatUsd(repos.rows[0].actual_usd), { timeout: 60_000 });
  await page.setViewportSize({ width: 390, height: 844 });
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/forecasts-390.png", fullPage: true });
});
