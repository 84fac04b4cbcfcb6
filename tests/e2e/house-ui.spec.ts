import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, test } from "./fixtures";

/**
 * The shared UI parts: the explorer's sort is the CSV's order; settings and alerts tabs follow the ARIA tabs
 * pattern (arrow keys, one tab stop, the tab in the URL); settings lists sort; the filter popover gives focus
 * back. Screenshots of the explorer and settings at 1440 and 390 px go to test-results/screenshots.
 */
const shot = (name: string) => ({ path: `test-results/screenshots/${name}.png`, fullPage: true });

test("the explorer's CSV follows the sort on screen, and the filter popover returns focus to its button", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/explore?group_by=model");
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=/);
  const table = page.getByTestId("explore-table");
  await expect(table).toBeVisible();
  const keyHeader = table.getByRole("columnheader").first();
  await keyHeader.getByRole("button").click();
  await expect(page).toHaveURL(/sort=key&dir=desc/);
  await expect(keyHeader).toHaveAttribute("aria-sort", "descending");
  await keyHeader.getByRole("button").click();
  await expect(page).toHaveURL(/sort=key&dir=asc/);
  await expect(keyHeader).toHaveAttribute("aria-sort", "ascending");
  const onScreen = (await table.locator("tbody tr td:first-child").allInnerTexts()).map((t) => t.trim()).filter((t) => t && t !== "Total");
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  const csv = parse(readFileSync((await file.path())!, "utf8"), { columns: true }) as Record<string, string>[];
  // The file's group lines (its `row` column says which lines are groups) in the table's order.
  const exported = csv.filter((r) => r.row === "group").map((r) => (r.model === "" ? "(none)" : r.model));
  expect(exported.length).toBeGreaterThan(1);
  expect(exported).toEqual(onScreen);
  await page.screenshot(shot("explore-1440"));

  const trigger = page.getByRole("button", { name: "+ Filter" });
  await trigger.click();
  await expect(page.getByRole("dialog", { name: "Filter values" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Filter values" })).toBeHidden();
  await expect(trigger).toBeFocused();

  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot(shot("explore-390"));
});

test("settings tabs move with the arrow keys and keep the tab in the URL; lists sort by a header", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/settings?tab=keys");
  const tabs = page.getByRole("tablist", { name: "Settings sections" });
  await expect(tabs.getByRole("tab", { name: "Ingest keys" })).toHaveAttribute("aria-selected", "true");
  await tabs.getByRole("tab", { name: "Ingest keys" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/tab=teams/);
  await expect(tabs.getByRole("tab", { name: "Teams" })).toBeFocused();
  await expect(tabs.getByRole("tab", { name: "Teams" })).toHaveAttribute("tabindex", "0");
  await expect(tabs.getByRole("tab", { name: "Ingest keys" })).toHaveAttribute("tabindex", "-1");
  await page.keyboard.press("Home");
  await expect(page).toHaveURL(/tab=prices/);

  // The price book sorts by a header, exactly (rates as decimals), and flips on a second click.
  const name = page.getByRole("columnheader", { name: /Model/ });
  await name.getByRole("button").click();
  await expect(name).toHaveAttribute("aria-sort", "ascending");
  const models = (await page.locator("table tbody tr td:nth-child(2)").allInnerTexts()).map((t) => t.trim());
  expect(models.length).toBeGreaterThan(1);
  expect(models).toEqual([...models].sort(new Intl.Collator("en", { numeric: true, sensitivity: "base" }).compare));
  await name.getByRole("button").click();
  await expect(name).toHaveAttribute("aria-sort", "descending");
  // Every rate that prices an event is on screen, the 1-hour cache write (Anthropic: 2× input) too; reasoning has
  // a column only when some row prices it apart from output (no seeded row does).
  await expect(page.getByRole("columnheader", { name: "Write 1 h" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Reasoning" })).toHaveCount(0);
  const sonnet = page.locator("table tbody tr", { hasText: "claude-sonnet-4-5" }).filter({ hasText: "standard" }).first();
  await expect(sonnet.locator("td")).toContainText(["anthropic", "claude-sonnet-4-5", "standard", "$3.00", "$0.30", "$3.75", "$6.00", "$15.00"]);
  await page.screenshot(shot("settings-prices-1440"));
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot(shot("settings-prices-390"));
  await page.goto("/settings?tab=keys");
  await expect(page.getByText("Loading keys…")).toBeHidden();
  await expect(page.getByRole("tab", { name: "Ingest keys" })).toBeInViewport();
  await page.screenshot(shot("settings-keys-390"));
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.screenshot(shot("settings-keys-1440"));
});

test("the alerts tab lives in the URL", async ({ page }) => {
  await page.goto("/alerts");
  await page.getByRole("tab", { name: "Rules" }).click();
  await expect(page).toHaveURL(/\/alerts\?tab=rules/);
  await page.reload();
  await expect(page.getByRole("tab", { name: "Rules" })).toHaveAttribute("aria-selected", "true");
});
