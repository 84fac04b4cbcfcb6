import "server-only";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createClient, type ClickHouseClient, type ClickHouseSettings } from "@clickhouse/client";
import type { ClickHouseClientConfigOptions } from "@clickhouse/client";
import type { z } from "zod";
import { env } from "@/lib/env";
import { noteQuery } from "@/lib/log/request-context";
import { engineCall } from "./engine-errors";
import { claimStore, readStoreOwner, StoreBusyError, storeBusyMessage } from "./store-owner";

/**
 * The one ClickHouse gateway. Embedded chDB by default, a server when CLICKHOUSE_URL is set: the same
 * @clickhouse/client API and the same SQL either way. One handle per process, created lazily (never at
 * import time, so a build never opens the store) and kept on globalThis to survive dev hot reloads.
 */
export type StoreKind = "embedded" | "server";
type Store = { client: ClickHouseClient; kind: StoreKind };

const holder = globalThis as typeof globalThis & { __tokenledgerStore?: Promise<Store>; __tokenledgerQueryLog?: RecordedQuery[] };

export type RecordedQuery = { name: string; sql: string; params: Record<string, unknown> };

/**
 * Runs `work` and returns the queries chQuery sent meanwhile (the benchmark replays an API call's exact
 * SQL on the bare engine). Not for concurrent use: it records every query of the process.
 */
export async function recordQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: RecordedQuery[] }> {
  const log: RecordedQuery[] = [];
  holder.__tokenledgerQueryLog = log;
  try {
    return { result: await work(), queries: log };
  } finally {
    holder.__tokenledgerQueryLog = undefined;
  }
}

/** Settings every query gets: money (Decimal) and 64-bit integers travel as strings, never as floats. */
const BASE_SETTINGS: ClickHouseSettings = {
  output_format_json_quote_decimals: 1,
  output_format_json_quote_64bit_integers: 1,
};

async function openStore(role: string): Promise<Store> {
  const e = env();
  if (e.CLICKHOUSE_URL) {
    // The database must exist before a client can be bound to it.
    const bootstrap = createClient({ url: e.CLICKHOUSE_URL, username: e.CLICKHOUSE_USER, password: e.CLICKHOUSE_PASSWORD });
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${e.CLICKHOUSE_DATABASE}` });
    await bootstrap.close();
    const client = createClient({
      url: e.CLICKHOUSE_URL,
      username: e.CLICKHOUSE_USER,
      password: e.CLICKHOUSE_PASSWORD,
      database: e.CLICKHOUSE_DATABASE,
      clickhouse_settings: BASE_SETTINGS,
    });
    return { client, kind: "server" };
  }
  const dir = e.clickhouseDataDir;
  const owner = readStoreOwner(dir);
  if (owner) throw new StoreBusyError(storeBusyMessage(dir, owner));
  mkdirSync(dir, { recursive: true });
  const { createChdbConnection } = await import("chdb/connection");
  let connection: ReturnType<typeof createChdbConnection>;
  try {
    connection = createChdbConnection({ path: dir });
  } catch (err) {
    throw new StoreBusyError(storeBusyMessage(dir, readStoreOwner(dir)), { cause: err });
  }
  claimStore(dir, role, e.TOKENLEDGER_PUBLIC_URL);
  // chDB types its connection with its own copy of @clickhouse/client-common; the shapes match at runtime.
  const client = createClient({
    connection: connection as unknown as ClickHouseClientConfigOptions["connection"],
    clickhouse_settings: BASE_SETTINGS,
  });
  return { client, kind: "embedded" };
}

/** The process's store, opened on first use. `role` names this process in the lock message others see. */
export function getStore(role = "a TokenLedger process"): Promise<Store> {
  holder.__tokenledgerStore ??= openStore(role).catch((err) => {
    holder.__tokenledgerStore = undefined;
    throw err;
  });
  return holder.__tokenledgerStore;
}

/** Closes the process's store (tests, CLI commands). */
export async function closeStore(): Promise<void> {
  const pending = holder.__tokenledgerStore;
  holder.__tokenledgerStore = undefined;
  if (!pending) return;
  const store = await pending.catch(() => null);
  await store?.client.close();
}

/** A query definition: one per file under lib/clickhouse/queries. */
export type QueryDef<P extends Record<string, unknown>, R extends z.ZodType> = {
  name: string;
  sql: string;
  row: R;
  /** Carries the parameter type only (never a value): chQuery checks callers against it. */
  __params?: P;
};

/**
 * Runs a parameterized query ({name:Type} placeholders only) and parses each row with the query's schema.
 * Tags the query with its name (log_comment) and a fresh query_id, both findable in system.query_log; the
 * query_id, name and time are noted on the current API request, whose log line lists them.
 */
export async function chQuery<P extends Record<string, unknown>, R extends z.ZodType>(
  def: QueryDef<P, R>,
  params: P,
): Promise<z.infer<R>[]> {
  const { client } = await getStore();
  holder.__tokenledgerQueryLog?.push({ name: def.name, sql: def.sql, params });
  const queryId = randomUUID();
  const started = performance.now();
  try {
    const rows = await engineCall(async () => {
      const result = await client.query({
        query: def.sql,
        query_params: params,
        query_id: queryId,
        format: "JSONEachRow",
        clickhouse_settings: { log_comment: def.name, max_execution_time: 30 },
      });
      return result.json<unknown>();
    });
    return rows.map((r) => def.row.parse(r));
  } finally {
    noteQuery({ query_id: queryId, name: def.name, ms: Math.round((performance.now() - started) * 10) / 10 });
  }
}

/** Runs a statement that returns no rows (DDL, migrations). */
export async function chCommand(query: string, params: Record<string, unknown> = {}): Promise<void> {
  const { client } = await getStore();
  await engineCall(() => client.command({ query, query_params: params }));
}

// Nullable columns default to NULL, so their zeros are data and must be sent.
const NULLABLE_COLUMNS = new Set(["latency_ms", "ttft_ms", "delivered_output_tokens", "reported_cost_usd"]);
const isEmpty = (column: string, v: unknown) =>
  v === "" || v === null || v === false || (v === 0 && !NULLABLE_COLUMNS.has(column)) || (typeof v === "object" && v !== null && Object.keys(v).length === 0);

/**
 * Inserts rows (objects with the same keys). Sent as JSONCompactEachRow with an explicit column list, and
 * without the columns that are empty ("", null, 0, false, {}) in every row of the batch: the table fills
 * those from their defaults, which are the same empty values (every DEFAULT in our schema that differs,
 * such as attempt = 1 or status = 'success', is always sent non-empty; zeros of Nullable columns are kept). Measured here on usage_events:
 * JSONEachRow 37k rows/s, JSONCompactEachRow 49k, and with empty columns left out 66k.
 */
export async function chInsert(table: string, values: readonly Record<string, unknown>[]): Promise<void> {
  if (values.length === 0) return;
  const { client } = await getStore();
  const columns = Object.keys(values[0]).filter((c) => !values.every((row) => isEmpty(c, row[c])));
  await engineCall(() => client.insert({
    table,
    values: values.map((row) => columns.map((c) => row[c])),
    format: "JSONCompactEachRow",
    columns: columns as [string, ...string[]],
  }));
}

/** Engine name and version for /api/health. */
export async function storeInfo(): Promise<{ kind: StoreKind; version: string; chdb?: string }> {
  const store = await getStore();
  const rs = await store.client.query({ query: "SELECT version() AS v", format: "JSONEachRow" });
  const [row] = await rs.json<{ v: string }>();
  if (store.kind === "embedded") {
    const chdb = await import("chdb");
    return { kind: "embedded", version: row.v, chdb: chdb.version().chdb };
  }
  return { kind: "server", version: row.v };
}
