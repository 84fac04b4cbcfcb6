/**
 * The budget-check benchmark's "handler" target: the check and ingest route handlers (the same functions
 * Next.js calls) under a bare node:http server over a seeded data dir, without Next.js around them. Beside the
 * real `npm start` target it shows how much of the latency is the framework's. Prints its port.
 * Run: tsx bench/budget-check-handler.ts DIR
 */
import http from "node:http";
import path from "node:path";

const dir = process.argv[2];
process.env.TOKENLEDGER_DATA_DIR = dir;
process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
delete process.env.CLICKHOUSE_URL;
const check = (await import("../app/api/v1/budgets/check/route")).POST;
const ingest = (await import("../app/api/v1/events/route")).POST;
const { refreshBudgetState } = await import("../lib/budgets/check-state");
await refreshBudgetState();

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const handler = req.url === "/api/v1/events" ? ingest : check;
    const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
    const response = await handler(request);
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { "content-type": "application/json", "content-length": body.length });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => console.log((server.address() as { port: number }).port));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
