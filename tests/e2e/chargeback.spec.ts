import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import Decimal from "decimal.js";
import type { Page } from "@playwright/test";
import { formatUsd } from "../../lib/finops/format";
import { ChargebackReportOut } from "../../lib/schemas/chargeback";
import { expect as baseExpect, signIn, test, waitsForHydration } from "./fixtures";

// A live month of demo data is computed from raw events on each read: allow for a loaded machine.
const expect = baseExpect.configure({ timeout: 60_000 });

/**
 * Finance closes a month on the demo data, in a real browser: the lines add up to the total, the rule changes,
 * the period closes with a verified hash, a late event shows up as an adjustment in the next month, and the
 * CSV, FOCUS and PDF downloads carry the page's total. Screenshots at 1440 and 390 px go to SCREENSHOT_DIR.
 */
const FINANCE = { email: `cb-finance-${Date.now()}@e2e.test`, password: "finance-password-123" };
const shots = process.env.SCREENSHOT_DIR;
const monthKey = (d: Date, n: number) => {
  const i = d.getUTCFullYear() * 12 + d.getUTCMonth() + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
};
const PERIOD = monthKey(new Date(), -1);
const NEXT = monthKey(new Date(), 0);

const reportOf = async (page: Page, period: string) => ChargebackReportOut.parse(await (await page.request.get(`/api/v1/chargeback?period=${period}`)).json());
const sum = (xs: string[]) => xs.reduce((s, x) => s.plus(x), new Decimal(0)).toFixed(2);
async function download(page: Page, name: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).first().click()]);
  return readFileSync((await file.path())!);
}

test.beforeAll(async ({ request }) => {
  expect((await request.post("/api/v1/users", { data: { email: FINANCE.email, password: FINANCE.password, role: "finance", teams: [] } })).status()).toBe(200);
});

test("finance reviews, re-rules, closes a month, sees a late event as an adjustment, and downloads the reports", async ({ browser, request }) => {
  test.setTimeout(400_000);
  const key = (await (await request.post("/api/v1/ingest-keys", { data: { name: "cb-late" } })).json()) as { secret: string };

  const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = waitsForHydration(await ctx.newPage());
  await signIn(page, FINANCE);
  await page.goto("/chargeback");
  await expect(page.getByTestId("period-status")).toContainText("Open", { timeout: 120_000 });
  const t0 = Date.now();
  const open = await reportOf(page, PERIOD);
  console.log(`GET /api/v1/chargeback?period=${PERIOD} (open, demo data): ${Date.now() - t0} ms`);
  expect(open.teams.length).toBeGreaterThan(3);
  expect(sum(open.teams.map((t) => t.total_usd))).toBe(open.total_usd);
  await expect(page.getByTestId("report-total")).toHaveText(formatUsd(open.total_usd));
  await expect(page.getByTestId("line-total")).toHaveCount(open.teams.length);
  const shown = await page.getByTestId("line-total").allTextContents();
  expect(sum(shown.map((s) => s.replace(/[$,]/g, "")))).toBe(open.total_usd);

  // Another rule moves shared cost between teams, never the total.
  await page.getByLabel("Allocation rule").selectOption("even");
  await expect(page.getByTestId("period-status")).toContainText("even split");
  const even = await reportOf(page, PERIOD);
  expect(even.rule).toBe("even");
  expect(even.total_usd).toBe(open.total_usd);
  expect(sum(even.teams.map((t) => t.allocated_usd))).toBe(even.pool_usd);

  // The originating-team view reconciles to the same total.
  await page.getByRole("button", { name: "Originating team" }).click();
  await expect(page).toHaveURL(/attribution=originated/);
  await expect(page.getByTestId("report-total")).toHaveText(formatUsd(open.total_usd));
  await page.getByRole("button", { name: "Executing team" }).click();

  // Close.
  await page.getByRole("button", { name: "Close period…" }).click();
  await page.getByRole("dialog", { name: "Close period" }).getByRole("button", { name: /^Close / }).click();
  await expect(page.getByTestId("period-status")).toContainText("Closed");
  await expect(page.getByTestId("closed-hash")).toContainText("verified");
  const closed = await reportOf(page, PERIOD);
  expect(closed.closed?.hash).toMatch(/^[0-9a-f]{64}$/);

  await page.locator("tr[data-team] button[aria-expanded]").first().click();
  if (shots) {
    await page.screenshot({ path: `${shots}/chargeback-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: `${shots}/chargeback-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 1000 });
  }

  // A late event for the closed month: the month stays as frozen, the next month carries the adjustment.
  const late = { event_id: `cb-late-${Date.now()}`, timestamp: `${PERIOD}-15T12:00:00Z`, provider: "openai", model: "gpt-4.1", team: "search", input_tokens: 5_000_000, output_tokens: 0 };
  const sent = await request.post("/api/v1/events", { headers: { authorization: `Bearer ${key.secret}` }, data: [late] });
  expect(sent.status(), await sent.text()).toBe(200);
  const again = await reportOf(page, PERIOD);
  expect(again.total_usd).toBe(closed.total_usd);
  expect(again.closed).toMatchObject({ hash: closed.closed!.hash, verified: true });
  await page.goto(`/chargeback?period=${NEXT}`);
  const adj = page.getByTestId("adjustments");
  await expect(adj).toContainText("search");
  await expect(adj).toContainText(`for ${PERIOD}`);
  await expect(adj).toContainText("late events: 1 event");
  const next = await reportOf(page, NEXT);
  expect(new Decimal(next.teams.find((t) => t.team === "search")!.adjustments_usd).gt(0)).toBe(true);
  expect(sum(next.teams.map((t) => t.total_usd))).toBe(next.total_usd);

  // Downloads of the closed month carry the page's total.
  await page.goto(`/chargeback?period=${PERIOD}`);
  await expect(page.getByTestId("report-total")).toHaveText(formatUsd(closed.total_usd));
  const csv = parse(await download(page, "Download CSV"), { columns: true }) as Record<string, string>[];
  expect(csv.find((r) => r.line === "total")!.total_usd).toBe(closed.total_usd);
  const focus = parse(await download(page, "FOCUS CSV"), { columns: true }) as Record<string, string>[];
  expect(sum(focus.map((r) => r.BilledCost))).toBe(closed.total_usd);
  expect(focus[0]).toHaveProperty("SubAccountId");
  const pdf = await download(page, "PDF report");
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const pdfPath = `${process.env.E2E_DATA_DIR}/chargeback.pdf`;
  writeFileSync(pdfPath, pdf);
  const text = execFileSync("pdftotext", ["-layout", pdfPath, "-"]).toString();
  expect(text).toContain(formatUsd(closed.total_usd));
  expect(text).toContain(closed.closed!.hash);
  if (shots) writeFileSync(`${shots}/chargeback.pdf`, pdf);

  // Settings: the calendar and chargeback tabs render for finance.
  await page.goto("/settings?tab=calendar");
  await expect(page.getByRole("form", { name: "Calendar" })).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/settings-calendar-1440.png` });
  await ctx.close();
});

test("reopening is an admin action; finance gets a 403 and a clear message", async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = waitsForHydration(await ctx.newPage());
  await signIn(page, FINANCE);
  const csrf = (await ctx.cookies()).find((c) => c.name === "tl_csrf")!.value;
  const res = await page.request.post("/api/v1/chargeback/reopen", { data: { period: PERIOD }, headers: { "x-csrf-token": csrf } });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain("admin action");
  const bad = await page.request.put("/api/v1/chargeback/rule", { data: { period: NEXT, rule: "fixed", percentages: { search: "60", platform: "30" } }, headers: { "x-csrf-token": csrf } });
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("sum to exactly 100");
  await ctx.close();
});

test("a month with nothing charged shows no shares: '—', not 0.0% per team and 100.0% in total", async ({ page }) => {
  // Long before the demo's 90 days: the teams exist, nothing was billed.
  const empty = monthKey(new Date(), -12);
  const report = await reportOf(page, empty);
  expect(report.total_usd).toBe("0.00");
  await page.goto(`/chargeback?period=${empty}`);
  await expect(page.getByTestId("report-total")).toHaveText("$0.00");
  const total = page.locator("tr.cb-total");
  await expect(total).toBeVisible();
  await expect(total).not.toContainText("100.0%");
  await expect(page.locator("table").first()).not.toContainText("0.0%");
});

