import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * The keyboard path through the Radix parts: Tab reaches "+ Filter", Enter opens the popover in its search
 * field, the arrow keys and Enter pick values, focus stays inside while it is open, Escape closes it and focus
 * is back on the button; the settings tabs move with the arrow keys (URL state kept); the focus ring is drawn
 * for the keyboard and not for a mouse click; the popover stays on a 390 px screen. Screenshots of the open
 * popover and the focused tabs at 1440 and 390 px go to test-results/screenshots.
 */
const shot = (name: string) => ({ path: `test-results/screenshots/${name}.png` });

/** Presses Tab until `target` has focus (fails after `max` presses): the way a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The focus ring as drawn: an outline of some width, or an inset box-shadow (the popover's value rows). */
const ring = (el: Locator) =>
  el.evaluate((node) => {
    const s = getComputedStyle(node);
    return { outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 ? s.outlineColor : null, shadow: s.boxShadow === "none" ? null : s.boxShadow, focusVisible: node.matches(":focus-visible") };
  });

test("the filter popover by keyboard: open with Enter, pick with arrows and Enter, focus kept inside, Escape gives focus back", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/explore?group_by=team");
  await expect(page.getByTestId("explore-table")).toBeVisible();
  const trigger = page.getByRole("button", { name: "+ Filter" });
  await tabTo(page, trigger);
  expect(await ring(trigger)).toMatchObject({ focusVisible: true, outline: "rgb(59, 91, 219)" });
  await expect(trigger).toHaveAttribute("aria-expanded", "false");

  await page.keyboard.press("Enter");
  const panel = page.getByRole("dialog", { name: "Filter values" });
  await expect(panel).toBeVisible();
  // While the (modal) popover is open the rest of the page is aria-hidden: find the button by its class.
  await expect(page.locator(".filter-picker > button")).toHaveAttribute("aria-expanded", "true");
  await expect(panel.getByLabel("Search values")).toBeFocused();
  const boxes = panel.getByRole("checkbox");
  await expect(boxes.nth(1)).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(boxes.nth(0)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(boxes.nth(1)).toBeFocused();
  const picked = (await boxes.nth(1).getAttribute("aria-label"))!;
  await page.keyboard.press("Enter");
  await expect(boxes.nth(1)).toBeChecked();
  await expect(boxes.nth(0)).not.toBeChecked();
  // The focused value's row carries the ring (the checkbox alone is too small to see it on).
  const row = panel.locator(".filter-value").nth(1);
  expect((await ring(row)).shadow).toContain("inset");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(panel.getByLabel("Search values")).toBeFocused();
  await page.screenshot(shot("keyboard-filter-popover-1440"));

  // Focus is trapped: a full round of Tab stays in the dialog.
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press("Tab");
    expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  // Escape throws the draft away and gives focus back to the button.
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(trigger).toBeFocused();
  await expect(page).not.toHaveURL(/team=/);

  // Again, and this time apply the pick from the keyboard.
  await page.keyboard.press("Enter");
  await expect(panel).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(boxes.nth(1)).toBeFocused();
  await page.keyboard.press("Enter");
  await tabTo(page, panel.getByRole("button", { name: "Apply" }), 40);
  await page.keyboard.press("Enter");
  await expect(panel).toBeHidden();
  await expect(page).toHaveURL(/team=/);
  await expect(page.getByText(`team = ${picked}`)).toBeVisible();
  await expect(trigger).toBeFocused();

  // A mouse click opens it without a ring on the button; a click outside closes it.
  await trigger.click();
  await expect(panel).toBeVisible();
  await page.mouse.click(1400, 950);
  await expect(panel).toBeHidden();
  expect((await ring(trigger)).focusVisible).toBe(false);
});

test("the filter popover stays on a 390 px screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/explore?group_by=model");
  await expect(page.getByTestId("explore-table")).toBeVisible();
  await page.getByRole("button", { name: "+ Filter" }).click();
  const panel = page.getByRole("dialog", { name: "Filter values" });
  await expect(panel.getByRole("checkbox").first()).toBeVisible();
  const box = (await panel.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(844);
  await expect(panel.getByRole("button", { name: "Apply" })).toBeInViewport();
  await page.keyboard.press("ArrowDown");
  await page.screenshot(shot("keyboard-filter-popover-390"));
});

test("settings tabs: Tab lands on the selected tab with a ring, arrows move and select, the URL follows; a click draws no ring", async ({ page }) => {
  for (const [width, height] of [[1440, 1000], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto("/settings?tab=rules");
    const tabs = page.getByRole("tablist", { name: "Settings sections" });
    const rules = tabs.getByRole("tab", { name: "Ownership rules" });
    await expect(rules).toHaveAttribute("aria-selected", "true");
    // One tab stop: the first Tab into the strip lands on the selected tab, not the first one.
    for (let i = 0; i < 60 && !(await page.evaluate(() => document.activeElement?.getAttribute("role") === "tab")); i++) await page.keyboard.press("Tab");
    await expect(rules).toBeFocused();
    expect(await ring(rules)).toMatchObject({ focusVisible: true, outline: "rgb(59, 91, 219)" });

    await page.keyboard.press("ArrowRight");
    const keys = tabs.getByRole("tab", { name: "Ingest keys" });
    await expect(keys).toBeFocused();
    await expect(keys).toHaveAttribute("aria-selected", "true");
    await expect(page).toHaveURL(/tab=keys/);
    await expect(page.getByRole("tabpanel")).toHaveAttribute("aria-labelledby", (await keys.getAttribute("id"))!);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect(tabs.getByRole("tab", { name: "Unpriced models" })).toBeFocused();
    await expect(page).toHaveURL(/tab=unpriced/);
    await page.keyboard.press("End");
    await expect(tabs.getByRole("tab", { name: "Audit log" })).toBeFocused();
    await expect(page).toHaveURL(/tab=audit/);
    await page.keyboard.press("ArrowRight"); // wraps
    await expect(tabs.getByRole("tab", { name: "Price book" })).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect(tabs.getByRole("tab", { name: "Unpriced models" })).toBeFocused();
    await expect(tabs.getByRole("tab", { name: "Unpriced models" })).toBeInViewport();
    await page.screenshot(shot(`keyboard-settings-tabs-${width}`));

    // A mouse click selects without a ring.
    const teams = tabs.getByRole("tab", { name: "Teams" });
    await teams.click();
    await expect(teams).toHaveAttribute("aria-selected", "true");
    await expect(page).toHaveURL(/tab=teams/);
    expect(await ring(teams)).toMatchObject({ focusVisible: false, outline: null });
  }
});
