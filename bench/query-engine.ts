/**
 * Query benchmark, engine side (a child process of bench/query.ts, since one process owns a chDB store):
 * generates the store, exports it for PostgreSQL, then replays each question's exact SQL (recorded from the
 * lib/ call the API makes) straight on the engine. Usage: tsx bench/query-engine.ts DIR EVENTS DAYS OUT.json
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { generateSql, NANO_TEXT_FUNCTION } from "./query-data";
import { questions } from "./query-questions";
import { timeIt, type Timing } from "./timing";

const [dir, eventsArg, daysArg, out] = process.argv.slice(2);
process.env.TOKENLEDGER_DATA_DIR = dir;
process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
const EVENTS = Number(eventsArg);
const DAYS = Number(daysArg);

// The metadata database too: the change question reads the price book (the server migrates it again, a no-op).
execFileSync(path.join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env: { ...process.env }, stdio: "pipe" });

const { getStore, closeStore, recordQueries } = await import("@/lib/clickhouse/client");
const { migrate } = await import("@/lib/clickhouse/migrate");
const { rebuildRetryMonth } = await import("@/lib/clickhouse/retry-ledger");
const { monthsWithEvents } = await import("@/lib/clickhouse/rewrite-month");

const { client } = await getStore("the query benchmark");
await migrate();
const DAY = 86_400_000;
const today = Date.UTC(2026, 10, 1);
const start = today - DAYS * DAY;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const count = async (sql: string) => Number((await (await client.query({ query: sql, format: "JSONEachRow" })).json<{ n: string }>())[0].n);

// BENCH_REUSE_STORE=1: time the queries again on a store generated before (tuning without regenerating).
const reuse = process.env.BENCH_REUSE_STORE === "1";
let t = Date.now();
if (!reuse) {
  await client.command({ query: NANO_TEXT_FUNCTION });
  await client.command({ query: generateSql(EVENTS, start, DAYS), clickhouse_settings: { max_execution_time: 3600 } });
}
const generateSeconds = (Date.now() - t) / 1000;
t = Date.now();
if (!reuse) for (const m of await monthsWithEvents()) await rebuildRetryMonth(m);
const ledgerSeconds = (Date.now() - t) / 1000;
await client.command({ query: "OPTIMIZE TABLE usage_hourly FINAL" });

// The same rows for PostgreSQL, shaped like LiteLLM's LiteLLM_SpendLogs (bench/query-postgres.ts loads it).
t = Date.now();
const csv = path.join(dir, "spend_logs.csv");
if (!reuse) await client.command({
  query: `INSERT INTO FUNCTION file('${csv}', 'CSV')
    SELECT event_id, 'acompletion', concat('sk-hash-', team), toFloat64(cost_usd), input_tokens + output_tokens, input_tokens, output_tokens,
      formatDateTime(ts, '%Y-%m-%d %H:%i:%S.%f'), formatDateTime(ts + toIntervalMillisecond(coalesce(latency_ms, 800)), '%Y-%m-%d %H:%i:%S.%f'),
      model AS c_model, model AS c_model_group, provider, user,
      toJSONString(map('repo', repo, 'feature', feature, 'environment', environment, 'service', service, 'pipeline_stage', pipeline_stage,
        'logical_request_id', request_id, 'attempt', toString(attempt), 'cache_read_tokens', toString(cache_read_tokens),
        'cache_write_tokens', toString(cache_write_tokens), 'reasoning_tokens', toString(reasoning_tokens),
        'cache_savings_usd', toString(cache_savings_usd), 'reasoning_cost_usd', toString(reasoning_cost_usd),
        'cancellation_waste_usd', toString(cancellation_waste_usd))) AS c_metadata,
      if(cache_read_tokens > 0, 'True', 'False'), team, customer, session_id, status
    FROM usage_events`,
  clickhouse_settings: { max_execution_time: 3600, engine_file_truncate_on_insert: 1 },
});
const exportSeconds = (Date.now() - t) / 1000;

const stats = {
  events: await count("SELECT count() AS n FROM usage_events"),
  rollup_rows: await count("SELECT count() AS n FROM usage_hourly"),
  ledger_rows: await count("SELECT count() AS n FROM retry_waste"),
  generate_seconds: generateSeconds,
  ledger_seconds: ledgerSeconds,
  export_seconds: exportSeconds,
  from: iso(today - 30 * DAY),
  to: iso(today),
};

// Replays: the recorded queries of one call, run as the API runs them (concurrently), timed end to end.
const engine: Record<string, Timing & { queries: number }> = {};
for (const q of await questions(stats.from, stats.to)) {
  const { queries } = await recordQueries(q.call);
  const replay = () =>
    Promise.all(queries.map(async (r) => (await client.query({ query: r.sql, query_params: r.params, format: "JSONEachRow", clickhouse_settings: { log_comment: r.name } })).json()));
  engine[q.id] = { ...(await timeIt(replay)), queries: queries.length };
}
writeFileSync(out, JSON.stringify({ stats, engine, csv }, null, 2));
await closeStore();
