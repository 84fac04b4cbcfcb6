import { expect, test } from "./fixtures";

const PAGES = ["/overview", "/settings?tab=prices", "/settings?tab=keys", "/explore"];

test("every page satisfies its Content-Security-Policy and cannot be framed", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  for (const path of PAGES) {
    const res = await page.goto(path, { waitUntil: "networkidle" });
    const headers = res!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    await expect(page.locator("h1")).toBeVisible();
  }
  // The app actually ran its scripts under the policy: client-side data loaded on the overview.
  await page.goto("/overview");
  await expect(page.getByTestId("total-spend")).toHaveText(/^\$/);
  expect(violations).toEqual([]);
});

test("API responses carry the headers too", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.headers()["x-frame-options"]).toBe("DENY");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
});

test("client bundles carry no server secrets or server-only code", async ({ page, request }) => {
  const scripts = new Set<string>();
  page.on("response", (r) => {
    if (r.url().endsWith(".js")) scripts.add(r.url());
  });
  for (const path of ["/overview", "/settings?tab=users", "/settings?tab=tokens"]) await page.goto(path, { waitUntil: "networkidle" });
  expect(scripts.size).toBeGreaterThan(3);
  const forbidden = [/passwordHash/, /scrypt\$/, /tla_[A-Za-z0-9_-]{20,}/, /tlk_[A-Za-z0-9_-]{20,}/, /DATABASE_URL/, /CLICKHOUSE_PASSWORD/, /TOKENLEDGER_ADMIN_PASSWORD/, /@clickhouse\/client/, /better-sqlite3/];
  for (const url of scripts) {
    const body = await (await request.get(url)).text();
    for (const pattern of forbidden) expect({ url, leaks: pattern.test(body) }).toEqual({ url, leaks: false });
  }
});
