import "server-only";
import { toStored } from "@/lib/finops/money";
import { chInsert, chQuery, getStore } from "./client";
import { runExclusive } from "./events-writer";
import { linkedMonths } from "./queries/retry-ledger";
import { rebuildRetryLedger } from "./retry-ledger";

/**
 * Rewrites one month of events through `transform`, atomically: corrected rows go to the staging table
 * (whose materialized view rolls them up), then REPLACE PARTITION swaps the month of both usage_events and
 * both rollups, and rebuilds the retry ledger of the month (and, when a row moved to another logical request,
 * of every month sharing a request with it). Readers see the old month or the new one, never half of each. Runs in the writer's queue,
 * so no ingest lands in the month while it is rewritten (one process owns the embedded store).
 */
export type StoredRow = Record<string, unknown> & { event_id: string; ts: string };
export type RewriteResult = { month: number; rows: number; changed: number };

const BATCH = 20_000;

// ClickHouse prints decimals without trailing zeros ("2"); our code writes them with nine ("2.000000000").
const MONEY_COLUMNS = new Set(["cost_usd", "reasoning_cost_usd", "cache_savings_usd", "cancellation_waste_usd", "reported_cost_usd"]);
// What places an event in a logical request (lib/clickhouse/queries/retry-ledger.ts REQUEST_KEY) and orders it there.
const REQUEST_FIELDS = ["event_id", "ts", "team", "ingest_key_id", "request_id", "attempt"] as const;
const canonical = (row: StoredRow) => JSON.stringify(row, (k, v) => (MONEY_COLUMNS.has(k) && v !== null ? toStored(v as string) : v));

/** `force`: swap the month in even when no row changed (rebuilds its rollups and ledger from the events). */
export function rewriteMonth(month: number, transform: (row: StoredRow) => StoredRow, opts: { force?: boolean } = {}): Promise<RewriteResult> {
  // Partition ids are not bindable parameters in ALTER ... PARTITION; the value is a validated integer.
  if (!Number.isInteger(month) || month < 200001 || month > 299912) throw new Error(`Invalid month ${month}`);
  return runExclusive(async () => {
    const { client } = await getStore();
    await client.command({ query: "TRUNCATE TABLE usage_events_rewrite" });
    await client.command({ query: "TRUNCATE TABLE usage_hourly_rewrite" });
    await client.command({ query: "TRUNCATE TABLE usage_daily_rewrite" });
    const rs = await client.query({
      query: "SELECT * FROM usage_events WHERE toYYYYMM(ts) = {month:UInt32}",
      query_params: { month },
      format: "JSONEachRow",
    });
    let rows = 0;
    let changed = 0;
    let regrouped = false;
    let batch: StoredRow[] = [];
    const flush = async () => {
      if (batch.length) await chInsert("usage_events_rewrite", batch);
      batch = [];
    };
    for await (const chunk of rs.stream<StoredRow>()) {
      for (const r of chunk) {
        const before = r.json();
        const after = transform(before);
        rows++;
        if (canonical(after) !== canonical(before)) changed++;
        regrouped ||= REQUEST_FIELDS.some((f) => String(after[f] ?? "") !== String(before[f] ?? ""));
        batch.push(after);
        if (batch.length >= BATCH) await flush();
      }
    }
    await flush();
    if (changed > 0 || opts.force) {
      // Requests spanning months: their other months' verdicts change when a row leaves or joins them.
      const linked = async () => (regrouped ? (await chQuery(linkedMonths, { month })).map((r) => r.m) : []);
      const linkedBefore = await linked();
      await client.command({ query: `ALTER TABLE usage_events REPLACE PARTITION ${month} FROM usage_events_rewrite` });
      await client.command({ query: `ALTER TABLE usage_hourly REPLACE PARTITION ${month} FROM usage_hourly_rewrite` });
      await client.command({ query: `ALTER TABLE usage_daily REPLACE PARTITION ${month} FROM usage_daily_rewrite` });
      // Costs and teams of wasted attempts follow their events.
      await rebuildRetryLedger([month, ...linkedBefore, ...(await linked())]);
    }
    await client.command({ query: "TRUNCATE TABLE usage_events_rewrite" });
    await client.command({ query: "TRUNCATE TABLE usage_hourly_rewrite" });
    await client.command({ query: "TRUNCATE TABLE usage_daily_rewrite" });
    return { month, rows, changed };
  });
}

/** Months (YYYYMM) that hold events, oldest first. */
export async function monthsWithEvents(): Promise<number[]> {
  const { client } = await getStore();
  const rs = await client.query({
    query: "SELECT DISTINCT toYYYYMM(ts) AS m FROM usage_events ORDER BY m",
    format: "JSONEachRow",
  });
  return (await rs.json<{ m: number | string }>()).map((r) => Number(r.m));
}
