/**
 * The decision worker of bin/serve.ts: a worker thread that owns the public listener. It answers
 * POST /api/v1/budgets/check from its copy of the budget state (lib/budgets/check-mirror.ts) and pipes every other
 * request to Next.js in the main thread (serve-proxy.ts). Why a thread: in one event loop, each ingest batch
 * (JSON parse, validation, row serialisation, the store insert's JS side), each dashboard query's result parsing
 * and each garbage collection of Next's large heap held every decision queued behind it for tens of ms
 * (README, "Budget decision API"). Here a decision waits only for this thread's small heap and its own work.
 * The main thread owns the stores: it sends state changes and answers key verifications; nothing here imports
 * Prisma or chDB.
 */
import { createServer } from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import { budgetCheckHandler, isBudgetCheck } from "../lib/api/budget-check-handler";
import { authenticateWith, type IngestCaller } from "../lib/api/ingest-credential";
import { CheckMirror } from "../lib/budgets/check-mirror";
import type { BudgetStateChange } from "../lib/budgets/check-state";
import { decideCall } from "../lib/budgets/decide";
import { shareRateLimits } from "../lib/ingest/rate-limit";
import { closeTunnels, proxyRequest, proxyUpgrade, type Upstream } from "./serve-proxy";

/** rateLimits: the main thread's shared rate-limit buckets (lib/ingest/rate-limit.ts), so a key has one allowance. */
export type WorkerData = { port: number; upstream: Upstream; rateLimits: SharedArrayBuffer };
/** Main → worker. */
export type ToWorker = { type: "state"; change: BudgetStateChange } | { type: "verified"; id: number; key: IngestCaller | null; error?: string } | { type: "keys-changed" } | { type: "load-failed"; message: string } | { type: "close" };
/** Worker → main. */
export type FromWorker = { type: "listening" } | { type: "fresh"; now: number } | { type: "verify"; id: number; secret: string } | { type: "closed" };

// Same freshness as the main thread's key cache (lib/db/ingest-keys.ts): a verified key is used as is for
// KEY_FRESH_MS, then re-verified in the background while still used, up to KEY_MAX_STALE_MS. The main thread
// answers from the store, not from its own cache, so the bounds do not add up.
const KEY_FRESH_MS = 2_000;
const KEY_MAX_STALE_MS = 10_000;

const port = parentPort!;
const { port: listenPort, upstream, rateLimits } = workerData as WorkerData;
shareRateLimits(rateLimits);
const send = (m: FromWorker) => port.postMessage(m);

const mirror = new CheckMirror((now) => send({ type: "fresh", now }));

type Cached = { key: IngestCaller; verifiedAt: number; refreshing: boolean };
const keys = new Map<string, Cached>();
const pending = new Map<number, { resolve: (k: IngestCaller | null) => void; reject: (e: Error) => void }>();
let nextId = 0;
let revokes = 0; // a key revoked while a verification was in flight: its answer is used once, not remembered

function askMain(secret: string): Promise<IngestCaller | null> {
  const id = ++nextId;
  const seen = revokes;
  return new Promise<IngestCaller | null>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send({ type: "verify", id, secret });
  }).then((key) => {
    if (!key) keys.delete(secret);
    else if (seen === revokes) {
      if (keys.size > 1000) keys.clear();
      keys.set(secret, { key, verifiedAt: Date.now(), refreshing: false });
    }
    return key;
  });
}

async function verify(secret: string): Promise<IngestCaller | null> {
  const hit = keys.get(secret);
  const age = hit ? Date.now() - hit.verifiedAt : Infinity;
  if (hit && age < KEY_FRESH_MS) return hit.key;
  if (hit && age < KEY_MAX_STALE_MS) {
    if (!hit.refreshing) {
      hit.refreshing = true;
      askMain(secret).catch(() => (hit.refreshing = false)); // the next request tries again
    }
    return hit.key;
  }
  return askMain(secret);
}

const answerCheck = budgetCheckHandler({
  authenticate: (authorization) => authenticateWith(authorization, verify),
  decide: async (req, caller) => {
    const now = new Date();
    return decideCall(req, caller, await mirror.current(now.getTime()), now);
  },
});

port.on("message", (m: ToWorker) => {
  if (m.type === "state") mirror.apply(m.change);
  else if (m.type === "load-failed") mirror.fail(m.message);
  else if (m.type === "keys-changed") {
    revokes++;
    keys.clear();
  }
  else if (m.type === "verified") {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p?.reject(new Error(m.error));
    else p?.resolve(m.key);
  } else if (m.type === "close") {
    // Stop accepting; idle keep-alive connections close now, busy ones when their answer is sent.
    server.close(() => send({ type: "closed" }));
    server.closeIdleConnections();
    closeTunnels();
  }
});

const server = createServer((req, res) => {
  if (isBudgetCheck(req)) return void answerCheck(req, res);
  proxyRequest(req, res, upstream);
});
server.on("upgrade", (req, socket, head: Buffer) => proxyUpgrade(req, socket, head, upstream));
// Longer than any client's idle timeout: a client must never send on a connection the server is closing
// (a request lost that way answers nothing). Node's default is 5 s.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(listenPort, () => send({ type: "listening" }));
