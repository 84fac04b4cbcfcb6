/**
 * The HTTP server `npm start` runs: Next.js behind a plain node:http server, only so that route handlers can
 * know the TCP peer's address (Next gives them none, and the X-Forwarded-For it passes on is whatever the
 * client sent). Each request carries the peer in x-tokenledger-peer, after any copy the client sent is
 * removed; sign-in's per-address limit reads it (lib/auth/client-address.ts).
 * It also answers the budget decision API (POST /api/v1/budgets/check) itself, ahead of Next: a gateway calls it
 * before every LLM call, and Next's per-request cost would be most of its latency (lib/api/budget-check-http.ts).
 */
import { createServer } from "node:http";
import next from "next";
import { isBudgetCheck, serveBudgetCheck } from "../lib/api/budget-check-http";
import { PEER_HEADER } from "../lib/auth/client-address";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
// Route handlers believe the header only when this server set it (same process).
process.env.TOKENLEDGER_PEER_HEADER = "on";

const app = next({ dev, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();
const server = createServer((req, res) => {
  if (isBudgetCheck(req)) return void serveBudgetCheck(req, res);
  delete req.headers[PEER_HEADER];
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
server.listen(port, () => console.log(`[tokenledger] listening on http://localhost:${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
