/**
 * Budget decision API benchmark: POST /api/v1/budgets/check over real HTTP on loopback, open loop at
 * BENCH_RATE requests/s (default 500) for BENCH_SECONDS (default 10). The server is a child process running
 * the route handler under node:http over a temp store (chDB + SQLite) with 40 budgets and a month of
 * events; latency is measured from each request's scheduled send time (no coordinated omission).
 * Writes bench/results/budget-check-latest.json. Run: npx tsx bench/budget-check.ts
 */
import { execFileSync, fork } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TEAMS = ["platform", "search", "growth", "support-ai"];

async function serve(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tokenledger-bench-budget-"));
  process.env.TOKENLEDGER_DATA_DIR = dir;
  process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
  delete process.env.CLICKHOUSE_URL;
  execFileSync(path.join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env: process.env, stdio: "pipe" });
  const { migrate } = await import("../lib/clickhouse/migrate");
  const { seedPricesIfEmpty } = await import("../lib/db/price-book");
  const { ensureTeams } = await import("../lib/db/teams");
  const { createIngestKey } = await import("../lib/db/ingest-keys");
  const { insertBudget } = await import("../lib/db/budgets");
  const { ingestEvents } = await import("../lib/ingest/ingest-events");
  const { refreshBudgetState } = await import("../lib/budgets/check-state");
  const { POST } = await import("../app/api/v1/budgets/check/route");
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams(TEAMS.map((slug) => ({ slug, name: slug })));
  const key = await createIngestKey({ name: "bench gateway", rateLimitPerMinute: 10_000_000 });
  // 40 budgets (per team, per repo, per feature, and the org), sized so that decisions mix allow, warn and deny.
  const thresholds = JSON.stringify([{ percent: 80, action: "notify" }, { percent: 100, action: "require_approval" }, { percent: 120, action: "block" }]);
  const base = { name: "", customFrom: null, customTo: null, thresholds };
  await insertBudget({ ...base, scopeType: "org", scopeValue: "", team: null, period: "month", amountUsd: "150" }, "bench");
  for (const t of TEAMS) await insertBudget({ ...base, scopeType: "team", scopeValue: t, team: t, period: "month", amountUsd: "30" }, "bench");
  for (let i = 0; i < 20; i++) await insertBudget({ ...base, scopeType: "repo", scopeValue: `repo-${i}`, team: TEAMS[i % 4], period: "week", amountUsd: "1.5" }, "bench");
  for (let i = 0; i < 15; i++) await insertBudget({ ...base, scopeType: "feature", scopeValue: `feature-${i}`, team: null, period: "quarter", amountUsd: "8" }, "bench");
  const now = Date.now();
  const events = Array.from({ length: 20_000 }, (_, i) => ({
    event_id: `b${i}`,
    timestamp: new Date(now - (i % (28 * 24)) * 3_600_000 - 60_000).toISOString(),
    provider: "openai",
    model: i % 3 ? "gpt-4o-mini" : "gpt-4.1",
    input_tokens: 2000 + (i % 5000),
    output_tokens: 300,
    team: TEAMS[i % 4],
    repo: `repo-${i % 20}`,
    feature: `feature-${i % 15}`,
  }));
  for (let i = 0; i < events.length; i += 5000) await ingestEvents(events.slice(i, i + 5000), { source: { keyId: key.id, defaultTeam: null } });
  await refreshBudgetState();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
      const response = await POST(request);
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(await response.text());
    });
  });
  server.listen(0, "127.0.0.1", () => {
    const port = (server.address() as { port: number }).port;
    process.send?.({ port, secret: key.secret });
  });
  process.on("message", (m) => {
    if (m === "stop") server.close(() => rmSync(dir, { recursive: true, force: true }) ?? process.exit(0));
  });
}

function body(i: number): string {
  const t = TEAMS[i % 4];
  return JSON.stringify(
    i % 2
      ? { team: t, repo: `repo-${i % 20}`, feature: `feature-${i % 15}`, estimated_cost_usd: "0.25" }
      : { team: t, repo: `repo-${i % 20}`, provider: "openai", model: "gpt-4.1", input_tokens: 12_000, output_tokens: 800 },
  );
}

async function load(): Promise<void> {
  const child = fork(new URL(import.meta.url).pathname, ["--serve"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const { port, secret } = await new Promise<{ port: number; secret: string }>((resolve) => child.once("message", (m) => resolve(m as { port: number; secret: string })));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const send = (i: number) =>
    new Promise<{ status: number; decision: string }>((resolve, reject) => {
      const data = body(i);
      const req = http.request({ host: "127.0.0.1", port, path: "/api/v1/budgets/check", method: "POST", agent, headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "content-length": Buffer.byteLength(data) } }, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, decision: (JSON.parse(Buffer.concat(parts).toString()) as { decision?: string }).decision ?? "" }));
      });
      req.on("error", reject);
      req.end(data);
    });
  for (let i = 0; i < 200; i++) await send(i); // warm-up: JIT, connections, the state's first load
  const total = RATE * SECONDS;
  const latencies: number[] = [];
  const decisions: Record<string, number> = {};
  let errors = 0;
  const t0 = performance.now() + 20;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      send(i).then(
        (r) => {
          latencies.push(performance.now() - due);
          if (r.status !== 200) errors++;
          decisions[r.decision] = (decisions[r.decision] ?? 0) + 1;
        },
        () => void errors++,
      ),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] * 100) / 100;
  const result = {
    target_rate_per_s: RATE,
    achieved_rate_per_s: Math.round(total / elapsed),
    seconds: Math.round(elapsed * 10) / 10,
    requests: total,
    errors,
    decisions,
    budgets: 40,
    p50_ms: pct(50),
    p95_ms: pct(95),
    p99_ms: pct(99),
    max_ms: pct(100),
    target_p99_ms: 10,
    machine: `${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}`,
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/budget-check-latest.json", JSON.stringify(result, null, 2) + "\n");
  console.log(JSON.stringify(result, null, 2));
  child.send("stop");
  agent.destroy();
  if (result.p99_ms >= 10 || errors) process.exitCode = 1;
}

if (process.argv.includes("--serve")) await serve();
else await load();
