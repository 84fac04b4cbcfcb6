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
