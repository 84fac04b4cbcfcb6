import { readFileSync } from "node:fs";
import { SummaryResponse } from "../../lib/schemas/summary";
import { expect, test } from "./fixtures";

test("the explorer drills from team to repo with numbers that match the API, and the URL reproduces the view", async ({ page, request }) => {
  await page.goto("/explore");
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=/);
  await expect(page.getByTestId("explore-table")).toBeVisible();
  const url = new URL(page.url());
  const from = url.searchParams.get("from")!;
  const to = url.searchParams.get("to")!;
  const api = SummaryResponse.parse(await (await request.get(`/api/v1/summary?from=${from}&to=${to}&group_by=team`)).json());
  await expect(page.getByTestId("explore-total")).toHaveText(`$${Number(api.total.cost_usd).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
  await expect(page.getByTestId("explore-table").locator("tbody tr")).toHaveCount(api.groups.length);

  // Two clicks: the biggest team, then the biggest repo of it.
  const top = api.groups[0].key;
  await page.getByTestId("explore-table").locator("tbody tr").first().getByRole("button").click();
  await expect(page).toHaveURL(new RegExp(`group_by=repo.*team=${encodeURIComponent(top)}|team=${encodeURIComponent(top)}.*group_by=repo`));
  const repos = SummaryResponse.parse(await (await request.get(`/api/v1/summary?from=${from}&to=${to}&group_by=repo&team=${encodeURIComponent(top)}`)).json());
  await expect(page.getByTestId("explore-table").locator("tbody tr")).toHaveCount(repos.groups.length);
  await expect(page.getByText(`team = ${top}`)).toBeVisible();

  // The link reproduces the view in a fresh page.
  const link = page.url();
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByTestId("explore-table").locator("tbody tr")).toHaveCount(repos.groups.length);

  // CSV export is exactly the rows shown plus the total, with exact decimals.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  const csv = readFileSync((await download.path())!, "utf8").trim().split("\n");
  expect(csv).toHaveLength(repos.groups.length + 2);
  expect(csv[csv.length - 1].startsWith(`(total),${repos.total.cost_usd},`)).toBe(true);
});

test("an exclude filter removes a group and the total follows", async ({ page, request }) => {
  await page.goto("/explore?group_by=team");
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=/);
  await expect(page.getByTestId("explore-table")).toBeVisible();
  const url = new URL(page.url());
  const q = `from=${url.searchParams.get("from")}&to=${url.searchParams.get("to")}`;
  await page.getByLabel("Filter dimension").selectOption("team");
  await page.getByLabel("Include or exclude").selectOption("exclude");
  await page.getByLabel("Filter value").fill("search");
  await page.getByRole("button", { name: "Add filter" }).click();
  await expect(page).toHaveURL(/exclude_team=search/);
  const api = SummaryResponse.parse(await (await request.get(`/api/v1/summary?${q}&group_by=team&exclude_team=search`)).json());
  await expect(page.getByTestId("explore-table").locator("tbody")).not.toContainText("search");
  await expect(page.getByTestId("explore-table").locator("tbody tr")).toHaveCount(api.groups.length);
});
