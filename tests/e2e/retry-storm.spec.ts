import { formatMetric, metricById } from "../../lib/finops/explorer-metrics";
import { formatUsdFine } from "../../lib/finops/format";
import { SummaryResponse } from "../../lib/schemas/summary";
import { TimeseriesResponse } from "../../lib/schemas/timeseries";
import { TopTracesResponse, TraceResponse } from "../../lib/schemas/trace";
import { explorerGroups, expect, test } from "./fixtures";

/**
 * The engineering lead's path through the demo's retry storm (lib/demo/INCIDENTS.md: rag-api retries every
 * request 3–6 times for five hours, nine days before the demo's last day): overview → retry waste in the
 * explorer (retry amplification) → the spike's day → by repo, then feature → the traces behind it → one trace. Every number on the
 * way is checked against the API.
 */
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

test("from the overview's retry amplification to the storm's day, repo, feature and trace, with the API's numbers", async ({ page, request }) => {
  const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
  const stormDay = isoDay(today - 9 * DAY);

  // 1. The overview's waste panel: retry amplification, a link into the explorer on that metric, by team.
  await page.goto("/overview");
  const retry = page.getByTestId("waste-retry");
  await expect(retry).toBeVisible();
  await retry.getByRole("link", { name: /×$/ }).click();
  await expect(page).toHaveURL(/\/explore\?.*metric=retry_amplification/);
  await expect(page.getByTestId("explore-table")).toBeVisible();
  const url = new URL(page.url());
  const range = `from=${url.searchParams.get("from")}&to=${url.searchParams.get("to")}&tz=UTC`;

  // 2. The spike: the storm's day has the period's highest retry amplification, and its dot is the highest
  //    point of the chart; a click there narrows the explorer to that day, hour by hour.
  const ts = TimeseriesResponse.parse(await (await request.get(`/api/v1/timeseries?${range}&metric=retry_amplification&group_by=team`)).json());
  const peak = ts.buckets[ts.totals.map(Number).reduce((best, v, i, all) => (v > all[best] ? i : best), 0)];
  expect(peak).toBe(stormDay);
  const dots = page.locator(".ts-chart .recharts-line-dot");
  await expect(dots.first()).toBeVisible();
  const tops = await dots.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
  // Recharts takes the clicked bucket from the pointer it is tracking: move there first, then click.
  const box = (await dots.nth(tops.indexOf(Math.min(...tops))).boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x - 30, y + 30);
  await page.mouse.move(x, y, { steps: 5 });
  await expect(page.locator(".ts-tooltip")).toContainText(new Date(`${stormDay}T00:00:00Z`).getUTCDate().toString());
  await page.mouse.click(x, y);
  const next = isoDay(Date.parse(stormDay) + DAY);
  await expect(page).toHaveURL(new RegExp(`from=${stormDay}&to=${next}`));
  await expect(page).toHaveURL(/bucket=hour/);

  // 3. Group by repo (sorted by amplification); the worst repo's row drills down to its features.
  await page.getByLabel("Group by").selectOption("repo");
  await expect(page).toHaveURL(/group_by=repo/);
  const day = `from=${stormDay}&to=${next}&tz=UTC`;
  const repos = SummaryResponse.parse(await (await request.get(`/api/v1/summary?${day}&group_by=repo`)).json());
  const table = page.getByTestId("explore-table");
  await expect(table.locator("tbody tr")).toHaveCount((await explorerGroups(request, `${day}&group_by=repo`)).length);
  const worst = [...repos.groups].sort((a, b) => (b.retry_amplification ?? 0) - (a.retry_amplification ?? 0))[0];
  expect(worst.retry_amplification).toBeGreaterThan(1.5); // the storm lasted 5 of the day's 24 hours (elsewhere ~1.03)
  await expect(table.locator("tbody tr").first()).toContainText(worst.key);
  await table.locator("tbody tr").first().getByRole("button").click();
  await expect(page).toHaveURL(new RegExp(`group_by=feature.*repo=${encodeURIComponent(worst.key)}`));

  // 4. The features of that repo: the table's figures are the API's.
  const features = SummaryResponse.parse(await (await request.get(`/api/v1/summary?${day}&group_by=feature&repo=${encodeURIComponent(worst.key)}`)).json());
  await expect(table.locator("tbody tr")).toHaveCount((await explorerGroups(request, `${day}&group_by=feature&repo=${encodeURIComponent(worst.key)}`)).length);
  await expect(page.getByTestId("explore-table-total")).toHaveText(formatMetric(metricById("retry_amplification"), features.total.retry_amplification));
  await page.getByLabel("Metric").selectOption("retry_waste_usd");
  await expect(page.getByTestId("explore-table-total")).toHaveText(formatMetric(metricById("retry_waste_usd"), features.total.retry_waste_usd));

  // 5. The traces behind the biggest feature; the most expensive one with retry waste: its figures are the API's.
  await table.locator("tbody tr").first().getByRole("link", { name: "Traces" }).click();
  await expect(page).toHaveURL(/\/traces\?/);
  await expect(page).toHaveURL(new RegExp(`repo=${encodeURIComponent(worst.key)}`));
  const list = TopTracesResponse.parse(await (await request.get(`/api/v1/traces?${new URL(page.url()).searchParams}`)).json());
  const wasted = list.traces.find((t) => Number(t.retry_waste_usd) > 0);
  expect(wasted, "a trace of the storm carries retry waste").toBeDefined();
  await page.getByTestId("traces-table").getByRole("link", { name: `Trace ${wasted!.trace_id}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${wasted!.trace_id}$`));
  const trace = TraceResponse.parse(await (await request.get(`/api/v1/traces/${encodeURIComponent(wasted!.trace_id)}`)).json());
  await expect(page.getByTestId("trace-total")).toHaveAttribute("data-exact", trace.total.cost_usd);
  await expect(page.getByTestId("trace-total")).toHaveText(formatUsdFine(trace.total.cost_usd));
  await expect(page.getByTestId("call-tree").getByTestId("call-row")).toHaveCount(trace.nodes.length);
  expect(Number(trace.total.retry_waste_usd)).toBeGreaterThan(0);
  await expect(page.getByTestId("executing-teams")).toBeVisible();
  await expect(page.getByTestId("originating-teams")).toBeVisible();
});
