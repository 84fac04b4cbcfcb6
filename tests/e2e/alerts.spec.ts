import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { AlertDetail, AlertsResponse, EvaluateResponse } from "../../lib/schemas/alerts";
import { expect, signIn, test, waitsForHydration } from "./fixtures";

/**
 * Alerts on the demo: an on-demand evaluation over the last 60 days raises an alert for every incident the
 * demo injects (lib/demo/INCIDENTS.md), on the right metric and scope and overlapping its window; the alert
 * page shows its band and acts (acknowledge, audited); a lead sees only their teams' alerts; the CLI's detect
 * runs beside the server that holds the store.
 */
test.describe.configure({ mode: "serial" });

const EXPECTED = [
  { id: "cancellation-tax", metric: "cancellation_waste", scopeType: "feature", scopeValue: "support-chat" },
  { id: "reasoning-blowup", metric: "reasoning_share", scopeType: "feature", scopeValue: "ticket-triage" },
  { id: "cache-collapse", metric: "cache_hit_rate", scopeType: "feature", scopeValue: "in-app-assistant" },
  { id: "retry-storm", metric: "retry_amplification", scopeType: "service", scopeValue: "rag-api" },
  { id: "runaway-agent", metric: "spend", scopeType: "feature", scopeValue: "coding-agent" },
];
// Besides these, the default rules raise nothing on the demo (tests/integration/alerts-demo.test.ts checks it on 90 days).

const allAlerts = async (api: APIRequestContext) => AlertsResponse.parse(await (await api.get("/api/v1/alerts")).json()).alerts;

test("evaluating on demand raises an alert for every injected demo incident, on its scope and window", async ({ request }) => {
  test.setTimeout(900_000);
  const res = await request.post("/api/v1/alerts/evaluate", { data: { lookback_days: 60 }, timeout: 880_000 });
  expect(res.status(), await res.text()).toBe(200);
  const summary = EvaluateResponse.parse(await res.json());
  console.log(`evaluation: ${JSON.stringify(summary)}`);
  const alerts = await allAlerts(request);
  // The demo's windows, as the generator placed them: anchored on 00:00 UTC of the server's start day.
  const { demoIncidentWindows } = await import("../../lib/demo/incidents");
  const windows = demoIncidentWindows(new Date());
  for (const e of EXPECTED) {
    const w = windows.find((x) => x.id === e.id)!;
    // The earliest alert overlapping the window (a long incident may be more than one alert).
    const hit = alerts
      .filter((a) => a.metric === e.metric && a.scopeType === e.scopeType && a.scopeValue === e.scopeValue && a.windowStart < w.end && a.windowEnd > w.start)
      .sort((a, b) => a.windowStart.localeCompare(b.windowStart))[0];
    expect(hit, `${e.id}: no ${e.metric} alert on ${e.scopeType}=${e.scopeValue} in ${w.start} – ${w.end}`).toBeTruthy();
    // The alert starts inside the incident (not a pre-existing alert that merely overlaps it). How late it
    // starts is printed: the cancellation tax, for one, is only flagged once its waste has built up.
    expect(Date.parse(hit!.windowStart), e.id).toBeGreaterThanOrEqual(Date.parse(w.start) - 2 * 3_600_000);
    console.log(`${e.id}: alert starts ${((Date.parse(hit!.windowStart) - Date.parse(w.start)) / 3_600_000).toFixed(1)} h after the incident`);
  }
  // Evaluating again changes nothing: an ongoing incident is one alert that updates, never a second one.
  const again = EvaluateResponse.parse(await (await request.post("/api/v1/alerts/evaluate", { data: { lookback_days: 7 }, timeout: 600_000 })).json());
  expect(again.created).toBe(0);
});

test("the retry storm's alert page: band chart, explanation state, links, acknowledge (audited)", async ({ page, request }) => {
  test.setTimeout(120_000);
  const storm = (await allAlerts(request)).find((a) => a.metric === "retry_amplification" && a.scopeValue === "rag-api")!;
  const detail = AlertDetail.parse(await (await request.get(`/api/v1/alerts/${storm.id}`)).json());
  expect(detail.series.some((p) => p.flagged)).toBe(true);
  expect(detail.series.filter((p) => p.flagged).every((p) => p.value !== null && p.upper !== null && p.value > p.upper)).toBe(true);

  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/alerts");
  await expect(page.getByRole("link", { name: "Retry amplification" }).first()).toBeVisible();
  await page.screenshot({ path: "tests/e2e/screenshots/alerts-list-1440.png", fullPage: true });
  await page.goto(`/alerts/${storm.id}`);
  await expect(page.getByRole("heading", { name: /Retry amplification anomaly/ })).toBeVisible();
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  // The change endpoint is another branch's: either its drivers or the fallback, never a broken page.
  await expect(page.getByText(/Explanation not available|Driver/).first()).toBeVisible({ timeout: 30_000 });
  const explore = await page.getByRole("link", { name: "Open in Explore" }).getAttribute("href");
  expect(explore).toContain("service=rag-api");
  expect(explore).toContain("bucket=hour");
  expect(explore).toContain(`from=${storm.windowStart.slice(0, 10)}`);
  // augurs' annotations: what kind of incident, which teams are off (each sibling opens Explore on itself).
  await expect(page.getByTestId("incident-kind")).toContainText(detail.alert.incidentKind === "level_shift" ? "Level shift" : "Spike");
  if (detail.alert.outliers?.values.length) {
    const sib = page.getByTestId("outlying-siblings").getByRole("link", { name: detail.alert.outliers.values[0], exact: true });
    expect(await sib.getAttribute("href")).toContain(`team=${detail.alert.outliers.values[0]}`);
  }
  await page.screenshot({ path: "tests/e2e/screenshots/alert-detail-1440.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.reload();
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await page.screenshot({ path: "tests/e2e/screenshots/alert-detail-390.png", fullPage: true });

  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.locator(".badge").first()).toHaveText("Acknowledged");
  const after = AlertDetail.parse(await (await request.get(`/api/v1/alerts/${storm.id}`)).json());
  expect(after.alert.status).toBe("acknowledged");
  expect(after.alert.acknowledgedBy).toContain("admin@e2e.test");
  const audit = (await (await request.get("/api/v1/audit?limit=50")).json()) as { entries: { action: string; entityId: string }[] };
  expect(audit.entries.some((e) => e.action === "alert.ack" && e.entityId === storm.id)).toBe(true);

  await page.goto("/alerts");
  await expect(page.getByRole("link", { name: "Retry amplification" }).first()).toBeVisible();
  await page.screenshot({ path: "tests/e2e/screenshots/alerts-list-390.png", fullPage: true });
  await page.getByRole("tab", { name: "Rules" }).click();
  await expect(page.getByText("Retry amplification per service")).toBeVisible();
  await page.screenshot({ path: "tests/e2e/screenshots/alert-rules-390.png", fullPage: true });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.getByRole("tab", { name: "Channels" }).click();
  await expect(page.getByText("SMTP server")).toBeVisible();
  await page.screenshot({ path: "tests/e2e/screenshots/alert-channels-1440.png", fullPage: true });
});

test("the cache collapse's alert page: a level shift from what to what since when, and the outlying customers", async ({ page, request }) => {
  test.setTimeout(120_000);
  const cache = (await allAlerts(request)).filter((a) => a.metric === "cache_hit_rate" && a.scopeValue === "in-app-assistant").sort((a, b) => a.windowStart.localeCompare(b.windowStart))[0];
  expect(cache, "no cache-hit-rate alert on in-app-assistant").toBeTruthy();
  console.log(`cache collapse: ${cache.kindSummary} | ${cache.outliersSummary}`);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/alerts?status=all");
  await expect(page.locator(".badge-kind-level_shift, .badge-kind-spike").first()).toBeVisible();
  await page.goto(`/alerts/${cache.id}`);
  await expect(page.getByRole("heading", { name: /Cache hit rate anomaly/ })).toBeVisible();
  await expect(page.getByTestId("incident-kind")).toBeVisible();
  await expect(page.getByTestId("outlying-siblings")).toBeVisible();
  await page.screenshot({ path: "tests/e2e/screenshots/alert-annotations-1440.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.reload();
  await expect(page.getByTestId("incident-kind")).toBeVisible();
  await page.screenshot({ path: "tests/e2e/screenshots/alert-annotations-390.png", fullPage: true });
});

test("a costly-request alert lists its requests, each one click from its trace", async ({ page, request }) => {
  test.setTimeout(120_000);
  const costly = (await allAlerts(request)).find((a) => a.metric === "request_outlier" && a.scopeValue === "ticket-triage");
  expect(costly, "no costly-request alert on ticket-triage").toBeTruthy();
  const detail = AlertDetail.parse(await (await request.get(`/api/v1/alerts/${costly!.id}`)).json());
  expect(detail.requests.length).toBeGreaterThan(0);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/alerts/${costly!.id}`);
  await expect(page.getByRole("heading", { name: /Costly requests anomaly/ })).toBeVisible();
  const link = page.getByRole("table").filter({ hasText: "Usual" }).getByRole("link").first();
  await expect(link).toBeVisible();
  expect(await link.getAttribute("href")).toBe(`/traces/${encodeURIComponent(detail.requests[0].trace_id)}`);
  await page.screenshot({ path: "tests/e2e/screenshots/alert-costly-request-1440.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.reload();
  await expect(page.getByRole("heading", { name: /Costly requests anomaly/ })).toBeVisible();
  await page.screenshot({ path: "tests/e2e/screenshots/alert-costly-request-390.png", fullPage: true });
  await link.click();
  await expect(page).toHaveURL(/\/traces\//);
});

test("a lead sees only alerts of their team; bad input gets a 400 naming the field", async ({ browser, request }) => {
  const lead = { email: `alerts-lead-${Date.now()}@e2e.test`, password: "lead-password-123" };
  expect((await request.post("/api/v1/users", { data: { ...lead, role: "lead", teams: ["search"] } })).status()).toBe(200);
  const ctx = await browser.newContext();
  const p = waitsForHydration(await ctx.newPage());
  await signIn(p, lead);
  const mine = await allAlerts(p.request);
  expect(mine.length).toBeGreaterThan(0);
  expect(mine.every((a) => a.team === "search")).toBe(true);
  const other = (await allAlerts(request)).find((a) => a.team !== "search")!;
  expect((await p.request.get(`/api/v1/alerts/${other.id}`)).status()).toBe(404);
  await ctx.close();

  const bad = await request.post("/api/v1/alert-rules", { data: { name: "x", metric: "spend", minImpactUsd: "-3" } });
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("minImpactUsd");
  expect((await request.get("/api/v1/alerts?status=burning")).status()).toBe(400);
  const anomalies = await request.get(`/api/v1/anomalies?from=${new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}&tz=Europe/Paris`);
  expect(anomalies.status()).toBe(200);
  expect(((await anomalies.json()) as { anomalies: unknown[] }).anomalies.length).toBeGreaterThan(4);
});

test("cli detect runs beside the server that holds the store", () => {
  const out = spawnSync(process.execPath, ["--import", "tsx", "bin/cli.ts", "detect"], {
    env: { ...process.env, TOKENLEDGER_DATA_DIR: process.env.E2E_DATA_DIR },
    input: readFileSync("tests/fixtures/nab-nyc-taxi-hourly.csv", "utf8"),
    encoding: "utf8",
    timeout: 180_000,
  });
  expect(out.status, out.stderr).toBe(0);
  expect((JSON.parse(out.stdout) as unknown[]).length).toBeGreaterThan(0);
});
