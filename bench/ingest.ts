/**
 * Ingest benchmark: HTTP end to end (NDJSON batches of 5,000 through POST /api/v1/events on a real
 * `npm start` server) beside the raw engine ceiling (the same rows inserted straight into a chDB store),
 * and the server's peak RSS. Prints a table and writes bench/results/ingest-latest.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { cliSecret, startServer } from "./server";

export type IngestBenchResult = {
  events: number;
  batch_size: number;
  concurrency: number;
  retry_share: number;
  http_events_per_s: number;
  http_seconds: number;
  raw_events_per_s: number;
  raw_seconds: number;
  http_vs_raw: number;
  server_peak_rss_mb: number;
  accepted: number;
};

const EVENTS = Number(process.env.BENCH_EVENTS ?? 300_000);
const BATCH = 5_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const MODELS = [["openai", "gpt-4.1"], ["openai", "gpt-4o-mini"], ["anthropic", "claude-sonnet-4-5"], ["google", "gemini-2.5-flash"], ["openai", "o4-mini"]] as const;
const TEAMS = ["platform", "search", "growth", "support-ai", ""];
// Share of requests retried once (the retry ledger's work grows with it): 0.05 by default, 1 for the worst case.
const RETRY_SHARE = Number(process.env.BENCH_RETRY_SHARE ?? 0.05);
const retried = (pair: number) => ((pair * 2654435761) % 1000) / 1000 < RETRY_SHARE;

function makeEvents(n: number, start: number): Record<string, unknown>[] {
  const out = [];
  for (let i = 0; i < n; i++) {
    const [provider, model] = MODELS[i % MODELS.length];
    const input = 500 + ((i * 7919) % 12000);
    out.push({
      event_id: `bench-${start + i}`,
      timestamp: new Date(Date.UTC(2026, 9, 1) + ((start + i) % (30 * 86400)) * 1000).toISOString(),
      provider,
      model,
      input_tokens: input,
      cache_read_tokens: i % 3 === 0 ? Math.floor(input / 2) : 0,
      output_tokens: 50 + (i % 900),
      reasoning_tokens: model === "o4-mini" ? 20 : 0,
      status: i % 97 === 0 ? "error" : "success",
      // Events come in pairs; a pair is one request retried once for RETRY_SHARE of pairs, else two requests.
      ...(retried(Math.floor((start + i) / 2))
        ? { request_id: `r-${Math.floor((start + i) / 2)}`, attempt: ((start + i) % 2) + 1 }
        : { request_id: `r-${start + i}-single`, attempt: 1 }),
      team: TEAMS[i % TEAMS.length],
      repo: `repo-${i % 40}`,
      feature: `feature-${i % 25}`,
      environment: i % 5 === 0 ? "ci" : "prod",
      service: `svc-${i % 12}`,
      customer: `customer-${i % 200}`,
      trace_id: `t${(start + i) >> 3}`,
      span_id: `s${start + i}`,
    });
  }
  return out;
}

const peakRssMb = (pid: number) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
};

async function httpRun(batches: string[]): Promise<{ seconds: number; rssMb: number; accepted: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tokenledger-bench-http-"));
  const server = await startServer(dataDir);
  const base = server.base;
  try {
    const { pid } = server;
    // A key made with the CLI, as an operator would; a high rate limit so the limiter is not what is measured.
    const key = { secret: cliSecret(dataDir, "keys", "create", "--name", "bench", "--rate-limit", "100000") };
    // Warm-up: first request compiles routes and loads prices.
    await fetch(`${base}/api/v1/events`, { method: "POST", headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/x-ndjson" }, body: batches[0].split("\n").slice(0, 10).join("\n").replace(/bench-/g, "warm-") });
    let next = 0;
    let accepted = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < batches.length) {
          const body = batches[next++];
          const res = await fetch(`${base}/api/v1/events`, { method: "POST", headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/x-ndjson" }, body });
          const json = (await res.json()) as { accepted: number };
          if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
          accepted += json.accepted;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, rssMb: peakRssMb(pid), accepted };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function rawRun(events: Record<string, unknown>[]): Promise<number> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tokenledger-bench-raw-"));
  process.env.TOKENLEDGER_DATA_DIR = dataDir;
  const { getStore, closeStore, chInsert } = await import("../lib/clickhouse/client");
  const { migrate } = await import("../lib/clickhouse/migrate");
  const { buildPriceIndex } = await import("../lib/finops/price-lookup");
  const { SEED_PRICES } = await import("../lib/finops/price-seed");
  const { perToken } = await import("../lib/finops/money");
  const { toEventRow } = await import("../lib/ingest/to-row");
  const { UsageEventInput } = await import("../lib/schemas/event");
  try {
    await getStore("the ingest benchmark");
    await migrate();
    const prices = buildPriceIndex(
      SEED_PRICES.map((p, i) => ({
        id: `seed-${i}`, provider: p.provider, model: p.model, serviceTier: "", longContextAbove: p.longContextAbove ?? 0, validFrom: new Date(0),
        inputPerToken: perToken(p.input), cacheReadPerToken: p.cacheRead ? perToken(p.cacheRead) : null, cacheWritePerToken: p.cacheWrite ? perToken(p.cacheWrite) : null,
        cacheWrite1hPerToken: p.cacheWrite1h ? perToken(p.cacheWrite1h) : null, outputPerToken: perToken(p.output), reasoningPerToken: null, batchDiscount: p.batchDiscount ?? "0",
      })),
    );
    // The rows the server would write, prepared before the clock starts: the ceiling is the engine alone.
    const rows = events.map((e) => {
      const parsed = UsageEventInput.parse(e);
      return toEventRow(parsed, new Date(String(parsed.timestamp)), prices);
    });
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += BATCH) await chInsert("usage_events", rows.slice(i, i + BATCH));
    return (performance.now() - t0) / 1000;
  } finally {
    await closeStore();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runIngestBench(): Promise<IngestBenchResult> {
  const events = makeEvents(EVENTS, 0);
  const batches: string[] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH).map((e) => JSON.stringify(e)).join("\n"));
  const http = await httpRun(batches);
  const rawSeconds = await rawRun(events);
  const result: IngestBenchResult = {
    events: EVENTS,
    batch_size: BATCH,
    concurrency: CONCURRENCY,
    retry_share: RETRY_SHARE,
    http_events_per_s: Math.round(EVENTS / http.seconds),
    http_seconds: Number(http.seconds.toFixed(2)),
    raw_events_per_s: Math.round(EVENTS / rawSeconds),
    raw_seconds: Number(rawSeconds.toFixed(2)),
    http_vs_raw: Number((rawSeconds / http.seconds).toFixed(2)),
    server_peak_rss_mb: Math.round(http.rssMb),
    accepted: http.accepted,
  };
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runIngestBench();
  console.table(result);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/ingest-latest.json", JSON.stringify({ at: new Date().toISOString(), machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`, ingest: result }, null, 2));
  process.exit(0);
}
