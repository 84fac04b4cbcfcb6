import http from "node:http";
import net from "node:net";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * The server's decision worker (bin/check-worker.ts) as bin/serve.ts runs it: a real worker thread owning a
 * listener, fed by this thread over a real store (bin/check-feed.ts). Its answers must equal the in-process
 * decision's at every step: spend added by ingest, a budget edit, a calendar change, a revoked key; and every
 * other request must reach the application server streamed, with the peer header set by the worker only.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { createIngestKey, revokeIngestKey } = await import("@/lib/db/ingest-keys");
const { insertBudget } = await import("@/lib/db/budgets");
const { updateOrgSettings } = await import("@/lib/admin/org-settings");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { notifyBudgetsChanged, refreshBudgetState } = await import("@/lib/budgets/check-state");
const { checkBudgets } = await import("@/lib/budgets/check");
const { feedCheckWorker } = await import("../../bin/check-feed");
const { PEER_HEADER } = await import("@/lib/auth/client-address");
const { PROXY_SECRET_HEADER } = await import("../../bin/serve-proxy");
const { shareRateLimits } = await import("@/lib/ingest/rate-limit");
const { authenticateIngest } = await import("@/lib/api/ingest-auth");

const thresholds = JSON.stringify([{ percent: 80, action: "notify" }, { percent: 100, action: "require_approval" }, { percent: 120, action: "block" }]);
const SECRET = "test-proxy-secret";
let worker: Worker;
let stopFeed: () => void;
let upstream: http.Server;
let seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let base = "";
let key: { id: string; secret: string };

const check = async (body: object, secret = key.secret) => {
  const res = await fetch(`${base}/api/v1/budgets/check`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const inProcess = (body: object) => checkBudgets(body as Parameters<typeof checkBudgets>[0], { keyId: key.id, defaultTeam: "search" });

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams([{ slug: "search", name: "Search" }]);
  key = await createIngestKey({ name: "gateway", teamSlug: "search", rateLimitPerMinute: 100_000 });
  await insertBudget({ name: "Search", scopeType: "team", scopeValue: "search", team: "search", period: "month", amountUsd: "10", customFrom: null, customTo: null, thresholds }, "test");
  // The application server's stand-in: records what it is sent and streams its answer in two writes.
  upstream = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(207, { "content-type": "text/plain", "x-upstream": "yes" });
      res.write("first ");
      setTimeout(() => res.end("second"), 20);
    });
  });
  upstream.on("upgrade", (req, socket) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers, body: "" });
    socket.write("HTTP/1.1 101 Switching Protocols\r\nupgrade: echo\r\nconnection: upgrade\r\n\r\n");
    socket.on("data", (d: Buffer) => socket.write(d));
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  const port = await new Promise<number>((r) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => r(p));
    });
  });
  worker = new Worker(path.resolve("bin/check-worker-boot.mjs"), {
    workerData: { port, upstream: { port: (upstream.address() as net.AddressInfo).port, secret: SECRET }, rateLimits: shareRateLimits() },
  });
  const listening = new Promise<void>((resolve, reject) => {
    worker.on("message", (m: { type: string }) => m.type === "listening" && resolve());
    worker.on("error", reject);
  });
  stopFeed = feedCheckWorker(worker);
  await listening;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  stopFeed?.();
  await worker?.terminate();
  upstream?.close();
  await store.cleanup();
});

describe("decisions from the worker's copy of the state", () => {
  it("answer as the in-process decision does", async () => {
    const body = { estimated_cost_usd: "8.5" };
    const r = await check(body);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ decision: "warn", budgets: [{ scope: "team:search", remaining_usd: "10" }] });
    expect(r.body).toEqual(await inProcess(body));
  });

  it("see spend added by ingest as it happens", async () => {
    await refreshBudgetState(); // hooked and loaded: from now on ingest adds spend without a reload
    // gpt-4.1 input is $2 per million tokens: 1,000,000 tokens cost $2.
    const r = await ingestEvents([makeUsageEvent({ team: "search", timestamp: new Date().toISOString(), input_tokens: 1_000_000, output_tokens: 0 })], { source: { keyId: key.id, defaultTeam: "search" } });
    expect(r.rejected).toEqual([]);
    await expect.poll(async () => (await check({ estimated_cost_usd: "0" })).body.budgets, { timeout: 2_000 }).toMatchObject([{ remaining_usd: "8" }]);
    expect((await check({ estimated_cost_usd: "0" })).body).toEqual(await inProcess({ estimated_cost_usd: "0" }));
  });

  it("include a budget created a moment ago (an edit makes the copy wrong until reloaded)", async () => {
    await insertBudget({ name: "Search tiny", scopeType: "team", scopeValue: "search", team: "search", period: "week", amountUsd: "1", customFrom: null, customTo: null, thresholds }, "test");
    notifyBudgetsChanged();
    const r = await check({ estimated_cost_usd: "0" });
    expect((r.body.budgets as { name: string }[]).map((b) => b.name).sort()).toEqual(["Search", "Search tiny"]);
    expect((await check({ estimated_cost_usd: "1.5" })).body.decision).toBe("deny");
  });

  it("move period edges at once when the organisation's time zone changes", async () => {
    // An event just inside this UTC month; New York's month starts 4-5 h later, so there it is outside
    // (early in a UTC month, New York is still in the previous one: then the event is just before the UTC
    // month, inside Tokyo's, which starts 9 h earlier).
    const now = new Date();
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const early = now.getTime() - monthStart < 86_400_000;
    const ts = new Date(early ? monthStart - 30 * 60_000 : monthStart + 30 * 60_000).toISOString();
    const zone = early ? "Asia/Tokyo" : "America/New_York";
    await ingestEvents([makeUsageEvent({ team: "search", timestamp: ts, input_tokens: 500_000, output_tokens: 0 })], { source: { keyId: key.id, defaultTeam: "search" } }); // $1
    await refreshBudgetState();
    const before = (await check({ estimated_cost_usd: "0" })).body;
    await updateOrgSettings({ timeZone: zone }, "test");
    const after = (await check({ estimated_cost_usd: "0" })).body;
    const remaining = (b: Record<string, unknown>) => (b.budgets as { name: string; remaining_usd: string }[]).find((x) => x.name === "Search")!.remaining_usd;
    expect(Number(remaining(after)) - Number(remaining(before))).toBe(early ? -1 : 1);
    expect(after).toEqual(await inProcess({ estimated_cost_usd: "0" }));
    await updateOrgSettings({ timeZone: "UTC" }, "test");
  });

  it("refuse a key revoked in this process at once", async () => {
    const k = await createIngestKey({ name: "soon revoked", teamSlug: "search" });
    expect((await check({ estimated_cost_usd: "0" }, k.secret)).status).toBe(200);
    await revokeIngestKey(k.id);
    expect((await check({ estimated_cost_usd: "0" }, k.secret)).status).toBe(401);
    expect((await check({ estimated_cost_usd: "0" }, "tlk_nope")).status).toBe(401);
  });
});

describe("rate limits", () => {
  it("a key's allowance is shared by the worker's checks and this thread's routes", async () => {
    const tiny = await createIngestKey({ name: "tiny", rateLimitPerMinute: 5 }); // a burst of 5
    for (let i = 0; i < 3; i++) expect((await check({ estimated_cost_usd: "0" }, tiny.secret)).status).toBe(200);
    for (let i = 0; i < 2; i++) await authenticateIngest(`Bearer ${tiny.secret}`); // as ingest or the Next route
    const over = await check({ estimated_cost_usd: "0" }, tiny.secret);
    expect([over.status, (over.body.error as { code: string }).code]).toEqual([429, "rate_limited"]);
    await expect(authenticateIngest(`Bearer ${tiny.secret}`)).rejects.toThrow(/limited to 5 requests per minute/);
  });
});

describe("every other request goes to the application server", () => {
  it("streamed both ways, with the worker's peer header and the secret, the client's copy dropped", async () => {
    seen = [];
    const res = await fetch(`${base}/api/v1/events?x=1`, { method: "POST", headers: { [PEER_HEADER]: "6.6.6.6", "content-type": "application/json" }, body: "[1,2,3]" });
    expect(res.status).toBe(207);
    expect(res.headers.get("x-upstream")).toBe("yes");
    expect(await res.text()).toBe("first second");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "POST", url: "/api/v1/events?x=1", body: "[1,2,3]" });
    expect(["127.0.0.1", "::ffff:127.0.0.1"]).toContain(seen[0].headers[PEER_HEADER]); // the listener is dual-stack
    expect(seen[0].headers[PROXY_SECRET_HEADER]).toBe(SECRET);
  });

  it("a GET of the check path is not a decision", async () => {
    seen = [];
    expect((await fetch(`${base}/api/v1/budgets/check`)).status).toBe(207);
    expect(seen[0]?.method).toBe("GET");
  });

  it("upgrades are piped raw (next dev's hot reload socket)", async () => {
    const socket = net.connect(Number(new URL(base).port), "127.0.0.1");
    socket.write("GET /_next/webpack-hmr HTTP/1.1\r\nhost: x\r\nconnection: upgrade\r\nupgrade: echo\r\n\r\n");
    let got = "";
    socket.on("data", (d: Buffer) => {
      got += d.toString();
      if (got.includes("\r\n\r\n") && !got.includes("ping")) socket.write("ping");
    });
    await expect.poll(() => got, { timeout: 2_000 }).toContain("ping");
    expect(got.startsWith("HTTP/1.1 101")).toBe(true);
    socket.destroy();
  });

  it("closes cleanly when asked (graceful shutdown)", async () => {
    const closed = new Promise<void>((resolve) => worker.on("message", (m: { type: string }) => m.type === "closed" && resolve()));
    worker.postMessage({ type: "close" });
    await closed;
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
  });
});
