import { SummaryResponse } from "../../lib/schemas/summary";
import { TopTracesResponse, TraceResponse } from "../../lib/schemas/trace";
import { expect, test } from "./fixtures";

/**
 * Issue 16 items 3 and 4 on the demo: the runaway agent's 396-call trace is readable (timeline, repeated
 * calls folded, context linked), the trace list fits at 1440 and 390 px, and a grouping by session_id
 * over 90 days is paged with "show more". Screenshots go to test-results/ to be looked at.
 */
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const range = `from=${isoDay(Date.now() - 89 * DAY)}&to=${isoDay(Date.now() + DAY)}&tz=UTC`;
const shot = (name: string) => ({ path: `test-results/screenshots/${name}.png`, fullPage: false });

async function biggestTrace(request: import("@playwright/test").APIRequestContext) {
  const list = TopTracesResponse.parse(await (await request.get(`/api/v1/traces?${range}&feature=coding-agent&limit=50`)).json());
  return [...list.traces].sort((a, b) => b.spans - a.spans)[0];
}

test("the runaway agent's trace: timeline, repeats folded into counted rows that expand, context linked", async ({ page, request }) => {
  const big = await biggestTrace(request);
  expect(big.spans).toBeGreaterThan(300);
  const api = TraceResponse.parse(await (await request.get(`/api/v1/traces/${big.trace_id}`)).json());
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/traces/${big.trace_id}`);
  const tree = page.getByTestId("call-tree");
  await expect(tree).toBeVisible();
  await expect(tree.getByTestId("timeline-track").first()).toBeVisible();

  // Folded: far fewer rows than calls, and every call is in a row or a counted run.
  const repeats = tree.getByTestId("repeat-row");
  await expect(repeats.first()).toBeVisible();
  const counts = await repeats.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-count"))));
  const calls = await tree.getByTestId("call-row").count();
  expect(calls + counts.reduce((a, b) => a + b, 0)).toBe(api.nodes.length);
  expect(calls + counts.length).toBeLessThan(40);

  // The context: session, work item, pull request, each a link into Explore filtered to it.
  const context = page.getByTestId("trace-context");
  for (const dim of ["session_id", "work_item", "pull_request", "branch", "trigger", "user"] as const) await expect(context).toContainText(api.context[dim][0].value);
  await page.screenshot(shot("trace-runaway-1440"));

  // A folded run expands into its calls.
  await repeats.first().getByRole("button", { name: /identical/ }).click();
  await expect(tree.getByTestId("call-row")).toHaveCount(calls + counts[0]);
  await expect(tree.getByTestId("repeat-row")).toHaveCount(counts.length - 1);

  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot(shot("trace-runaway-390"));
  await page.setViewportSize({ width: 1440, height: 1000 });

  const session = api.context.session_id[0].value;
  await context.locator(`a[data-dim="session_id"]`).click();
  await expect(page).toHaveURL(new RegExp(`/explore\\?.*session_id=${session}`));
  await expect(page.getByText(`session id = ${session}`).or(page.getByText(`session_id = ${session}`)).first()).toBeVisible();
});

test("the trace list fits at 1440 px and at 390 px: short ids with copy, nothing clipped", async ({ page }) => {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/traces?${range}`);
    const table = page.getByTestId("traces-table");
    await expect(table.locator("tbody tr").first()).toBeVisible({ timeout: 30_000 });
    // No horizontal overflow: the table is no wider than its card.
    const [tableWidth, cardWidth] = await table.evaluate((t) => [t.scrollWidth, (t.closest(".card") as HTMLElement).clientWidth]);
    expect(tableWidth, `table at ${width}px`).toBeLessThanOrEqual(cardWidth);
    await expect(table.getByRole("button", { name: "Copy trace_id" }).first()).toBeVisible();
    await page.screenshot(shot(`traces-list-${width}`));
  }
});

test("grouping by session_id over 90 days shows 100 rows, an exact (other) row and 'show more'", async ({ page, request }) => {
  const api = SummaryResponse.parse(await (await request.get(`/api/v1/summary?${range}&group_by=session_id&limit=100`)).json());
  expect(api.group_count).toBeGreaterThan(1000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/explore?${range}&group_by=session_id`);
  const paging = page.getByTestId("explore-paging");
  await expect(paging).toContainText(`Showing 100 of ${api.group_count.toLocaleString("en-US")}`, { timeout: 30_000 });
  const table = page.getByTestId("explore-table");
  await expect(table.locator("tbody tr")).toHaveCount(101);
  await expect(page.getByTestId("explore-other-row")).toBeVisible();
  await paging.scrollIntoViewIfNeeded();
  await page.screenshot(shot("explore-sessions-1440"));
  await paging.getByRole("button", { name: /Show 100 more/ }).click();
  await expect(paging).toContainText(`Showing 200 of ${api.group_count.toLocaleString("en-US")}`, { timeout: 30_000 });
  await expect(table.locator("tbody tr")).toHaveCount(201);
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot(shot("explore-sessions-390"));
});
