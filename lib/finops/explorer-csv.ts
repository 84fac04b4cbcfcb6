import type { SummaryMeasures } from "@/lib/schemas/summary";
import type { MetricDef } from "./explorer-metrics";
import { toCsv } from "./csv";
import { METRICS } from "./explorer-metrics";
import { valueLabel } from "./format";
import { contextMetrics, type TableRow } from "./explorer-table";

/**
 * Exactly what the explorer table shows, as CSV: the same columns (one or two key columns, the metric, its
 * previous value, change and change %, the context metrics) and the same rows in the shown order, then the
 * total. Money stays the exact decimal (not the rounded display); for spreadsheets, shares and rates are
 * percentages ("42.18%", which a spreadsheet reads as 0.4218 shown as a percentage), the change too, and
 * retry amplification is rounded to 3 decimals. The empty value of a dimension is "Unattributed", as on screen.
 *
 * The first column, `row`, says what a line is ("group" or "total"): the total is flagged there rather than
 * named "(total)" in a key column, so a real value "(total)" cannot be mistaken for it. Cells go through the shared CSV-injection guard (./csv).
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
  const kindOf = (id: string) => METRICS.find((m) => m.id === id)?.kind ?? "count";
  const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? "" : `${(v * 100).toFixed(2)}%`);
  // A measure as a spreadsheet wants it: money exact, ratios as percentages, "times" to 3 decimals.
  const measure = (id: string, v: string | number | null | undefined) => {
    if (v === null || v === undefined) return "";
    const kind = kindOf(id);
    return kind === "ratio" ? pct(Number(v)) : kind === "times" ? Number(v).toFixed(3) : String(v);
  };
  const line = (kind: "group" | "total", keys: string[], now: SummaryMeasures, prev: SummaryMeasures | undefined, delta: string | number | null, change: number | null) => [
    kind,
    ...keys,
    measure(metric.id, now[metric.id]),
    measure(metric.id, prev?.[metric.id]),
    measure(metric.id, delta),
    pct(change),
    ...context.map((m) => measure(m.id, now[m.id])),
    ...extra.map((id) => cell(now[id])),
  ];
  const keysOf = (r: TableRow) => (dims.length === 2 ? [r.key, r.key2 ?? ""] : [r.key]).map(valueLabel);
  const totalKeys = dims.map(() => "");
  return toCsv([
    header,
    ...opts.rows.map((r) => line("group", keysOf(r), r.now, r.prev, r.delta, r.pct)),
    line("total", totalKeys, opts.total, opts.previousTotal, opts.totalDelta, opts.totalPct),
  ]);
}
