/**
 * The budget-check benchmark's "handler" target: the budget check as bin/serve.ts answers it (lib/api/budget-check-http.ts)
 * and the ingest route handler, under a bare node:http server over a seeded data dir, without Next.js booted
 * beside them (no background jobs, no framework). Beside the real `npm start` target it shows what the rest
 * of the server costs. Prints its port. BENCH_TRACE=1 logs event-loop stalls over 10 ms to stderr.
 * Run: tsx bench/budget-check-handler.ts DIR
 */
import http from "node:http";
import path from "node:path";

const dir = process.argv[2];
process.env.TOKENLEDGER_DATA_DIR = dir;
process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
delete process.env.CLICKHOUSE_URL;
const { isBudgetCheck, serveBudgetCheck } = await import("../lib/api/budget-check-http");
const ingest = (await import("../app/api/v1/events/route")).POST;
const { refreshBudgetState } = await import("../lib/budgets/check-state");
await refreshBudgetState();

if (process.env.BENCH_TRACE) {
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 15) console.error(`[handler] event loop stalled ${(now - last - 5).toFixed(1)} ms at ${new Date().toISOString()}`);
    last = now;
  }, 5).unref();
}

const server = http.createServer((req, res) => {
  if (isBudgetCheck(req)) return void serveBudgetCheck(req, res);
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
    const response = await ingest(request);
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { "content-type": "application/json", "content-length": body.length });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => console.log((server.address() as { port: number }).port));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
