import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

/**
 * The budget decision API's fast path (lib/api/budget-check-http.ts, served by bin/serve.ts ahead of Next) over
 * real HTTP on a real store: the same answers and errors as the Next route, and the ingest-key cache's bounded
 * revocation (a key revoked by another process, i.e. behind this process's back, stops working).
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { createIngestKey, verifyIngestKey } = await import("@/lib/db/ingest-keys");
const { insertBudget } = await import("@/lib/db/budgets");
const { db } = await import("@/lib/db/prisma");
const { isBudgetCheck, serveBudgetCheck } = await import("@/lib/api/budget-check-http");
const checkRoute = await import("@/app/api/v1/budgets/check/route");

let server: http.Server;
let base = "";
let secret = "";
const thresholds = JSON.stringify([{ percent: 80, action: "notify" }, { percent: 100, action: "require_approval" }, { percent: 120, action: "block" }]);

const post = async (body: string, headers: Record<string, string> = { authorization: `Bearer ${secret}` }, path = "/api/v1/budgets/check") => {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; issues?: unknown } } };
};
/** Revokes a key the way another process would: in the database, without touching this process's cache. */
const revokeBehindTheBack = async (id: string) => (await db()).ingestKey.update({ where: { id }, data: { revokedAt: new Date() } });

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams([{ slug: "search", name: "Search" }]);
  secret = (await createIngestKey({ name: "gateway", teamSlug: "search", rateLimitPerMinute: 100_000 })).secret;
  await insertBudget({ name: "Search", scopeType: "team", scopeValue: "search", team: "search", period: "month", amountUsd: "10", customFrom: null, customTo: null, thresholds }, "test");
  server = http.createServer((req, res) => {
    if (isBudgetCheck(req)) return void serveBudgetCheck(req, res);
    res.writeHead(404).end("{}");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.close();
  await store.cleanup();
});

describe("budget check fast path", () => {
  it("answers like the Next route, with the key's team as the default", async () => {
    const body = JSON.stringify({ estimated_cost_usd: "8" });
    const fast = await post(body);
    expect(fast.status).toBe(200);
    expect(fast.headers.get("content-type")).toBe("application/json");
    expect(fast.headers.get("x-content-type-options")).toBe("nosniff");
    expect(fast.body).toMatchObject({ decision: "warn", estimated_cost_usd: "8", budgets: [{ scope: "team:search", remaining_usd: "10", threshold: { percent: 80, action: "notify" } }] });
    const viaNext = await checkRoute.POST(new Request("http://test/api/v1/budgets/check", { method: "POST", headers: { authorization: `Bearer ${secret}` }, body }));
    expect(await viaNext.json()).toEqual(fast.body);
    expect((await post(JSON.stringify({ estimated_cost_usd: "12.01" }))).body.decision).toBe("deny");
    expect((await post(JSON.stringify({ estimated_cost_usd: "1" }), undefined, "/api/v1/budgets/check?x=1")).body.decision).toBe("allow");
  });

  it("refuses bad requests with the API's error shape and a specific message", async () => {
    const missing = await post("{}", {});
    expect([missing.status, missing.body.error?.code]).toEqual([401, "unauthorized"]);
    expect((await post("{}", { authorization: "Bearer tlk_unknown" })).status).toBe(401);
    const notJson = await post("{nope");
    expect([notJson.status, notJson.body.error?.message]).toEqual([400, "Body must be JSON"]);
    const noCost = await post(JSON.stringify({ team: "search" }));
    expect(noCost.status).toBe(400);
    expect(JSON.stringify(noCost.body.error?.issues)).toContain("estimated_cost_usd");
    const big = await post(JSON.stringify({ estimated_cost_usd: "1", team: "x".repeat(70_000) }));
    expect(big.status).toBe(413);
    const unpriced = await post(JSON.stringify({ model: "no-such-model", input_tokens: 5 }));
    expect([unpriced.status, unpriced.body.error?.code]).toEqual([400, "bad_request"]);
  });

  it("rate-limits per key, sharing the allowance with the Next routes", async () => {
    const limited = await createIngestKey({ name: "tiny", rateLimitPerMinute: 5 }); // a burst of 5
    const auth = { authorization: `Bearer ${limited.secret}` };
    for (let i = 0; i < 3; i++) expect((await post(JSON.stringify({ estimated_cost_usd: "0" }), auth)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const viaNext = await checkRoute.POST(new Request("http://test/x", { method: "POST", headers: auth, body: JSON.stringify({ estimated_cost_usd: "0" }) }));
      expect(viaNext.status).toBe(200);
    }
    const over = await post(JSON.stringify({ estimated_cost_usd: "0" }), auth);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("ingest key cache: a revocation by another process applies within a bounded time", () => {
  it("a key in use: served from the cache while fresh, re-verified in the background after 2 s, then refused", async () => {
    const k = await createIngestKey({ name: "revoked elsewhere" });
    const t0 = Date.now();
    expect((await verifyIngestKey(k.secret, t0))?.id).toBe(k.id);
    await revokeBehindTheBack(k.id);
    expect((await verifyIngestKey(k.secret, t0 + 1_000))?.id).toBe(k.id); // fresh: no lookup
    expect((await verifyIngestKey(k.secret, t0 + 2_500))?.id).toBe(k.id); // stale: answered at once, lookup started
    await new Promise((r) => setTimeout(r, 100));
    expect(await verifyIngestKey(k.secret, t0 + 2_600)).toBeNull();
  });

  it("a key idle past 10 s is looked up before it is accepted", async () => {
    const k = await createIngestKey({ name: "idle" });
    const t0 = Date.now();
    expect((await verifyIngestKey(k.secret, t0))?.id).toBe(k.id);
    await revokeBehindTheBack(k.id);
    expect(await verifyIngestKey(k.secret, t0 + 10_500)).toBeNull();
  });

  it("over HTTP: a revoked key gets 401 once the re-verification has answered", async () => {
    const k = await createIngestKey({ name: "http revoked" });
    const auth = { authorization: `Bearer ${k.secret}` };
    expect((await post(JSON.stringify({ estimated_cost_usd: "0" }), auth)).status).toBe(200);
    await revokeBehindTheBack(k.id);
    // Within 2 s the cached verification stands; keep calling until refused, which must happen soon after 2 s.
    const t0 = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - t0 < 5_000) {
      status = (await post(JSON.stringify({ estimated_cost_usd: "0" }), auth)).status;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
    expect(Date.now() - t0).toBeLessThan(3_500);
  });
});
