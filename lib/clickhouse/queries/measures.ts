import "server-only";
import { z } from "zod";
import type { TeamScope } from "@/lib/auth/roles";
import { SUMMED_MEASURES, type SummedMeasureDef, type SummedMeasureId } from "@/lib/measures/registry";
import { zoneDayStartUtc } from "@/lib/finops/date-range";
import { chQuery } from "../client";
import { DIMENSIONS, dimensionFilters, SCOPE_SQL, scopeParams, type Dimension, type DimensionFilters } from "../fragments";

/**
 * Every PRODUCT.md measure for [from, to) in a time zone, over any grouping sets of dimensions and a time
 * bucket, in one query (GROUPING SETS: the total and its groups come from the same snapshot).
 *
 * Two branches, summed together:
 * - usage: a rollup when every grouped or filtered dimension is rolled up: usage_daily for UTC days,
 *   usage_hourly for hourly buckets or zones whose days start on other whole UTC hours; raw usage_events
 *   otherwise (the caller picks, see lib/finops/measures.ts `pickSource`).
 * - ledger: retry_waste, one row per wasted attempt (migration 0004), small, carrying every dimension.
 * Logical requests = attempts − wasted attempts (each request has exactly one last attempt), so requests
 * add up across groups and periods; retry waste = Σ cost of wasted attempts.
 *
 * Identifiers reach SQL only from the DIMENSIONS whitelist and fixed expressions; values only as bound
 * parameters. Aliases differ from column names (ClickHouse resolves an alias before a same-named column).
 */
export const ROLLUP_DIMENSIONS: ReadonlySet<Dimension> = new Set<Dimension>(["team", "repo", "feature", "environment", "service", "customer", "provider", "model", "status", "service_tier"]);

export type GroupKey = "bucket" | Dimension;
export type MeasuresSpec = {
  from: string; // YYYY-MM-DD in tz, inclusive
  to: string; // YYYY-MM-DD in tz, exclusive
  /** An earlier end than `to` (UTC "YYYY-MM-DD HH:MM:SS", on a whole local hour): a period cut to the same
   * elapsed time as one that ends now (the overview's comparison). Never read from the daily rollup. */
  until?: string;
  tz: string;
  bucket: "hour" | "day" | null;
  /** Grouping sets; [] is the total. */
  sets: GroupKey[][];
  filters: DimensionFilters;
  scope: TeamScope;
  source: Source;
  /** Only these sums (the others come back as "0"): a stack or a top list needs cost_usd alone, a chart its
   * metric; one sum instead of fifteen, and no ledger branch when none of them has a ledger part, is what keeps
   * the overview and the charts fast (less for the engine to sum, less JSON to parse). */
  only?: readonly SummedMeasureId[];
};
export type Source = "daily" | "hourly" | "raw";

export type MeasureSums = Record<SummedMeasureId, string>;
export type MeasuresRow = { set: number; bucket: string; keys: Partial<Record<Dimension, string>>; sums: MeasureSums };

const ZERO: Record<SummedMeasureDef["kind"], string> = { money: "toDecimal128(0, 9)", count: "toUInt64(0)" };
/** A registry expression with its kind's typed zero for "ZERO" (lib/measures/registry.ts). */
const expr = (m: (typeof SUMMED_MEASURES)[number], sql: string) => sql.replaceAll("ZERO", ZERO[m.kind]);

type Summed = (typeof SUMMED_MEASURES)[number];
const selected = (only: MeasuresSpec["only"]): readonly Summed[] => (only ? SUMMED_MEASURES.filter((m) => only.includes(m.id)) : SUMMED_MEASURES);

// Per-row expressions for rollup rows that go straight to the grouping sets; sums otherwise. Every measure is
// one column m_<id>: its usage part here, its ledger part in the retry_waste branch, summed together outside.
function usageMeasures(source: Source, list: readonly Summed[], preAggregate: boolean): string {
  const part = (m: Summed) => (!preAggregate ? m.sql.row : source === "raw" ? m.sql.raw : m.sql.rollup);
  return list.map((m) => `${expr(m, part(m))} AS m_${m.id}`).join(", ");
}

const ledgerMeasures = (list: readonly Summed[]) => list.map((m) => `${expr(m, m.sql.ledger ?? "ZERO")} AS m_${m.id}`).join(", ");
const outerMeasures = (list: readonly Summed[]) => list.map((m) => `toString(sum(m_${m.id})) AS s_${m.id}`).join(", ");

const SOURCES: Record<Source, { table: string; time: string; range: string }> = {
  daily: { table: "usage_daily", time: "day", range: "day >= toDate({from:String}) AND day < toDate({to:String})" },
  hourly: { table: "usage_hourly", time: "hour", range: "hour >= toDateTime({from:String}, 'UTC') AND hour < toDateTime({to:String}, 'UTC')" },
  raw: { table: "usage_events", time: "ts", range: "ts >= toDateTime64({from:String}, 3, 'UTC') AND ts < toDateTime64({to:String}, 3, 'UTC')" },
};

function bucketExpr(bucket: "hour" | "day", timeColumn: string): string {
  // usage_daily's day is already a UTC date (only read for UTC days).
  if (timeColumn === "day") return "toString(day)";
  return bucket === "day"
    ? `toString(toDate(toTimeZone(${timeColumn}, {tz:String})))`
    : `formatDateTime(toStartOfHour(toTimeZone(${timeColumn}, {tz:String})), '%Y-%m-%d %H:00')`;
}

function keyExpr(key: GroupKey, bucket: MeasuresSpec["bucket"], timeColumn: string): string {
  if (key !== "bucket") return DIMENSIONS[key];
  if (!bucket) throw new Error("A grouping set names the bucket but no bucket size was given");
  if (bucket === "hour" && timeColumn === "day") throw new Error("Hourly buckets cannot be read from the daily rollup");
  return bucketExpr(bucket, timeColumn);
}

/** The SQL and parameters of a spec. */
function measuresSql(spec: MeasuresSpec): { sql: string; params: Record<string, unknown>; keys: GroupKey[] } {
  const keys = [...new Set(spec.sets.flat())];
  const list = selected(spec.only);
  // Wasted attempts only change measures with a ledger part (requests, retry waste).
  const withLedger = list.some((m) => m.sql.ledger !== undefined);
  const filters = dimensionFilters(spec.filters);
  const usage = SOURCES[spec.source];
  // Summing per finest key inside the branch pays when that key is itself a requested set (its groups are
  // the answer, few rows go on) or when the source is raw events (10M rows would otherwise meet every set);
  // rollup rows meeting several different sets go straight to GROUPING SETS (measured 4x faster there).
  const finest = [...keys].sort().join();
  const preAggregate = spec.source === "raw" || spec.sets.some((set) => [...set].sort().join() === finest);
  const ledgerRange = "ts >= toDateTime64({from:String}, 3, 'UTC') AND ts < toDateTime64({to:String}, 3, 'UTC')";
  const select = (timeColumn: string) => keys.map((k, i) => `${keyExpr(k, spec.bucket, timeColumn)} AS g_${i}, `).join("");
  const groupBy = keys.length ? `GROUP BY ${keys.map((_, i) => `g_${i}`).join(", ")}` : "";
  const sets = spec.sets.map((set) => `(${set.map((k) => `g_${keys.indexOf(k)}`).join(", ")})`).join(", ");
  const ledger = `
      UNION ALL
      SELECT ${select("ts")}${ledgerMeasures(list)}
      FROM retry_waste
      WHERE ${ledgerRange} AND ${SCOPE_SQL} ${filters.sql}
      ${groupBy}`;
  const sql = `
    SELECT ${keys.map((_, i) => `g_${i}, `).join("")}${keys.length ? `grouping(${keys.map((_, i) => `g_${i}`).join(", ")}) AS g_mask, ` : "0 AS g_mask, "}
      ${outerMeasures(list)}
    FROM (
      SELECT ${select(usage.time)}${usageMeasures(spec.source, list, preAggregate)}
      FROM ${usage.table}
      WHERE ${usage.range} AND ${SCOPE_SQL} ${filters.sql}
      ${preAggregate ? groupBy : ""}${withLedger ? ledger : ""}
    )
    ${keys.length ? `GROUP BY GROUPING SETS (${sets})` : ""}`;
  // The range's ends as the UTC instants where its local days start (see zoneDayStartUtc: DST at midnight).
  const params = { from: zoneDayStartUtc(spec.from, spec.tz), to: spec.until ?? zoneDayStartUtc(spec.to, spec.tz), tz: spec.tz, ...scopeParams(spec.scope), ...filters.params };
  return { sql, params, keys };
}

// Rows are checked for shape only: a chart's query returns thousands of rows whose columns this file names
// itself, and validating each value with a record schema cost ~10 µs a row (25 ms on an hourly chart).
const Row = z.custom<Record<string, string | number>>((v) => typeof v === "object" && v !== null && "g_mask" in v, "a measures row");

/**
 * Runs a spec. Each row says which grouping set it belongs to: ClickHouse's grouping() gives a bit per key,
 * 1 where the key is aggregated away (standard semantics), first key the highest bit.
 */
/** Every sum at "0" (frozen: shared): a row's sums start from a copy and get the columns the query asked for. */
export const EMPTY_SUMS: Readonly<MeasureSums> = Object.freeze(Object.fromEntries(SUMMED_MEASURES.map((m) => [m.id, "0"])) as MeasureSums);

export async function queryMeasures(spec: MeasuresSpec): Promise<MeasuresRow[]> {
  const { sql, params, keys } = measuresSql(spec);
  const maskOf = (set: GroupKey[]) => keys.reduce((m, k, i) => (set.includes(k) ? m : m | (1 << (keys.length - 1 - i))), 0);
  // Per grouping set, its keys' output columns; and the sum columns asked for (built once per query: a chart or
  // a change question maps thousands of rows).
  const setByMask = new Map(spec.sets.map((set, i) => [maskOf(set), { set: i, columns: keys.flatMap((k, j) => (set.includes(k) ? [[k, `g_${j}`] as const] : [])) }]));
  const sumColumns = selected(spec.only).map((m) => [m.id, `s_${m.id}`] as const);
  const rows = await chQuery({ name: `measures-${spec.source}`, sql, row: Row }, params);
  return rows.map((r) => {
    const shape = setByMask.get(Number(r.g_mask));
    if (shape === undefined) throw new Error(`Unexpected grouping mask ${r.g_mask}`);
    const row: MeasuresRow = { set: shape.set, bucket: "", keys: {}, sums: { ...EMPTY_SUMS } };
    for (const [k, column] of shape.columns) {
      if (k === "bucket") row.bucket = String(r[column]);
      else row.keys[k] = String(r[column]);
    }
    for (const [id, column] of sumColumns) row.sums[id] = String(r[column] ?? "0");
    return row;
  });
}
