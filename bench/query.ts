/**
 * Query benchmark: a generated store of BENCH_QUERY_EVENTS (default 10M) events over 30 days, and for each
 * question of bench/query-questions.ts the p50/p95 through the HTTP API (a real `npm start` server), the
 * same SQL replayed on the bare engine, and PostgreSQL on a LiteLLM-shaped spend-log table with the same
 * rows. Prints a table and writes bench/results/query-latest.json.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { questions } from "./query-questions";
import { runPostgres, type PgResult } from "./query-postgres";
import { cliSecret, freePort, startServer } from "./server";
import { RUNS, timeIt, type Timing } from "./timing";

const EVENTS = Number(process.env.BENCH_QUERY_EVENTS ?? 10_000_000);
const DAYS = 30;
const PG_RUNS = Number(process.env.BENCH_PG_RUNS ?? 3);
const SKIP_PG = process.env.BENCH_SKIP_PG === "1";

type EngineOut = { stats: Record<string, number | string> & { from: string; to: string }; engine: Record<string, Timing & { queries: number }>; csv: string };

// Short path: PostgreSQL's Unix socket lives in its data dir and must fit in 107 bytes.
const dir = mkdtempSync(path.join("/tmp", "tl-qb-"));
chmodSync(dir, 0o755); // PostgreSQL runs as its own user and keeps its data dir inside this one
try {
  console.log(`[bench] generating ${EVENTS.toLocaleString("en-US")} events over ${DAYS} days and timing the bare engine…`);
  const out = path.join(dir, "engine.json");
  execFileSync(process.execPath, ["--import", "tsx", "bench/query-engine.ts", dir, String(EVENTS), String(DAYS), out], { stdio: "inherit" });
  const engine = JSON.parse(readFileSync(out, "utf8")) as EngineOut;
  const { from, to } = engine.stats;
  console.log(`[bench] store: ${JSON.stringify(engine.stats)}`);

  console.log("[bench] timing the HTTP API…");
  const server = await startServer(dir);
  const api: Record<string, Timing> = {};
  try {
    const token = cliSecret(dir, "tokens", "create", "--name", "bench", "--role", "admin");
    for (const q of await questions(from, to)) {
      const get = async () => {
        const res = await fetch(`${server.base}${q.path}`, { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) throw new Error(`${q.path}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
        return res.json();
      };
      api[q.id] = await timeIt(get);
    }
  } finally {
    await server.stop();
  }

  let postgres: PgResult | null = null;
  if (!SKIP_PG) {
    console.log("[bench] loading the same rows into PostgreSQL (LiteLLM_SpendLogs) and timing it…");
    const prevFrom = new Date(Date.parse(from) - DAYS * 86_400_000).toISOString().slice(0, 10);
    postgres = await runPostgres(engine.csv, path.join(dir, "pg"), freePort(), from, to, { from: prevFrom, to: from }, PG_RUNS);
  }

  const qs = await questions(from, to);
  const rows = qs.map((q) => {
    const a = api[q.id];
    const e = engine.engine[q.id];
    const p = postgres?.timings[q.id];
    return {
      question: q.label,
      api_p50_ms: a.p50_ms,
      api_p95_ms: a.p95_ms,
      engine_p50_ms: e.p50_ms,
      engine_p95_ms: e.p95_ms,
      api_vs_engine_p95: Number((a.p95_ms / e.p95_ms).toFixed(2)),
      postgres_p50_ms: p?.p50_ms ?? null,
      postgres_vs_api_p50: p ? Number((p.p50_ms / a.p50_ms).toFixed(1)) : null,
      target_p95_ms: q.target_p95_ms ?? null,
      meets_target: q.target_p95_ms ? a.p95_ms < q.target_p95_ms && a.p95_ms <= 2 * e.p95_ms : null,
    };
  });
  console.table(rows.map(({ question, ...r }) => ({ question: question.slice(0, 48), ...r })));
  mkdirSync("bench/results", { recursive: true });
  const result = {
    at: new Date().toISOString(),
    machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    runs: { api: RUNS, engine: RUNS, postgres: PG_RUNS },
    store: engine.stats,
    postgres: postgres && { version: postgres.version, rows: postgres.rows, load_seconds: postgres.load_seconds, index_seconds: postgres.index_seconds },
    questions: rows,
    raw: { api, engine: engine.engine, postgres: postgres?.timings ?? null },
  };
  writeFileSync("bench/results/query-latest.json", JSON.stringify(result, null, 2));
  console.log("[bench] wrote bench/results/query-latest.json");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
