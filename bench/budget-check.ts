/**
 * Budget decision API benchmark: POST /api/v1/budgets/check over real HTTP on loopback, open loop at BENCH_RATE
 * requests/s (default 500) for BENCH_SECONDS (default 30) after BENCH_WARMUP_S (default 3) not counted, repeated
 * BENCH_ROUNDS times (default 3). Latency is measured from each request's scheduled send time (no coordinated
 * omission; bench/http-load.ts). Targets (BENCH_TARGETS, default "server,handler"):
 *   server:  the real `npm start` server (Next.js behind bin/serve.ts), what a gateway talks to;
 *   handler: the same route handlers under bare node:http, to see what the framework adds.
 * While it runs, ingest stores BENCH_INGEST_PER_S events/s (default 100, one batch a second) through the same key,
 * so spend is added to the decision state as it happens, and the state is refreshed from the store every
 * BENCH_REFRESH_S (default 5 s, production default 30 s) so several refreshes fall inside every measured window.
 * The machine is shared: each round also records the server's and this client's CPU per request and how many
 * cores other processes were using, so a slow round can be told apart from a slow server.
 * Writes bench/results/budget-check-latest.json. Run: npm run bench:budget-check
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BUDGETS, TEAMS } from "./budget-check-seed";
import { openLoop, percentile, postRequest } from "./http-load";
import { startServer } from "./server";

const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REFRESH_S = Number(process.env.BENCH_REFRESH_S ?? 5);
const INGEST_PER_S = Number(process.env.BENCH_INGEST_PER_S ?? 100);
const TARGETS = (process.env.BENCH_TARGETS ?? "server,handler").split(",").filter(Boolean);
const TARGET_P99_MS = 10;

const BODIES = Array.from({ length: 60 }, (_, i) => {
  const t = TEAMS[i % 4];
  return JSON.stringify(
    i % 2
      ? { team: t, repo: `repo-${i % 20}`, feature: `feature-${i % 15}`, estimated_cost_usd: "0.25" }
      : { team: t, repo: `repo-${i % 20}`, provider: "openai", model: "gpt-4.1", input_tokens: 12_000, output_tokens: 800 },
  );
});

/** CPU seconds a process has used (user + system), from /proc. */
function processCpuS(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
/** The whole machine's busy and total CPU seconds so far, from /proc/stat. */
function machineCpuS(): { busy: number; total: number } {
  const [, ...cols] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const n = cols.map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: (total - n[3] - n[4]) / 100, total: total / 100 / os.cpus().length };
}

type Target = { port: number; pid: number; stop: () => Promise<void> };

async function startHandler(dir: string, env: NodeJS.ProcessEnv): Promise<Target> {
  // BENCH_CPU_PROF=DIR writes the handler's CPU profile there (to find what holds the event loop).
  const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];
  const child: ChildProcess = spawn(process.execPath, [...prof, "--import", "tsx", "bench/budget-check-handler.ts", dir], { env, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once("exit", (code) => reject(new Error(`handler server exited with ${code}`)));
  });
  const stop = async () => {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  };
  return { port, pid: child.pid!, stop };
}

async function startTarget(name: string, dir: string): Promise<Target> {
  const env = { ...process.env, TOKENLEDGER_BUDGET_REFRESH_S: String(REFRESH_S) };
  if (name === "handler") return startHandler(dir, env);
  process.env.TOKENLEDGER_BUDGET_REFRESH_S = String(REFRESH_S); // startServer passes process.env on
  const s = await startServer(dir);
  return { port: Number(new URL(s.base).port), pid: s.pid, stop: s.stop };
}

/** One batch of INGEST_PER_S events a second through POST /api/v1/events, until stopped. */
function ingestWhileRunning(port: number, secret: string): { stop: () => Promise<{ batches: number; failed: number }> } {
  let batches = 0;
  let failed = 0;
  let n = 0;
  const inflight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    if (INGEST_PER_S <= 0) return;
    const now = Date.now();
    const events = Array.from({ length: INGEST_PER_S }, (_, i) => ({ event_id: `live-${process.pid}-${n++}`, timestamp: new Date(now - i).toISOString(), provider: "openai", model: "gpt-4o-mini", input_tokens: 1500, output_tokens: 200, team: TEAMS[i % 4], repo: `repo-${i % 20}`, feature: `feature-${i % 15}` }));
    const p = fetch(`http://127.0.0.1:${port}/api/v1/events`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: JSON.stringify(events) })
      .then((r) => (r.ok ? batches++ : failed++), () => failed++)
      .then(() => void inflight.delete(p));
    inflight.add(p);
  }, 1000);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(inflight);
      return { batches, failed };
    },
  };
}

async function round(target: Target, secret: string) {
  const request = (i: number) => postRequest("127.0.0.1", "/api/v1/budgets/check", { authorization: `Bearer ${secret}` }, BODIES[i % BODIES.length]);
  await openLoop({ port: target.port, rate: RATE, total: Math.round(RATE * WARMUP_S), request });
  const ingest = ingestWhileRunning(target.port, secret);
  const [server0, client0, machine0] = [processCpuS(target.pid), process.cpuUsage(), machineCpuS()];
  const run = await openLoop({ port: target.port, rate: RATE, total: Math.round(RATE * SECONDS), request, keepBodies: true });
  const [server1, client1, machine1] = [processCpuS(target.pid), process.cpuUsage(client0), machineCpuS()];
  const ingested = await ingest.stop();
  // Every answer other than 2xx, with its body: an error is explained, not just counted.
  for (const f of run.failures) console.log(`[bench] request ${f.index} answered ${f.status || "nothing"}: ${f.body.slice(0, 500)}`);
  const wall = machine1.total - machine0.total;
  const serverCpu = server1 - server0;
  const clientCpu = (client1.user + client1.system) / 1e6;
  const decisions: Record<string, number> = {};
  for (const b of run.bodies) {
    const d = b ? ((JSON.parse(b) as { decision?: string }).decision ?? "error") : "error";
    decisions[d] = (decisions[d] ?? 0) + 1;
  }
  const sorted = [...run.latenciesMs].sort((a, b) => a - b);
  const ms = (p: number) => Math.round(percentile(sorted, p) * 100) / 100;
  const n = run.latenciesMs.length;
  return {
    requests: n,
    achieved_rate_per_s: Math.round(n / run.elapsedS),
    errors: n - (run.statuses["200"] ?? 0), // non-200 answers, and requests whose connection closed unanswered (status 0)
    decisions,
    p50_ms: ms(50),
    p90_ms: ms(90),
    p99_ms: ms(99),
    p999_ms: ms(99.9),
    max_ms: ms(100),
    server_cpu_ms_per_request: Math.round((serverCpu / n) * 1e6) / 1000,
    client_cpu_ms_per_request: Math.round((clientCpu / n) * 1e6) / 1000,
    // Cores busy with everything else on the machine (other helpers' builds and tests) during the round.
    other_processes_cores: Math.round(((machine1.busy - machine0.busy - serverCpu - clientCpu) / wall) * 100) / 100,
    load_average_1m: Math.round(os.loadavg()[0] * 10) / 10,
    ingest_batches: ingested.batches,
    ingest_failed: ingested.failed,
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), "tokenledger-bench-budget-"));
try {
  console.log(`[bench] seeding ${BUDGETS} budgets and 20,000 events…`);
  const secret = execFileSync(process.execPath, ["--import", "tsx", "bench/budget-check-seed.ts", dir], { env: process.env }).toString().trim().split("\n").pop()!;
  const targets: Record<string, { rounds: Awaited<ReturnType<typeof round>>[]; quietest_p99_ms: number; median_p99_ms: number }> = {};
  for (const name of TARGETS) {
    console.log(`[bench] ${name}: starting…`);
    const target = await startTarget(name, dir);
    try {
      const rounds = [];
      for (let r = 0; r < ROUNDS; r++) {
        const result = await round(target, secret);
        console.log(`[bench] ${name} round ${r + 1}: ${JSON.stringify(result)}`);
        rounds.push(result);
      }
      const p99s = rounds.map((x) => x.p99_ms).sort((a, b) => a - b);
      targets[name] = { rounds, quietest_p99_ms: p99s[0], median_p99_ms: p99s[Math.floor((p99s.length - 1) / 2)] };
    } finally {
      await target.stop();
    }
  }
  const result = {
    at: new Date().toISOString(),
    machine: `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), shared`,
    rate_per_s: RATE,
    seconds_per_round: SECONDS,
    warmup_s: WARMUP_S,
    budgets: BUDGETS,
    refresh_s: REFRESH_S,
    ingest_events_per_s: INGEST_PER_S,
    target_p99_ms: TARGET_P99_MS,
    targets,
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/budget-check-latest.json", JSON.stringify(result, null, 2) + "\n");
  console.log(JSON.stringify(Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, { quietest_p99_ms: v.quietest_p99_ms, median_p99_ms: v.median_p99_ms }]))));
  // A missed target is reported, not fatal: `npm run bench` runs the other benchmarks after this one.
  // BENCH_STRICT=1 makes it an exit status for a gate.
  if (targets.server && targets.server.quietest_p99_ms >= TARGET_P99_MS) {
    console.log(`[bench] target missed: server p99 ${targets.server.quietest_p99_ms} ms at best, target < ${TARGET_P99_MS} ms`);
    if (process.env.BENCH_STRICT === "1") process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
