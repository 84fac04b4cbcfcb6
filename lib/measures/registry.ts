/**
 * The one list of PRODUCT.md measures. Every other place that lists measures is derived from it: the SQL select
 * lists (lib/clickhouse/queries/measures.ts), the stored sums and their conversion (lib/finops/measures.ts), the
 * zod response schema (lib/schemas/summary.ts, hence the timeseries metric enum and the OpenAPI document), the
 * explorer's metric list (lib/finops/explorer-metrics.ts) and so its table and CSV columns.
 *
 * Adding a measure: one entry here, in the place it should take in API responses (JSON key order follows this
 * list). A sum over events needs a column that holds it: raw events have it (computed at ingest, lib/ingest/
 * to-row.ts and lib/finops/recompute.ts), and when the rollups must have it too, a migration adding it to
 * usage_hourly, usage_daily and their views. A ratio of two sums needs nothing else.
 *
 * Why the SQL pieces sit here, as plain strings, and not in lib/clickhouse: client components import this
 * module for labels, definitions and formats, and lib/clickhouse is server-only. Keeping one entry per measure
 * beats splitting it in two files that must be kept in step; the strings are column expressions, not queries:
 * only lib/clickhouse/queries/measures.ts assembles them into SQL, with bound parameters. This module imports
 * nothing, so it can go into any bundle.
 */

export type MeasureKind = "money" | "count" | "ratio";
/** How a value is shown: USD, an integer, a percentage, or a multiple ("1.25×"). */
export type MeasureFormat = "usd" | "integer" | "percent" | "times";

/**
 * How a sum is computed, as ClickHouse expressions. Each summed measure is Σ (usage part) + Σ (ledger part):
 * - row: per rollup row, when rows go straight into GROUPING SETS (no pre-aggregation);
 * - rollup: an aggregate over usage_hourly / usage_daily rows;
 * - raw: an aggregate over usage_events rows (one row per attempt);
 * - ledger: an aggregate over retry_waste rows (one row per wasted attempt, with its cost); absent = 0.
 * A part that is absent or "zero" is the kind's zero (Decimal for money, UInt64 for counts).
 */
export type MeasureSql = { row: string; rollup: string; raw: string; ledger?: string };

type Common = { label: string; definition: string };
export type SummedMeasureDef = Common & { kind: "money" | "count"; format: "usd" | "integer"; sql: MeasureSql };
/**
 * `undefinedWithoutDen`: the ratio is undefined (null in the API, "—" on screen), never 0, where the numerator
 * is positive and the denominator 0 (PRODUCT.md: retry amplification of a scope with attempts but no request
 * ending in it). Other ratios are 0 over a zero denominator.
 */
export type RatioMeasureDef<Id extends string = string> = Common & { kind: "ratio"; format: "percent" | "times"; ratio: { num: Id; den: Id }; undefinedWithoutDen?: true };

/** A column summed as it is: the same name on raw events and rollups. */
const sumOf = (column: string): MeasureSql => ({ row: column, rollup: `sum(${column})`, raw: `sum(${column})` });
/** Cost where a condition holds (the rollups keep status and team, so it works on every source). */
const costIf = (condition: string): MeasureSql => ({ row: `if(${condition}, cost_usd, ZERO)`, rollup: `sumIf(cost_usd, ${condition})`, raw: `sumIf(cost_usd, ${condition})` });
/** "ZERO" in an expression is the kind's zero (a typed literal, so UNION ALL branches agree). */
const NONE: MeasureSql = { row: "ZERO", rollup: "ZERO", raw: "ZERO" };

const money = (label: string, definition: string, sql: MeasureSql) => ({ kind: "money", format: "usd", label, definition, sql }) as const;
const count = (label: string, definition: string, sql: MeasureSql) => ({ kind: "count", format: "integer", label, definition, sql }) as const;

/** Every measure, in API order. */
export const MEASURE_REGISTRY = {
  cost_usd: money("Spend", "Σ cost of every billed call attempt, priced at ingest with the price in force at each call.", sumOf("cost_usd")),
  input_tokens: count("Input tokens", "All prompt tokens, cached ones included.", sumOf("input_tokens")),
  cache_read_tokens: count("Cache-read tokens", "Part of input served from the prompt cache.", sumOf("cache_read_tokens")),
  cache_write_tokens: count("Cache-write tokens", "Part of input written to the prompt cache.", sumOf("cache_write_tokens")),
  output_tokens: count("Output tokens", "All generated tokens, reasoning included.", sumOf("output_tokens")),
  reasoning_tokens: count("Reasoning tokens", "Part of output spent on reasoning.", sumOf("reasoning_tokens")),
  // Each logical request has exactly one last attempt, so requests = attempts − wasted attempts: they add up
  // across groups and periods, and a request counts where its last attempt falls.
  requests: count(
    "Requests",
    "Logical requests: an event without request_id is its own request; a request counts once, where its last attempt falls (so a view of failed attempts alone has none).",
    { row: "toInt64(attempts)", rollup: "toInt64(sum(attempts))", raw: "toInt64(count())", ledger: "-toInt64(count())" },
  ),
  attempts: count("Attempts", "Billed call attempts, retries included.", { row: "attempts", rollup: "sum(attempts)", raw: "count()" }),
  cache_hit_rate: { kind: "ratio", format: "percent", label: "Cache hit rate", definition: "Σ cache-read tokens ÷ Σ input tokens.", ratio: { num: "cache_read_tokens", den: "input_tokens" } },
  cache_savings_usd: money(
    "Cache savings",
    "Σ cache_read·(input price − cache-read price) − Σ cache_write·(cache-write price − input price).",
    sumOf("cache_savings_usd"),
  ),
  retry_amplification: {
    kind: "ratio",
    format: "times",
    label: "Retry amplification",
    definition: "Attempts ÷ logical requests; undefined (—) where there are attempts but no request ends (e.g. only failed attempts).",
    ratio: { num: "attempts", den: "requests" },
    undefinedWithoutDen: true,
  },
  retry_waste_usd: money("Retry waste", "Cost of every attempt that is not the last attempt of its request.", { ...NONE, ledger: "sum(cost_usd)" }),
  reasoning_share: { kind: "ratio", format: "percent", label: "Reasoning share", definition: "Σ reasoning tokens ÷ Σ output tokens.", ratio: { num: "reasoning_tokens", den: "output_tokens" } },
  reasoning_cost_usd: money("Reasoning cost", "Σ reasoning tokens × reasoning price.", sumOf("reasoning_cost_usd")),
  cancellation_waste_usd: money(
    "Cancellation waste",
    "Over cancelled calls: (output − delivered output) × output price; all output when delivery is unknown.",
    sumOf("cancellation_waste_usd"),
  ),
  cancelled_spend_usd: money("Cancelled spend", "Total cost of cancelled calls.", costIf("status = 'cancelled'")),
  unattributed_usd: money("Unattributed", "Cost of calls with no team after ownership rules and ingest-key defaults ran.", costIf("team = ''")),
  unpriced_events: count(
    "Unpriced events",
    "Calls whose provider and model have no price in force: stored and counted, costed at nothing until priced and repriced.",
    { row: "if(priced, ZERO, attempts)", rollup: "sumIf(attempts, NOT priced)", raw: "countIf(NOT priced)" },
  ),
} as const;

type Registry = typeof MEASURE_REGISTRY;
export type MeasureId = keyof Registry;
/** Measures stored as sums (everything but ratios). */
export type SummedMeasureId = { [K in MeasureId]: Registry[K]["kind"] extends "ratio" ? never : K }[MeasureId];
export type RatioMeasureId = Exclude<MeasureId, SummedMeasureId>;
export type MoneyMeasureId = { [K in MeasureId]: Registry[K]["kind"] extends "money" ? K : never }[MeasureId];

export type MeasureDef = (SummedMeasureDef | RatioMeasureDef<SummedMeasureId>) & { id: MeasureId };

// Compile-time check of every entry's shape (a ratio must divide two summed measures).
const checked: Record<MeasureId, SummedMeasureDef | RatioMeasureDef<SummedMeasureId>> = MEASURE_REGISTRY;

/** Every measure with its id, in API order. */
export const MEASURES: readonly MeasureDef[] = Object.entries(checked).map(([id, m]) => ({ ...m, id: id as MeasureId }));
export const MEASURE_IDS = MEASURES.map((m) => m.id) as [MeasureId, ...MeasureId[]];
export const SUMMED_MEASURES = MEASURES.filter((m): m is SummedMeasureDef & { id: SummedMeasureId } => m.kind !== "ratio");
export const RATIO_MEASURES = MEASURES.filter((m): m is RatioMeasureDef<SummedMeasureId> & { id: RatioMeasureId } => m.kind === "ratio");
/** The measures that are money (decimal strings); the others are counts or ratios. */
export const MONEY_MEASURES: ReadonlySet<MeasureId> = new Set(MEASURES.filter((m) => m.kind === "money").map((m) => m.id));

const BY_ID = new Map(MEASURES.map((m) => [m.id, m]));
export const measureDef = (id: MeasureId): MeasureDef => BY_ID.get(id)!;

/** The stored sums a set of measures is computed from (a ratio needs its numerator and denominator). */
export function sumsOf(ids: readonly MeasureId[]): SummedMeasureId[] {
  const out = new Set<SummedMeasureId>();
  for (const id of ids) {
    const m = measureDef(id);
    if (m.kind === "ratio") out.add(m.ratio.num).add(m.ratio.den);
    else out.add(id as SummedMeasureId);
  }
  return [...out];
}
