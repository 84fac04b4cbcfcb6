/**
 * Where the API's own time goes, in one process over a store made by `npm run bench:query`
 * (BENCH_STORE_DIR): for each benchmarked question, interleaved so a busy machine slows every part alike,
 *   engine: the question's recorded SQL replayed on the bare client (as bench/query-engine.ts does),
 *   lib:    the lib/ call behind the endpoint (queries, row parsing, measures, decimals),
 *   auth:   authorize() of an API token (the metadata lookup every request makes),
 *   route:  the route handler with that token (auth, query parsing, lib, JSON), body read as text.
 * Next.js's own HTTP layer is the rest of what bench:query measures. Usage: tsx bench/api-overhead.ts DIR [RUNS]
 * (BENCH_ONLY=change,overview asks only those questions).
 */
import path from "node:path";
import { questions } from "./query-questions";

const [dir, runsArg] = process.argv.slice(2);
if (!dir) throw new Error("usage: tsx bench/api-overhead.ts STORE_DIR [RUNS]");
process.env.TOKENLEDGER_DATA_DIR = dir;
process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
const RUNS = Number(runsArg ?? 30);

const { getStore, closeStore, recordQueries } = await import("@/lib/clickhouse/client");
const { createApiToken } = await import("@/lib/db/api-tokens");
const { authorize } = await import("@/lib/auth/guard");
const { client } = await getStore("the API overhead benchmark");
const { from, to } = (await (await client.query({ query: "SELECT toString(toDate(max(ts)) + 1 - 30) AS from, toString(toDate(max(ts)) + 1) AS to FROM usage_events", format: "JSONEachRow" })).json<{ from: string; to: string }>())[0];
const token = (await createApiToken({ name: `overhead-${Date.now()}`, role: "admin", createdBy: "bench" })).secret;
const headers = { authorization: `Bearer ${token}` };

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const r1 = (x: number) => Math.round(x * 10) / 10;
async function time(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

const rows: Record<string, unknown>[] = [];
const only = process.env.BENCH_ONLY?.split(",");
for (const q of (await questions(from, to)).filter((x) => !only || only.includes(x.id))) {
  const { queries } = await recordQueries(q.call);
  const url = new URL(`http://bench${q.path}`);
  const { GET } = (await import(path.join(process.cwd(), "app", url.pathname, "route.ts"))) as { GET: (r: Request) => Promise<Response> };
  const parts = {
    engine: () => Promise.all(queries.map(async (r) => (await client.query({ query: r.sql, query_params: r.params, format: "JSONEachRow", clickhouse_settings: { log_comment: r.name } })).json())),
    lib: q.call,
    auth: () => authorize(new Request(url, { headers }), "spend:read"),
    route: async () => {
      const res = await GET(new Request(url, { headers }));
      if (res.status !== 200) throw new Error(`${q.path}: ${res.status} ${await res.text()}`);
      return res.text();
    },
  };
  const ms: Record<keyof typeof parts, number[]> = { engine: [], lib: [], auth: [], route: [] };
  for (let i = 0; i < RUNS + 3; i++) {
    for (const [name, work] of Object.entries(parts) as [keyof typeof parts, () => Promise<unknown>][]) {
      const t = await time(work);
      if (i >= 3) ms[name].push(t);
    }
  }
  const row: Record<string, unknown> = { question: q.id, queries: queries.length };
  for (const [name, xs] of Object.entries(ms)) {
    row[`${name}_p50`] = r1(pct(xs, 50));
    row[`${name}_p95`] = r1(pct(xs, 95));
  }
  row.route_vs_engine_p50 = r1((pct(ms.route, 50) / pct(ms.engine, 50)) * 100) / 100;
  rows.push(row);
  console.log(JSON.stringify(row));
}
console.table(rows);
await closeStore();
process.exit(0);
