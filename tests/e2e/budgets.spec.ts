import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { formatUsd } from "../../lib/finops/format";
import { BudgetDetailOut, BudgetListOut } from "../../lib/schemas/budget";

/**
 * Budgets in the browser on the demo data: create one in the form, land on its page with a forecast, the
 * burn-down band and the figures the API gives; run a what-if; screenshots at desktop and phone widths.
 */
/** The budgets page's "New budget" form, opened, with its name typed. */
async function newBudgetForm(page: Page, name: string) {
  await page.goto("/budgets");
  await expect(page.getByRole("heading", { name: "Budgets & Forecasts" })).toBeVisible();
  await page.getByRole("button", { name: "New budget" }).click();
  const form = page.getByRole("form", { name: "New budget" });
  await form.getByLabel("Name").fill(name);
  return form;
}

test("create a budget in the UI and see its forecast, burn-down and a what-if", async ({ page, request }) => {
  test.setTimeout(240_000); // the list refetches every budget's forecast after a create: slow on a loaded machine
  await page.setViewportSize({ width: 1440, height: 1000 });
  const form = await newBudgetForm(page, "Search & Retrieval — a deliberately long budget name to check truncation");
  // A <label> wrapping a <select> takes the selected option's text into its name: address the selects by name.
  await form.locator('select[name="scope_type"]').selectOption("team");
  await form.locator('select[name="scope_value"]').selectOption("search");
  await form.getByLabel("Amount (USD)").fill("250");
  await form.getByRole("button", { name: "Create budget" }).click();

  await expect(page).toHaveURL(/\/budgets\/[a-z0-9]+$/, { timeout: 60_000 });
  const id = page.url().split("/").pop()!;
  const api = BudgetDetailOut.parse(await (await request.get(`/api/v1/budgets/${id}`)).json()).budget;
  expect(api.forecast).not.toBeNull();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Search & Retrieval", { timeout: 60_000 });
  await expect(page.getByText("Actual to date").locator("..")).toContainText(formatUsd(api.actual_usd));
  await expect(page.getByText("Projected at period end").locator("..")).toContainText(formatUsd(api.forecast!.end_usd));
  await expect(page.getByText("Projected at period end").locator("..")).toContainText(`80 %: ${formatUsd(api.forecast!.lower80_usd)} – ${formatUsd(api.forecast!.upper80_usd)}`);
  // The chart draws the actual line, the forecast line and both interval bands.
  await expect(page.locator(".burn-down .recharts-area")).toHaveCount(2);
  await expect(page.locator(".burn-down .recharts-line")).toHaveCount(2);
  await page.screenshot({ path: "test-results/budgets-detail-1440.png", fullPage: true });

  // What-if: +50 % volume raises the projection by a stated amount.
  const whatIf = page.getByRole("form", { name: "What-if scenario" });
  await whatIf.getByLabel("Volume growth %").fill("50");
  await whatIf.getByRole("button", { name: "Apply scenario" }).click();
  await expect(page.locator(".what-if-result")).toContainText("Projected at period end", { timeout: 60_000 });
  await expect(page.locator(".what-if-result")).toContainText("+$");

  // The list shows it with the API's figures.
  await page.goto("/budgets");
  const list = BudgetListOut.parse(await (await request.get("/api/v1/budgets")).json()).budgets;
  const row = page.locator("tr", { has: page.locator(`a[href="/budgets/${id}"]`) });
  const mine = list.find((b) => b.id === id)!;
  await expect(row).toContainText(formatUsd(mine.actual_usd), { timeout: 60_000 });
  await expect(row).toContainText(formatUsd(mine.forecast!.end_usd));
  await page.screenshot({ path: "test-results/budgets-list-1440.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/budgets-list-390.png", fullPage: true });
  await page.goto(`/budgets/${id}`);
  await expect(page.locator(".burn-down .recharts-line")).toHaveCount(2, { timeout: 60_000 });
  await page.screenshot({ path: "test-results/budgets-detail-390.png", fullPage: true });
});

test("the decision API answers an ingest key, and a bad body gets a 400 naming the field", async ({ request }) => {
  const key = await (await request.post("/api/v1/ingest-keys", { data: { name: "budget-check-e2e" } })).json();
  const created = await request.post("/api/v1/budgets", { data: { name: "Tiny growth budget", scope_type: "team", scope_value: "growth", amount_usd: "0.01" } });
  expect(created.status(), await created.text()).toBe(201);
  const check = (data: unknown) => request.post("/api/v1/budgets/check", { data, headers: { authorization: `Bearer ${key.secret}` } });
  const deny = await check({ team: "growth", estimated_cost_usd: "1" });
  expect(deny.status()).toBe(200);
  expect((await deny.json()).decision).toBe("deny");
  const bad = await check({ team: "growth" });
  expect(bad.status()).toBe(400);
  expect(JSON.stringify(await bad.json())).toContain("estimated_cost_usd");
});

test("right after the demo loads, its budgets show the runaway agent's damage", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/budgets");
  const row = (name: string) => page.locator("tr", { hasText: name });
  // The runaway agent's work item burns several times its sprint budget, whatever day the demo loads.
  await expect(row("PLAT-1423 sprint")).toContainText("Over budget", { timeout: 120_000 });
  // The agent ran on day −4: inside the current month from the 5th on (UTC, the default org zone).
  if (new Date().getUTCDate() >= 5) await expect(row("Platform monthly")).toContainText("Over budget");
  for (const name of ["Organisation monthly", "Search monthly", "Coding agent quarterly"]) await expect(row(name)).toBeVisible();
  await page.screenshot({ path: "test-results/budgets-demo-1440.png", fullPage: true });
});

test("a custom period is picked by its last day, as every page shows ranges; the API keeps its exclusive end", async ({ page, request }) => {
  test.setTimeout(180_000);
  const form = await newBudgetForm(page, "Q1 launch, custom range");
  await form.locator('select[name="scope_type"]').selectOption("org");
  await form.locator('select[name="period"]').selectOption("custom");
  await form.getByLabel("From").fill("2027-01-01");
  await form.getByLabel("Through").fill("2027-03-31");
  await expect(form.getByLabel("Through")).toHaveValue("2027-03-31");
  await form.getByLabel("Amount (USD)").fill("1000");
  await form.getByRole("button", { name: "Create budget" }).click();
  await expect(page).toHaveURL(/\/budgets\/[a-z0-9]+$/, { timeout: 60_000 });
  const id = page.url().split("/").pop()!;
  const api = BudgetDetailOut.parse(await (await request.get(`/api/v1/budgets/${id}`)).json()).budget;
  expect([api.custom_from, api.custom_to]).toEqual(["2027-01-01", "2027-04-01"]);
  // Editing shows the same last day back.
  await page.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByLabel("Through")).toHaveValue("2027-03-31");
});
