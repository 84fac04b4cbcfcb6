import { stringify } from "csv-stringify/browser/esm/sync";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import type { MetricDef } from "./explorer-metrics";
import { contextMetrics, shownKey, type TableRow } from "./explorer-table";

/**
 * Exactly what the explorer table shows, as CSV: the same columns (one or two key columns, the metric, its
 * previous value, change and change %, the context metrics) and the same rows in the shown order, then the
 * total. Money stays the exact decimal (not the rounded display), ratios as fractions.
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
  const header = [...dims, metric.id, `previous_${metric.id}`, `change_${metric.id}`, "change_pct", ...context.map((m) => m.id)];
  const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  const line = (keys: string[], now: SummaryMeasures, prev: SummaryMeasures | undefined, delta: string | number | null, pct: number | null) => [
    ...keys,
    cell(now[metric.id]),
    cell(prev?.[metric.id]),
    cell(delta),
    cell(pct),
    ...context.map((m) => cell(now[m.id])),
  ];
  const keysOf = (r: TableRow) => (dims.length === 2 ? [shownKey(r.key), shownKey(r.key2 ?? "")] : [shownKey(r.key)]);
  const totalKeys = dims.length === 2 ? ["(total)", ""] : ["(total)"];
  return stringify([
    header,
    ...opts.rows.map((r) => line(keysOf(r), r.now, r.prev, r.delta, r.pct)),
    line(totalKeys, opts.total, opts.previousTotal, opts.totalDelta, opts.totalPct),
  ]);
}
