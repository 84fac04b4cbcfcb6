/**
 * The HTTP server `npm start` runs: Next.js behind a plain node:http server, only so that route handlers can
 * know the TCP peer's address (Next gives them none, and the X-Forwarded-For it passes on is whatever the
 * client sent). Each request carries the peer in x-tokenledger-peer, after any copy the client sent is
 * removed; sign-in's per-address limit reads it (lib/auth/client-address.ts).
 *
 * The budget decision API (POST /api/v1/budgets/check) is answered ahead of Next, in a worker thread that owns
 * the public listener (bin/check-worker.ts): a gateway calls it before every LLM call, so neither Next's
 * per-request cost nor this thread's pauses (ingest, dashboard queries, garbage collection of Next's heap)
 * may sit in its latency. Every other request the worker pipes to Next on an internal 127.0.0.1 listener with
 * the peer header and a per-process secret that says the header is the worker's (bin/serve-proxy.ts); this
 * thread feeds the worker the budget state and key verifications (bin/check-feed.ts); rate-limit buckets are
 * shared memory, so a key's allowance is one allowance across both threads.
 * TOKENLEDGER_CHECK_WORKER=off serves everything from this thread instead (the decision from this thread's state).
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Worker } from "node:worker_threads";
import next from "next";
import { isBudgetCheck, serveBudgetCheck } from "../lib/api/budget-check-http";
import { PEER_HEADER } from "../lib/auth/client-address";
import { shareRateLimits } from "../lib/ingest/rate-limit";
import { feedCheckWorker } from "./check-feed";
import type { FromWorker, WorkerData } from "./check-worker";
import { PROXY_SECRET_HEADER } from "./serve-proxy";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const useWorker = process.env.TOKENLEDGER_CHECK_WORKER !== "off";
// Route handlers believe the header only when this server set it (same process).
process.env.TOKENLEDGER_PEER_HEADER = "on";

const app = next({ dev, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const setPeer = (req: IncomingMessage) => {
  delete req.headers[PEER_HEADER];
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
};
const closers: (() => Promise<void>)[] = [];
/**
 * Next takes upgraded sockets (its own listener, added at the first request) but leaves one half-open when the
 * client ends it, which held shutdown open (over 30 s after one upgrade request): close it when the client ends
 * it; the returned set is destroyed at shutdown.
 */
function trackUpgrades(server: ReturnType<typeof createServer>): Set<Duplex> {
  const upgraded = new Set<Duplex>();
  server.on("upgrade", (_req, socket: Duplex) => {
    upgraded.add(socket);
    socket.on("end", () => socket.destroy());
    socket.on("close", () => upgraded.delete(socket));
  });
  return upgraded;
}
const closed = (s: ReturnType<typeof createServer>) => new Promise<void>((r) => s.close(() => r()));

if (!useWorker) {
  const server = createServer((req, res) => {
    if (isBudgetCheck(req)) return void serveBudgetCheck(req, res);
    setPeer(req);
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000; // as the worker's listener (check-worker.ts)
  server.headersTimeout = 66_000;
  const upgraded = trackUpgrades(server);
  server.listen(port, () => console.log(`[tokenledger] listening on http://localhost:${port}`));
  closers.push(() => {
    for (const s of upgraded) s.destroy();
    return closed(server);
  });
} else {
  const secret = randomBytes(24).toString("hex");
  const secretBuf = Buffer.from(secret);
  const fromWorker = (value: string | string[] | undefined) => typeof value === "string" && value.length === secret.length && timingSafeEqual(Buffer.from(value), secretBuf);
  // Loopback only. A request that did not come through the worker (another local process) gets its own peer.
  const internal = createServer((req, res) => {
    const proxied = fromWorker(req.headers[PROXY_SECRET_HEADER]);
    delete req.headers[PROXY_SECRET_HEADER];
    if (!proxied) setPeer(req);
    void handle(req, res);
  });
  internal.keepAliveTimeout = 65_000; // longer than the worker's pooled connections stay idle (serve-proxy.ts)
  const upgraded = trackUpgrades(internal);
  await new Promise<void>((r) => internal.listen(0, "127.0.0.1", r));
  const upstream = { port: (internal.address() as { port: number }).port, secret };

  const rateLimits = shareRateLimits(); // before any request: checks and Next's routes take from the same buckets
  const worker = new Worker(new URL("./check-worker-boot.mjs", import.meta.url), { workerData: { port, upstream, rateLimits } satisfies WorkerData });
  const stopFeed = feedCheckWorker(worker);
  let stopping = false;
  worker.on("message", (m: FromWorker) => {
    if (m.type === "listening") console.log(`[tokenledger] listening on http://localhost:${port}`);
  });
  // Without its worker the server has no public listener: exit so that a supervisor restarts it.
  worker.on("error", (err) => console.error("[tokenledger] the decision worker failed", err));
  worker.on("exit", (code) => {
    if (stopping) return;
    console.error(`[tokenledger] the decision worker exited (${code}); stopping`);
    process.exit(1);
  });
  closers.push(async () => {
    stopping = true;
    await new Promise<void>((resolve) => {
      worker.on("message", (m: FromWorker) => m.type === "closed" && resolve());
      worker.postMessage({ type: "close" });
    });
    stopFeed();
    await worker.terminate();
    for (const s of upgraded) s.destroy();
    await closed(internal);
  });
}

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    // In-flight requests finish; a connection that stays open longer does not hold the exit past 10 s.
    setTimeout(() => process.exit(0), 10_000).unref();
    void Promise.all(closers.map((c) => c())).then(() => process.exit(0));
  });
}
