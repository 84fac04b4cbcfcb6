import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { formatUsdSigned } from "../../lib/finops/format";
import { Money } from "../../lib/finops/money";
import { ChangeResponse } from "../../lib/schemas/change";
import { OverviewResponse } from "../../lib/schemas/overview";

const change = async (api: APIRequestContext, query: string) => {
  const res = await api.get(`/api/v1/change?${query}`);
  expect(res.status(), await res.text()).toBe(200);
  return ChangeResponse.parse(await res.json());
};
const signed = formatUsdSigned;

/** The panel shows the API's figures exactly: per driver the 9-decimal amount, the rounded text, the contributors. */
async function expectPanelMatches(page: Page, c: ChangeResponse) {
  const panel = page.getByTestId("why-changed");
  // The page's own figures and the decomposition load side by side; on a busy machine that takes a while.
  await expect(panel).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId("why-baseline")).toHaveAttribute("data-amount", c.baseline.cost_usd);
  await expect(panel.getByTestId("why-current")).toHaveAttribute("data-amount", c.current.cost_usd);
  await expect(panel.getByTestId("why-change")).toHaveText(signed(c.change_usd));
  for (const d of c.drivers) {
    const row = panel.getByTestId(`driver-${d.id}`);
    await expect(row).toHaveAttribute("data-amount", d.amount_usd);
    await expect(row.locator("td.num")).toHaveText(signed(d.amount_usd));
    await expect(row.getByTestId("contributor")).toHaveCount(d.contributors.length);
  }
  await expect(panel.getByTestId("driver-residual")).toHaveAttribute("data-amount", c.residual_usd);
  // Baseline, eight drivers, residual, current.
  await expect(panel.locator(".recharts-bar-rectangle")).toHaveCount(11);
  const sum = c.drivers.reduce((s, d) => s.plus(d.amount_usd), new Money(c.residual_usd));
  expect(sum.toFixed(9)).toBe(c.change_usd);
}

test("the overview's waterfall shows the API's drivers of the change from the previous period", async ({ page, request }) => {
  const o = OverviewResponse.parse(await (await request.get("/api/v1/overview")).json());
  const c = await change(request, `from=${o.from}&to=${o.to}&tz=UTC`);
  expect(c.baseline).toMatchObject({ from: o.previous.from, to: o.previous.to, cost_usd: o.previous_total.cost_usd });
  expect(c.current.cost_usd).toBe(o.total.cost_usd);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/overview");
  await expectPanelMatches(page, c);
  await page.getByTestId("why-changed").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/change-overview-1440.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await expectPanelMatches(page, c);
  await page.getByTestId("why-changed").screenshot({ path: "test-results/change-overview-390.png" });
});

test("Explore's compare mode explains the filtered change, and a contributor opens its slice in compare mode", async ({ page, request }) => {
  const o = OverviewResponse.parse(await (await request.get("/api/v1/overview")).json());
  const view = `from=${o.from}&to=${o.to}&tz=UTC&group_by=feature&metric=cost_usd&sort=cost_usd&dir=desc&exclude_environment=eval`;
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/explore?${view}`);
  await page.getByTestId("why-toggle").click();
  await expect(page).toHaveURL(/compare=1/);
  const c = await change(request, `from=${o.from}&to=${o.to}&tz=UTC&exclude_environment=eval`);
  await expectPanelMatches(page, c);
  await page.screenshot({ path: "test-results/change-explore-1440.png", fullPage: true });

  // A team, repo, feature or customer among the three contributors listed first: its amount is its own slice's.
  const driver = c.drivers.find((d) => d.contributors.slice(0, 3).some((x) => x.dimension !== "model"))!;
  const index = driver.contributors.findIndex((x) => x.dimension !== "model");
  const first = driver.contributors[index];
  await page.getByTestId(`driver-${driver.id}`).getByTestId("contributor").nth(index).getByRole("link").click();
  await expect(page).toHaveURL(/base_from=/, { timeout: 30_000 });
  const url = new URL(page.url());
  expect(url.searchParams.getAll(first.dimension)).toEqual([first.value]);
  expect(url.searchParams.getAll("exclude_environment")).toEqual(["eval"]);
  expect([url.searchParams.get("base_from"), url.searchParams.get("base_to")]).toEqual([c.baseline.from, c.baseline.to]);
  const slice = await change(request, `from=${o.from}&to=${o.to}&tz=UTC&base_from=${c.baseline.from}&base_to=${c.baseline.to}&${first.dimension}=${encodeURIComponent(first.value)}&exclude_environment=eval`);
  expect(slice.drivers.find((d) => d.id === driver.id)!.amount_usd).toBe(first.amount_usd);
  await page.setViewportSize({ width: 390, height: 900 });
  await expectPanelMatches(page, slice);
  await page.getByTestId("why-changed").screenshot({ path: "test-results/change-explore-390.png" });
});

test("the change API says which parameter is wrong", async ({ request }) => {
  const bad = async (query: string, needle: string) => {
    const res = await request.get(`/api/v1/change?${query}`);
    expect(res.status()).toBe(400);
    expect(await res.text()).toContain(needle);
  };
  await bad("from=2026-03-10&to=2026-03-11&base_from=2026-03-01", "base_to");
  await bad("from=2026-03-10&to=2026-03-11&base_from=2026-03-05&base_to=2026-03-01", "base_to");
  await bad("from=2026-03-10&to=2026-03-11&colour=red", "colour");
  await bad("from=2026-03-11&to=2026-03-10", "to");
});
