import { spawnSync } from "node:child_process";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { SummaryResponse } from "../../lib/schemas/summary";

/**
 * Shared e2e fixtures. The server starts with a first admin from TOKENLEDGER_ADMIN_EMAIL/PASSWORD
 * (playwright.config.ts). `request` carries an admin API token (made once with the CLI, as an operator
 * would); `page` is signed in as that admin. Role tests sign in other users themselves.
 */
export const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-1" };

/** Runs the CLI against the e2e server's data directory (works while the server holds the store). */
export function cli(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "bin/cli.ts", ...args], {
    env: { ...process.env, TOKENLEDGER_DATA_DIR: process.env.E2E_DATA_DIR },
    encoding: "utf8",
    timeout: 120_000,
  });
}

let adminToken: string | undefined;
function getAdminToken(): string {
  if (!adminToken) {
    const out = cli("tokens", "create", "--name", "e2e-admin", "--role", "admin");
    if (out.status !== 0) throw new Error(`tokens create failed: ${out.stderr}`);
    adminToken = out.stdout.trim().split(/\s+/).pop()!;
  }
  return adminToken;
}

/** Signs a browser context in through the API (the cookies land in the page's context). */
export async function signIn(page: Page, creds: { email: string; password: string }): Promise<void> {
  const res = await page.request.post("/api/v1/auth/login", { data: creds });
  expect(res.status(), await res.text()).toBe(200);
}

/**
 * A full page load returns once React has hydrated the page (components/hydration-mark.tsx): a click on a
 * server-rendered but not yet hydrated button does nothing, which made preset clicks flaky under CI load.
 */
export function waitsForHydration(page: Page): Page {
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  const hydrated = () => page.locator("html[data-hydrated]").waitFor({ state: "attached", timeout: 60_000 });
  page.goto = async (...args) => { const res = await goto(...args); await hydrated(); return res; };
  page.reload = async (...args) => { const res = await reload(...args); await hydrated(); return res; };
  return page;
}

export const test = base.extend<{ request: APIRequestContext; anonymousPage: Page }>({
  request: async ({ playwright, baseURL }, use) => {
    const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${getAdminToken()}` } });
    await use(ctx);
    await ctx.dispose();
  },
  page: async ({ page }, use) => {
    await signIn(page, ADMIN);
    await use(waitsForHydration(page));
  },
  anonymousPage: async ({ browser }, use) => {
    const context = await browser.newContext();
    await use(waitsForHydration(await context.newPage()));
    await context.close();
  },
});

/**
 * The groups the explorer's table lists for a summary query: those of the period, then those that had usage
 * in the period of the same length before it and none now (shown at zero).
 */
export async function explorerGroups(request: APIRequestContext, query: string): Promise<{ key: string; key2?: string }[]> {
  const q = new URLSearchParams(query);
  const from = Date.parse(q.get("from")!);
  const len = Date.parse(q.get("to")!) - from;
  const prev = new URLSearchParams(q);
  prev.set("from", new Date(from - len).toISOString().slice(0, 10));
  prev.set("to", q.get("from")!);
  const get = async (p: URLSearchParams) => SummaryResponse.parse(await (await request.get(`/api/v1/summary?${p}`)).json()).groups;
  const [now, before] = await Promise.all([get(q), get(prev)]);
  const id = (g: { key: string; key2?: string }) => JSON.stringify([g.key, g.key2 ?? null]);
  const seen = new Set(now.map(id));
  return [...now, ...before.filter((g) => !seen.has(id(g)))].map((g) => ({ key: g.key, key2: g.key2 }));
}

export { expect };
