import type { SummaryMeasures } from "@/lib/schemas/summary";
import type { MetricDef } from "./explorer-metrics";
import { toCsv } from "./csv";
import { contextMetrics, type TableRow } from "./explorer-table";

/**
 * Exactly what the explorer table shows, as CSV: the same columns (one or two key columns, the metric, its
 * previous value, change and change %, the context metrics) and the same rows in the shown order, then the
 * total. Money stays the exact decimal (not the rounded display), ratios as fractions.
 *
 * The first column, `row`, says what a line is ("group" or "total"): the total is flagged there rather than
 * named "(total)" in a key column, so a real value "(total)" or "(none)" cannot be mistaken for it, and a
 * group's empty value stays an empty cell. Cells go through the shared CSV-injection guard (./csv).
 */
export function explorerCsv(opts: {
  dims: readonly string[];
  metric: MetricDef;
  rows: readonly TableRow[];
  total: SummaryMeasures;
  previousTotal: SummaryMeasures | undefined;
  totalDelta: string | number | null;
  totalPct: number | null;
}): string {
  const { dims, metric } = opts;
  const context = contextMetrics(metric);
  // Attempts and unpriced events always ride along: money of unpriced calls is 0 here and "unpriced" on
  // screen, and this is how a spreadsheet tells the two apart.
  const extra = (["attempts", "unpriced_events"] as const).filter((id) => id !== metric.id && !context.some((m) => m.id === id));
  const header = ["row", ...dims, metric.id, `previous_${metric.id}`, `change_${metric.id}`, "change_pct", ...context.map((m) => m.id), ...extra];
  const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  const line = (kind: "group" | "total", keys: string[], now: SummaryMeasures, prev: SummaryMeasures | undefined, delta: string | number | null, pct: number | null) => [
    kind,
    ...keys,
    cell(now[metric.id]),
    cell(prev?.[metric.id]),
    cell(delta),
    cell(pct),
    ...context.map((m) => cell(now[m.id])),
    ...extra.map((id) => cell(now[id])),
  ];
  const keysOf = (r: TableRow) => (dims.length === 2 ? [r.key, r.key2 ?? ""] : [r.key]);
  const totalKeys = dims.map(() => "");
  return toCsv([
    header,
    ...opts.rows.map((r) => line("group", keysOf(r), r.now, r.prev, r.delta, r.pct)),
    line("total", totalKeys, opts.total, opts.previousTotal, opts.totalDelta, opts.totalPct),
  ]);
}
