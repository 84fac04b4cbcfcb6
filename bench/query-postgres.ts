import { execFileSync } from "node:child_process";
import pg from "pg";
import { timeIt, type Timing } from "./timing";

/**
 * The same questions answered by PostgreSQL (Debian's package, started here) on the benchmark's rows loaded
 * into a table shaped like LiteLLM's spend log (LiteLLM_SpendLogs: one row per call, spend as double
 * precision, team_id and end_user columns, everything else in a metadata JSON column; LiteLLM's indexes on
 * startTime, end_user and session_id). The dimensions LiteLLM has no column for (repo, feature, service,
 * environment, pipeline_stage) and the token kinds and waste components live in metadata, as LiteLLM
 * users carry them. Each question computes the same PRODUCT.md measures, retries included.
 */
const DDL = `
  DROP TABLE IF EXISTS "LiteLLM_SpendLogs";
  CREATE TABLE "LiteLLM_SpendLogs" (
    request_id text NOT NULL PRIMARY KEY,
    call_type text NOT NULL,
    api_key text NOT NULL DEFAULT '',
    spend double precision NOT NULL DEFAULT 0.0,
    total_tokens integer NOT NULL DEFAULT 0,
    prompt_tokens integer NOT NULL DEFAULT 0,
    completion_tokens integer NOT NULL DEFAULT 0,
    "startTime" timestamp(3) NOT NULL,
    "endTime" timestamp(3) NOT NULL,
    model text NOT NULL DEFAULT '',
    model_group text DEFAULT '',
    custom_llm_provider text DEFAULT '',
    "user" text DEFAULT '',
    metadata jsonb DEFAULT '{}',
    cache_hit text DEFAULT '',
    team_id text,
    end_user text,
    session_id text,
    status text
  )`;
const INDEXES = `
  CREATE INDEX "LiteLLM_SpendLogs_startTime_idx" ON "LiteLLM_SpendLogs" ("startTime");
  CREATE INDEX "LiteLLM_SpendLogs_end_user_idx" ON "LiteLLM_SpendLogs" (end_user);
  CREATE INDEX "LiteLLM_SpendLogs_session_id_idx" ON "LiteLLM_SpendLogs" (session_id);
  ANALYZE "LiteLLM_SpendLogs"`;
const COLUMNS = `request_id, call_type, api_key, spend, total_tokens, prompt_tokens, completion_tokens, "startTime", "endTime", model, model_group, custom_llm_provider, "user", metadata, cache_hit, team_id, end_user, session_id, status`;

// Every PRODUCT.md measure over a filtered set of rows `e` with group keys g1, g2 (retry waste by window).
const MEASURES = `
  sum(spend) AS cost, sum(prompt_tokens) AS input, sum(cr) AS cache_read, sum(completion_tokens) AS output, sum(rt) AS reasoning,
  count(DISTINCT lr) AS requests, count(*) AS attempts, sum(cs) AS cache_savings, sum(spend) FILTER (WHERE at < last_at) AS retry_waste,
  sum(rc) AS reasoning_cost, sum(cw) AS cancellation_waste, sum(spend) FILTER (WHERE status = 'cancelled') AS cancelled_spend,
  sum(spend) FILTER (WHERE team_id = '') AS unattributed`;
const rowsOf = (where: string, keys: string) => `
  SELECT ${keys} spend, prompt_tokens, completion_tokens, status, team_id,
    (metadata->>'cache_read_tokens')::bigint AS cr, (metadata->>'reasoning_tokens')::bigint AS rt,
    (metadata->>'cache_savings_usd')::numeric AS cs, (metadata->>'reasoning_cost_usd')::numeric AS rc,
    (metadata->>'cancellation_waste_usd')::numeric AS cw, metadata->>'logical_request_id' AS lr, (metadata->>'attempt')::int AS at,
    max((metadata->>'attempt')::int) OVER (PARTITION BY metadata->>'logical_request_id') AS last_at
  FROM "LiteLLM_SpendLogs" WHERE "startTime" >= $1 AND "startTime" < $2 ${where}`;

export type PgQuestion = { id: string; queries: { sql: string; params: string[] }[] };

export function pgQuestions(from: string, to: string, previous: { from: string; to: string }): PgQuestion[] {
  const week = new Date(Date.parse(to) - 7 * 86_400_000).toISOString().slice(0, 10);
  const total = (f: string, t: string) => ({ sql: `SELECT ${MEASURES} FROM (${rowsOf("", "")}) e`, params: [f, t] });
  const grouped = (keys: string, where = "") => ({ sql: `SELECT g1, g2, ${MEASURES} FROM (${rowsOf(where, keys)}) e GROUP BY g1, g2`, params: [from, to] });
  return [
    {
      id: "overview",
      queries: [
        total(from, to),
        total(previous.from, previous.to),
        {
          sql: `SELECT "startTime"::date AS day, team_id, metadata->>'repo' AS repo, metadata->>'feature' AS feature, model, end_user, sum(spend)
                FROM "LiteLLM_SpendLogs" WHERE "startTime" >= $1 AND "startTime" < $2
                GROUP BY GROUPING SETS ((1), (1, 2), (2), (3), (4), (5), (6))`,
          params: [from, to],
        },
      ],
    },
    { id: "explorer_group_by", queries: [grouped("model AS g1, '' AS g2,")] },
    { id: "explorer_two_dims", queries: [grouped("metadata->>'repo' AS g1, metadata->>'feature' AS g2,", "AND team_id = 'search'")] },
    {
      id: "explorer_chart_hourly",
      queries: [
        {
          sql: `SELECT date_trunc('hour', "startTime") AS h, metadata->>'service' AS service, sum(spend) FROM "LiteLLM_SpendLogs"
                WHERE "startTime" >= $1 AND "startTime" < $2 GROUP BY GROUPING SETS ((1), (1, 2), (2))`,
          params: [week, to],
        },
      ],
    },
    { id: "explorer_raw_dimension", queries: [grouped("metadata->>'pipeline_stage' AS g1, '' AS g2,")] },
  ];
}

export type PgResult = { version: string; load_seconds: number; index_seconds: number; rows: number; timings: Record<string, Timing> };

export async function runPostgres(csv: string, pgDir: string, port: number, from: string, to: string, previous: { from: string; to: string }, runs: number): Promise<PgResult> {
  const url = execFileSync("bash", ["bin/pg-test-server.sh", pgDir, String(port)]).toString().trim().split("\n").pop()!;
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  try {
    await pool.query(DDL);
    let t = Date.now();
    execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-c", `\\copy "LiteLLM_SpendLogs" (${COLUMNS}) FROM '${csv}' WITH (FORMAT csv)`], { stdio: ["ignore", "ignore", "inherit"] });
    const loadSeconds = (Date.now() - t) / 1000;
    t = Date.now();
    await pool.query(INDEXES);
    const indexSeconds = (Date.now() - t) / 1000;
    const rows = Number((await pool.query(`SELECT count(*) AS n FROM "LiteLLM_SpendLogs"`)).rows[0].n);
    const version = String((await pool.query("SHOW server_version")).rows[0].server_version);
    const timings: Record<string, Timing> = {};
    for (const q of pgQuestions(from, to, previous)) {
      // Like the API, a question's queries run concurrently (one connection each).
      timings[q.id] = await timeIt(() => Promise.all(q.queries.map((x) => pool.query(x.sql, x.params))), runs, 1);
    }
    return { version, load_seconds: loadSeconds, index_seconds: indexSeconds, rows, timings };
  } finally {
    await pool.end();
    execFileSync("bash", ["bin/pg-test-server.sh", "stop", pgDir], { stdio: "ignore" });
  }
}
