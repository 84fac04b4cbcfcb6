import { ChangeResponse } from "../../lib/schemas/change";
import { OverviewResponse } from "../../lib/schemas/overview";
import { expect, signIn, test, waitsForHydration } from "./fixtures";

/**
 * Issue 16, in a real browser on the demo data: a month is compared with the month before (never "Aug 31 –
 * Sep 30"), a period that is not over with the same elapsed time, and every page says which; chart bars work
 * from the keyboard; a team outside a lead's scope says so; exports name their period, zone and filters.
 * Screenshots of each changed page at 1440 and 390 px go to E2E_SHOTS (default /tmp/journeys-shots).
 */
const SHOTS = process.env.E2E_SHOTS ?? "/tmp/journeys-shots";
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const now = new Date();
const monthStart = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));

test("last month is compared with the month before it, on the overview, in its API and in Explore", async ({ page, request }) => {
  const [before, last, current] = [monthStart(2), monthStart(1), monthStart(0)];
  const view = `from=${isoDay(last.getTime())}&to=${isoDay(current.getTime())}&tz=UTC`;
  const api = OverviewResponse.parse(await (await request.get(`/api/v1/overview?${view}`)).json());
  expect(api.previous).toEqual({ from: isoDay(before.getTime()), to: isoDay(last.getTime()) });
  expect(api.comparison).toMatchObject({ period: "month", partial: false, label: `vs ${MONTHS[before.getUTCMonth()]} ${before.getUTCFullYear()}` });

  await page.goto(`/overview?${view}&stack=team`);
  await expect(page.getByTestId("period-comparison")).toContainText(`compared with ${api.comparison.label.replace(/^vs /, "")}`);
  await expect(page.getByTestId("why-periods")).toContainText(api.comparison.label);
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.screenshot({ path: `${SHOTS}/overview-last-month-${width}.png`, fullPage: true });
  }

  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/explore?${view}&group_by=team`);
  await expect(page.getByTestId("explore-comparison")).toContainText(api.comparison.label);
});

test("this month so far is compared with the same elapsed time of the last, and says so", async ({ page, request }) => {
  const today = isoDay(Date.parse(`${isoDay(Date.now())}T00:00:00Z`));
  const from = isoDay(monthStart(0).getTime());
  const to = isoDay(Date.parse(today) + DAY);
  const api = OverviewResponse.parse(await (await request.get(`/api/v1/overview?from=${from}&to=${to}&tz=UTC`)).json());
  expect(api.comparison).toMatchObject({ period: "month", partial: true });
  const change = ChangeResponse.parse(await (await request.get(`/api/v1/change?from=${from}&to=${to}&tz=UTC`)).json());
  expect(change.baseline).toMatchObject({ from: api.previous.from, to: api.previous.to, until: api.comparison.previous_until, label: api.comparison.label, cost_usd: api.previous_total.cost_usd });

  await page.goto(`/explore?from=${from}&to=${to}&tz=UTC&group_by=team&compare=1`);
  await expect(page.getByTestId("explore-comparison")).toContainText(api.comparison.label);
  if (api.comparison.previous_until) await expect(page.getByTestId("why-periods")).toContainText("cut at the same hour");
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.screenshot({ path: `${SHOTS}/explore-this-month-${width}.png`, fullPage: true });
  }
});

test("a day's bar opens hour by hour from the keyboard, like a click", async ({ page }) => {
  const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
  await page.goto(`/overview?from=${isoDay(today - 6 * DAY)}&to=${isoDay(today + DAY)}&tz=UTC&stack=team`);
  const bars = page.getByTestId("bar-key");
  await expect(bars).toHaveCount(7);
  // One tab stop for the chart: the last day; ← moves to the day before it.
  await bars.nth(6).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(bars.nth(5)).toBeFocused();
  const box = await bars.nth(5).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(box).not.toBe("none");
  await page.screenshot({ path: `${SHOTS}/overview-bar-focus-1440.png` });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/explore\?/);
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ from: isoDay(today - DAY), to: isoDay(today), bucket: "hour" });
  // Explore's own chart too.
  await expect(page.getByTestId("bar-key").first()).toBeAttached();
});

test("a lead filtering to another team is told it is outside their teams", async ({ browser, request }) => {
  const lead = { email: `scope-${Date.now()}@e2e.test`, password: "scope-password-123" };
  expect((await request.post("/api/v1/users", { data: { ...lead, role: "lead", teams: ["platform"] } })).status()).toBe(200);
  const ctx = await browser.newContext();
  const page = waitsForHydration(await ctx.newPage());
  await signIn(page, lead);
  await page.goto("/explore?group_by=repo&team=growth");
  await expect(page.getByTestId("out-of-scope")).toContainText("growth is not one of the teams you can see (platform)");
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/explore-out-of-scope-${width}.png`, fullPage: true });
  }
  await page.getByRole("button", { name: "Show your teams" }).click();
  await expect(page.getByTestId("explore-total")).toBeVisible();
  // Traces say the same, rather than "No traces match".
  await page.goto("/traces?team=growth");
  await expect(page.getByTestId("out-of-scope")).toContainText("growth is not one of the teams you can see (platform)");
  await page.getByRole("button", { name: "Show your teams" }).click();
  await expect(page.getByTestId("traces-table")).toBeVisible();
  await ctx.close();
});

test("Explore's CSV names its period, zone and filters and writes rates as percentages", async ({ page }) => {
  const [last, current] = [monthStart(1), monthStart(0)];
  await page.goto(`/explore?from=${isoDay(last.getTime())}&to=${isoDay(current.getTime())}&tz=UTC&group_by=team&metric=cost_usd&exclude_environment=eval`);
  await expect(page.getByTestId("explore-total")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`tokenledger_explore_team_${isoDay(last.getTime())}_to_${isoDay(current.getTime() - DAY)}_UTC_not-environment=eval.csv`);
  const text = (await (await download.createReadStream()).toArray()).join("");
  const [head, first] = text.split("\n");
  const cols = head.split(",");
  expect(first.split(",")[cols.indexOf("cache_hit_rate")]).toMatch(/^\d+\.\d\d%$/);
});
