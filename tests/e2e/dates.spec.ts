import { expect, test } from "./fixtures";
import { DEFAULT_CALENDAR, presetRange } from "../../lib/finops/range-presets";

const params = (url: string) => Object.fromEntries(new URL(url).searchParams.entries());

/** Typing a date key by key into a date field (month, day, year in Chromium's en-US order). */
async function typeDate(page: import("@playwright/test").Page, label: string, keys: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await field.press("ArrowLeft"); // a click may land on any segment: start from the month
  await field.press("ArrowLeft");
  await page.keyboard.type(keys, { delay: 30 });
}

for (const path of ["/overview", "/explore", "/traces"]) {
  test(`${path}: a typed date commits once, complete, on Enter; never a keystroke at a time`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByLabel("From", { exact: true })).toBeVisible();
    const before = { from: await page.getByLabel("From", { exact: true }).inputValue() };
    const requested: string[] = [];
    page.on("request", (r) => { if (r.url().includes("/api/v1/")) requested.push(r.url()); });

    await typeDate(page, "From", "10012026");
    // Half-typed years (0002, 0020, 0201) went nowhere: the address still holds the old range.
    expect(params(page.url()).from ?? before.from).toBe(before.from);
    await expect(page.getByLabel("From", { exact: true })).not.toHaveValue(/^0/);
    expect(requested.filter((u) => /from=0/.test(u))).toEqual([]);
    await page.getByLabel("From", { exact: true }).press("Enter");
    await expect.poll(() => params(page.url()).from).toBe("2026-10-01");

    // Through is inclusive for people; the address keeps the exclusive `to`.
    await typeDate(page, "Through", "10312026");
    await page.getByLabel("Through", { exact: true }).blur();
    await expect.poll(() => params(page.url()).to).toBe("2026-11-01");
    await expect(page.getByLabel("Through", { exact: true })).toHaveValue("2026-10-31");
  });

  test(`${path}: month and week presets`, async ({ page }) => {
    await page.goto(path);
    const cal = DEFAULT_CALENDAR("UTC");
    for (const [label, id] of [["Last month", "last-month"], ["This week", "this-week"], ["Last week", "last-week"], ["This month", "this-month"]] as const) {
      await page.getByRole("button", { name: label, exact: true }).click();
      const want = presetRange(id, new Date(), cal);
      await expect.poll(() => params(page.url())).toMatchObject(want);
      await expect(page.getByRole("button", { name: label, exact: true })).toHaveAttribute("aria-pressed", "true");
    }
  });
}
