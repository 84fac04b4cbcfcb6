import { formatUsd } from "../../lib/finops/format";
import { OverviewResponse } from "../../lib/schemas/overview";
import { SummaryResponse } from "../../lib/schemas/summary";
import { expect, test } from "./fixtures";

/**
 * Issue 15 item 7: the tables on @tanstack/react-table and the call tree on @tanstack/react-virtual.
 * A reprice refreshes the overview and the explorer already in the browser's cache (no reload); a call tree
 * of 800 calls renders only the rows in view and scrolls to its last call; the settings lists sort and
 * read at 1440 and 390 px. Screenshots go to test-results/screenshots to be looked at.
 */
const shot = (name: string, fullPage = true) => ({ path: `test-results/screenshots/${name}.png`, fullPage });
const stamp = Date.now().toString(36);
const HOUR = 3_600_000;

async function ingestKey(request: import("@playwright/test").APIRequestContext, name: string): Promise<string> {
  const res = await request.post("/api/v1/ingest-keys", { data: { name } });
  expect(res.ok(), await res.text()).toBe(true);
  return ((await res.json()) as { secret: string }).secret;
}

test("a reprice refreshes the overview and the explorer without a reload", async ({ page, request }) => {
  test.setTimeout(420_000); // a first price and a reprice each rewrite the open months: minutes on a loaded machine
  // A model of this test's own, priced at $2 / 1M input tokens before its one event (5M tokens: $10) arrives.
  const model = `tables-e2e-${stamp}`;
  const validFrom = new Date(Date.now() - 40 * 24 * HOUR).toISOString().slice(0, 10);
  const price = { provider: "e2e-lab", model, validFrom, inputPerToken: "0.000002", outputPerToken: "0.000008", source: "tables e2e" };
  const priced = await request.post("/api/v1/prices", { data: price, timeout: 300_000 });
  expect(priced.ok(), await priced.text()).toBe(true);
  const key = await ingestKey(request, `tables-reprice-${stamp}`);
  const event = { event_id: `tables-reprice-${stamp}`, timestamp: new Date(Date.now() - HOUR).toISOString(), provider: "e2e-lab", model, team: "search", repo: `tables-repo-${stamp}`, input_tokens: 5_000_000, output_tokens: 0 };
  const sent = await request.post("/api/v1/events", { headers: { authorization: `Bearer ${key}` }, data: [event] });
  expect(sent.status(), await sent.text()).toBe(200);

  // The explorer and the overview are loaded once and stay in the client's cache, fresh for 30 s. The page's
  // clock stands still (timers still run), so they stay fresh however slow the machine: only the mutation's
  // invalidation can refetch them, and this test fails if a reprice leaves them out.
  await page.clock.setFixedTime(new Date());
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/explore");
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=/);
  const exploreQuery = new URL(page.url()).searchParams;
  const exploreTotal = page.getByTestId("explore-total");
  await expect(exploreTotal).not.toBeEmpty();
  const exploreBefore = await exploreTotal.innerText();
  await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Overview" }).click();
  const spend = page.getByTestId("total-spend");
  await expect(spend).not.toBeEmpty();
  const overviewBefore = await spend.innerText();
  const overviewHref = new URL((await spend.getAttribute("href"))!, page.url()).searchParams;

  // Settings: the price corrected to $4 / 1M input tokens (the same valid-from date), then the reprice.
  await nav.getByRole("link", { name: "Settings" }).click();
  const form = page.getByRole("form", { name: "Add or correct a price" });
  await form.locator('input[name="provider"]').fill("e2e-lab");
  await form.locator('input[name="model"]').fill(model);
  await form.locator('input[name="validFrom"]').fill(validFrom);
  await form.locator('input[name="input"]').fill("4");
  await form.locator('input[name="output"]').fill("8");
  await form.getByRole("button", { name: "Save price" }).click();
  await expect(form.getByRole("status")).toContainText("Price corrected.", { timeout: 60_000 });
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Reprice open periods" }).click();
  await expect(page.getByRole("status").filter({ hasText: "repriced" })).toBeVisible({ timeout: 300_000 });

  // Back to the overview and the explorer by their links: the new figures ($10 more), without a reload.
  await nav.getByRole("link", { name: "Overview" }).click();
  const overview = OverviewResponse.parse(await (await request.get(`/api/v1/overview?from=${overviewHref.get("from")}&to=${overviewHref.get("to")}&tz=UTC`)).json());
  await expect(spend).toHaveText(formatUsd(overview.total.cost_usd), { timeout: 15_000 });
  expect(await spend.innerText()).not.toBe(overviewBefore);
  await nav.getByRole("link", { name: "Explore" }).click();
  const summary = SummaryResponse.parse(await (await request.get(`/api/v1/summary?from=${exploreQuery.get("from")}&to=${exploreQuery.get("to")}&tz=UTC`)).json());
  await expect(exploreTotal).toHaveText(formatUsd(summary.total.cost_usd), { timeout: 15_000 });
  expect(await exploreTotal.innerText()).not.toBe(exploreBefore);
  expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
});

test("a call tree of 800 calls renders the rows in view and scrolls to its last call", async ({ page, request }) => {
  test.setTimeout(240_000); // ingesting 800 calls takes a while on a loaded machine
  const N = 800;
  const trace = `tables-long-${stamp}`;
  const key = await ingestKey(request, `tables-trace-${stamp}`);
  const t0 = Date.now() - 2 * HOUR;
  // A chain 40 deep (deeper than the indent goes), then fan-out under it; every call a different step so none fold.
  const events = Array.from({ length: N }, (_, i) => ({
    event_id: `${trace}-${i}`,
    timestamp: new Date(t0 + i * 500).toISOString(),
    provider: "openai",
    model: "gpt-4.1-mini",
    team: "search",
    feature: "tables-e2e",
    service: i === N - 1 ? "the-last-call-of-a-very-long-agent-run-with-a-long-service-name" : `billing-reconciliation-agent-step-${i}`,
    trace_id: trace,
    span_id: `s${i}`,
    // The last call hangs under the root, so it is the last row of the tree (depth first, by time).
    parent_span_id: i === 0 ? "" : i === N - 1 ? "s0" : `s${i < 40 ? i - 1 : i % 40}`,
    input_tokens: 10 + (i % 7) * 40,
    output_tokens: 1 + (i % 5),
    latency_ms: 400,
  }));
  const sent = await request.post("/api/v1/events", { headers: { authorization: `Bearer ${key}` }, data: events });
  expect(sent.status(), await sent.text()).toBe(200);

  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/traces/${trace}`);
  const tree = page.getByTestId("call-tree");
  await expect(tree).toBeVisible();
  await expect(tree).toHaveAttribute("aria-rowcount", String(N + 1));
  const rendered = await tree.getByTestId("call-row").count();
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(150);
  await page.screenshot(shot("trace-long-1440", false));

  // Scrolled to the end, the last call is drawn and says where it is in the whole.
  await page.locator(".virtual-scroll").evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const last = tree.getByTestId("call-row").filter({ hasText: "the-last-call-of-a-very-long-agent-run" });
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute("aria-rowindex", String(N + 1));
  expect(await tree.getByTestId("call-row").count()).toBeLessThan(150);
  // Its attempts open under it, as one more row.
  await last.getByRole("button", { name: "1", exact: true }).click();
  await expect(tree.locator("tr.attempts-row")).toBeVisible();
  await expect(tree).toHaveAttribute("aria-rowcount", String(N + 2));
  await page.screenshot(shot("trace-long-end-1440", false));

  // Collapsed to its root the tree is short and drawn whole.
  await page.getByRole("button", { name: "Collapse to roots" }).click();
  await expect(tree.getByTestId("call-row")).toHaveCount(1);
  await expect(tree).not.toHaveAttribute("aria-rowcount");
  await page.getByRole("button", { name: "Expand all" }).click();
  await page.setViewportSize({ width: 390, height: 900 });
  await expect(tree).toHaveAttribute("aria-rowcount", String(N + 2));
  await page.screenshot(shot("trace-long-390", false));
});

test("the settings lists sort by their headers and read at 1440 and 390 px", async ({ page, request }) => {
  // A long name, to see it truncated with its full text on hover.
  const long = `a-very-long-ingest-key-name-for-the-nightly-batch-gateway-of-the-eu-west-region-${stamp}`;
  await ingestKey(request, long);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/settings?tab=keys");
  const table = page.getByRole("table");
  await expect(table.getByRole("cell", { name: long })).toHaveAttribute("title", long);
  const name = table.getByRole("columnheader", { name: /Name/ });
  await expect(name).toHaveAttribute("aria-sort", "none");
  await name.getByRole("button").focus();
  await page.keyboard.press("Enter");
  await expect(name).toHaveAttribute("aria-sort", "ascending");
  const names = (await table.locator("tbody tr td:first-child").allInnerTexts()).map((t) => t.trim());
  expect(names).toEqual([...names].sort(new Intl.Collator("en", { numeric: true, sensitivity: "base" }).compare));
  await page.keyboard.press("Enter");
  await expect(name).toHaveAttribute("aria-sort", "descending");
  // "Last used": never-used keys stay last whichever way.
  const used = table.getByRole("columnheader", { name: /Last used/ });
  for (const dir of ["ascending", "descending"]) {
    if ((await used.getAttribute("aria-sort")) !== dir) await used.getByRole("button").click();
    await expect(used).toHaveAttribute("aria-sort", dir);
    const cells = (await table.locator("tbody tr td:nth-child(6)").allInnerTexts()).map((t) => t.trim());
    const firstNever = cells.indexOf("never");
    if (firstNever >= 0) expect(cells.slice(firstNever).every((c) => c === "never")).toBe(true);
  }
  // The header without text is still a column header, the "Key" column does not sort.
  await expect(table.getByRole("columnheader", { name: "Key" })).not.toHaveAttribute("aria-sort");
  await page.screenshot(shot("settings-keys-long-1440"));
  for (const tab of ["users", "rules", "teams", "unpriced", "audit", "tokens"]) {
    await page.goto(`/settings?tab=${tab}`);
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    await page.screenshot(shot(`settings-${tab}-1440`));
  }
  await page.setViewportSize({ width: 390, height: 900 });
  for (const tab of ["keys", "users", "audit"]) {
    await page.goto(`/settings?tab=${tab}`);
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    await page.screenshot(shot(`settings-${tab}-390`));
  }
  // The explorer's table settles: once drawn, nothing in it changes by itself (no render loop), paged or not.
  for (const view of ["group_by=team", "group_by=repo&group_by2=model"]) {
    await page.goto(`/explore?${view}`);
    await expect(page.getByTestId("explore-table")).toBeVisible();
    await expect(page.locator(".is-refreshing")).toHaveCount(0);
    const changes = await page.getByTestId("explore-table").evaluate(
      (table) =>
        new Promise<number>((resolve) => {
          let n = 0;
          const watch = new MutationObserver((records) => (n += records.length));
          watch.observe(table, { subtree: true, childList: true, attributes: true, characterData: true });
          setTimeout(() => { watch.disconnect(); resolve(n); }, 2_000);
        }),
    );
    expect(changes, view).toBe(0);
  }
  await page.screenshot(shot("explore-two-keys-390"));
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.screenshot(shot("explore-two-keys-1440"));
});
