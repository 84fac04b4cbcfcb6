import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { SummaryResponse } from "../../lib/schemas/summary";
import { TimeseriesResponse } from "../../lib/schemas/timeseries";
import { explorerGroups, expect, test, waitsForHydration } from "./fixtures";

import { formatUsd as usd, valueLabel as shown } from "../../lib/finops/format";

/** Opens the explorer and returns the range the page settled on (it writes the default into the URL). */
async function open(page: Page, query = ""): Promise<string> {
  await page.goto(`/explore${query ? `?${query}` : ""}`);
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=/);
  await expect(page.getByTestId("explore-table")).toBeVisible();
  const url = new URL(page.url());
  return `from=${url.searchParams.get("from")}&to=${url.searchParams.get("to")}`;
}

async function pickFilter(page: Page, dim: string, mode: "is" | "is not", values: string[]) {
  await page.getByRole("button", { name: "+ Filter" }).click();
  const panel = page.getByRole("dialog", { name: "Filter values" });
  await panel.getByLabel("Filter dimension").selectOption(dim);
  await panel.getByRole("radio", { name: mode, exact: true }).click();
  for (const v of values) {
    await panel.getByLabel("Search values").fill(v.slice(0, 4));
    await panel.getByRole("checkbox", { name: v, exact: true }).check();
  }
  await panel.getByRole("button", { name: "Apply" }).click();
}

test("the explorer drills from team to repo with numbers that match the API, and the URL reproduces the view", async ({ page, request }) => {
  const range = await open(page);
  const api = SummaryResponse.parse(await (await request.get(`/api/v1/summary?${range}&group_by=team`)).json());
  await expect(page.getByTestId("explore-total")).toHaveText(usd(api.total.cost_usd));
  await expect(page.getByTestId("explore-table").locator("tbody tr")).toHaveCount((await explorerGroups(request, `${range}&group_by=team`)).length);

  // Two clicks: the biggest team, then the biggest repo of it.
  const top = api.groups[0].key;
  await page.getByTestId("explore-table").locator("tbody tr").first().getByRole("button").click();
  await expect(page).toHaveURL(new RegExp(`group_by=repo.*team=${encodeURIComponent(top)}`));
  const repos = SummaryResponse.parse(await (await request.get(`/api/v1/summary?${range}&group_by=repo&team=${encodeURIComponent(top)}`)).json());
  const repoRows = (await explorerGroups(request, `${range}&group_by=repo&team=${encodeURIComponent(top)}`)).length;
  await expect(page.getByTestId("explore-table").locator("tbody tr")).toHaveCount(repoRows);
  expect(repoRows).toBeGreaterThanOrEqual(repos.groups.length);
  await expect(page.getByText(`team = ${top}`)).toBeVisible();
  // The view's traces link carries the range and the filter.
  await expect(page.getByRole("link", { name: "Traces for this view →" })).toHaveAttribute("href", new RegExp(`^/traces\\?${range}&tz=UTC&team=${encodeURIComponent(top)}$`));

  // The link reproduces the view in a fresh page.
  const other = waitsForHydration(await page.context().newPage());
  await other.goto(page.url());
  await expect(other.getByTestId("explore-table").locator("tbody tr")).toHaveCount(repoRows);
});

test("the filter picker searches values with their cost, includes several, and excludes", async ({ page, request }) => {
  const range = await open(page, "group_by=team");
  const teams = SummaryResponse.parse(await (await request.get(`/api/v1/summary?${range}&group_by=team`)).json()).groups.filter((g) => g.key !== "");
  const [a, b] = [teams[0].key, teams[1].key];

  // The picker lists each value with its cost for the range.
  await page.getByRole("button", { name: "+ Filter" }).click();
  const panel = page.getByRole("dialog", { name: "Filter values" });
  await panel.getByLabel("Filter dimension").selectOption("team");
  await expect(panel.getByRole("checkbox", { name: a, exact: true }).locator("xpath=..")).toContainText(usd(teams[0].cost_usd));
  await page.keyboard.press("Escape");

  await pickFilter(page, "team", "is", [a, b]);
  await expect(page).toHaveURL(new RegExp(`team=${encodeURIComponent(a)}&team=${encodeURIComponent(b)}`));
  await expect(page.getByTestId("explore-table").locator("tbody tr")).toHaveCount(2);
  const both = SummaryResponse.parse(await (await request.get(`/api/v1/summary?${range}&team=${encodeURIComponent(a)}&team=${encodeURIComponent(b)}`)).json());
  await expect(page.getByTestId("explore-total")).toHaveText(usd(both.total.cost_usd));

  // Switching the same dimension to "is not" turns the two includes into excludes.
  await pickFilter(page, "team", "is not", []);
  await expect(page).toHaveURL(new RegExp(`exclude_team=${encodeURIComponent(a)}&exclude_team=${encodeURIComponent(b)}`));
  const rest = SummaryResponse.parse(await (await request.get(`/api/v1/summary?${range}&group_by=team&exclude_team=${encodeURIComponent(a)}&exclude_team=${encodeURIComponent(b)}`)).json());
  await expect(page.getByTestId("explore-table").locator("tbody tr")).toHaveCount((await explorerGroups(request, `${range}&group_by=team&exclude_team=${encodeURIComponent(a)}&exclude_team=${encodeURIComponent(b)}`)).length);
  expect(rest.groups.length).toBeGreaterThan(0);
  await expect(page.getByTestId("explore-table").locator("tbody")).not.toContainText(a);

  // A chip removes one filter; "Clear all" the rest.
  await page.getByRole("button", { name: `Remove filter team ≠ ${a}` }).click();
  await expect(page).not.toHaveURL(new RegExp(`exclude_team=${encodeURIComponent(a)}(&|$)`));
  await page.getByRole("button", { name: "Clear all" }).click();
  await expect(page).not.toHaveURL(/exclude_team/);
});

test("grouping by two dimensions: the table total is the API's, and the CSV is the table", async ({ page, request }) => {
  const range = await open(page, "group_by=team");
  await page.getByLabel("Then by").selectOption("model");
  await expect(page).toHaveURL(/group_by2=model/);
  const api = SummaryResponse.parse(await (await request.get(`/api/v1/summary?${range}&group_by=team,model`)).json());
  const table = page.getByTestId("explore-table");
  const listed = await explorerGroups(request, `${range}&group_by=team,model`);
  await expect(table.locator("tbody tr")).toHaveCount(listed.length);
  await expect(page.getByTestId("explore-table-total")).toHaveText(usd(api.total.cost_usd));
  await expect(table.locator("thead th").nth(1)).toContainText("model");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  const csv = readFileSync((await download.path())!, "utf8").trim().split("\n");
  expect(csv[0].startsWith("row,team,model,cost_usd,previous_cost_usd,change_cost_usd,change_pct,")).toBe(true);
  expect(csv).toHaveLength(listed.length + 2);
  expect(csv[csv.length - 1].startsWith(`total,,,${api.total.cost_usd},`)).toBe(true);
  // Row by row, the keys and the cost are what the table shows (names here have no commas or quotes).
  const cells = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].slice(0, 3).map((td) => td.textContent ?? "")));
  // The CSV flags rows in its first column and leaves an empty value empty (the table shows it as "(none)").
  // A group whose every call is unpriced reads "unpriced" on screen, not $0.00; the CSV keeps the number
  // and the count of unpriced events beside it.
  const header = csv[0].split(",");
  const [attemptsAt, unpricedAt] = [header.indexOf("attempts"), header.indexOf("unpriced_events")];
  expect(attemptsAt).toBeGreaterThan(0);
  expect(unpricedAt).toBeGreaterThan(0);
  const shownCost = (f: string[]) => (Number(f[unpricedAt]) > 0 && Number(f[unpricedAt]) >= Number(f[attemptsAt]) ? "unpriced" : usd(f[3]));
  expect(csv.slice(1, -1).map((line) => line.split(",")).map((f) => [f[0], shown(f[1]), shown(f[2]), shownCost(f)])).toEqual(cells.map((c) => ["group", ...c]));
  expect(new Set(cells.map(([t, m]) => `${t}|${m}`))).toEqual(new Set(listed.map((g) => `${shown(g.key)}|${shown(g.key2 ?? "")}`)));
});

test("the chart draws bars per day, switches to hours, and a click narrows to that day", async ({ page, request }) => {
  const range = await open(page, "group_by=team");
  const ts = TimeseriesResponse.parse(await (await request.get(`/api/v1/timeseries?${range}&group_by=team`)).json());
  const bars = page.locator(".ts-chart .recharts-bar-rectangle");
  await expect(bars.first()).toBeVisible();
  const nonZero = ts.series.reduce((n, s) => n + s.values.filter((v) => Number(v) > 0).length, 0);
  await expect(bars).toHaveCount(nonZero);

  await page.getByRole("radio", { name: "Hourly" }).click();
  await expect(page).toHaveURL(/bucket=hour/);
  await expect(page.getByRole("heading", { name: /per hour by team/ })).toBeVisible();
  await expect(bars.first()).toBeVisible();

  // A long range cannot be hourly: the toggle is disabled with a hint, and the chart falls back to days.
  await page.getByRole("button", { name: "Last 90 days" }).click();
  await expect(page).toHaveURL(/bucket=day/);
  await expect(page.getByRole("radio", { name: "Hourly" })).toBeDisabled();
  await expect(page.getByText("Hourly needs a range of 31 days or less")).toBeVisible();

  // Clicking the last bar narrows the range to its day, hour by hour, keeping the grouping.
  await page.getByRole("button", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/bucket=day/);
  await bars.last().click();
  await expect(page).toHaveURL(/bucket=hour/);
  const url = new URL(page.url());
  expect(Date.parse(url.searchParams.get("to")!) - Date.parse(url.searchParams.get("from")!)).toBe(86_400_000);
  expect(url.searchParams.get("group_by")).toBe("team");
});

test("an empty view says so and clears its filters", async ({ page }) => {
  await open(page, "group_by=team");
  await page.goto(`${page.url()}&team=no-such-team`);
  await expect(page.getByText("No usage for these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByTestId("explore-table")).toBeVisible();
  await expect(page).not.toHaveURL(/team=no-such-team/);
});
