"use client";
import { columnsFor, type DataColumn } from "@/components/ui/data-table";
import type { Dimension } from "@/lib/dimensions";
import { formatDelta, formatMetric, formatPct, METRICS, type MetricDef } from "@/lib/finops/explorer-metrics";
import { compareRows, contextMetrics, shownKey, type TableRow } from "@/lib/finops/explorer-table";
import { MetricCell } from "./money-cell";

const col = columnsFor<TableRow>();
/** Every call of the group lacks a price (its money reads "unpriced", see MetricCell). */
const unpriced = (m: TableRow["prev"]) => !!m && Number(m.attempts) > 0 && Number(m.unpriced_events) >= Number(m.attempts);
/** A comparison cell whose previous period is still loading. */
const Pending = () => <span className="muted" title="Loading the previous period…" aria-label="loading">…</span>;
export const dimLabel = (d: string) => d.replace(/_/g, " ");
// Up is bad for spend and waste, good for savings and cache hits: colour the change by what it means.
const GOOD_WHEN_UP = new Set<string>(["cache_savings_usd", "cache_hit_rate"]);
export function changeClass(m: MetricDef, delta: string | number | null): string {
  const n = Number(delta ?? 0);
  if (n === 0) return "num";
  return `num ${n > 0 === GOOD_WHEN_UP.has(m.id) ? "good" : "bad"}`;
}

type Setup = {
  dims: readonly Dimension[];
  metric: MetricDef;
  onDrill: (key: string, key2?: string) => void;
  tracesHref: (r: TableRow) => string;
};

/** A sort column's comparator (lib/finops/explorer-table.ts) as the table's sort function. */
const sortBy = (id: string, metric: MetricDef) => {
  const cmp = compareRows(id, metric);
  return (a: { original: TableRow }, b: { original: TableRow }) => cmp(a.original, b.original);
};

/** A measure's column (the selected metric, a context one, or one kept out of view that still sorts). */
const measureColumn = (m: MetricDef): DataColumn<TableRow> =>
  col.accessor((r) => r.now[m.id], {
    id: m.id,
    header: m.label,
    sortFn: sortBy(m.id, m),
    meta: { className: "num", title: m.definition },
    cell: (c) => <MetricCell metric={m} m={c.row.original.now} />,
  });

/**
 * The explorer's columns from the measure registry (the explorer's metric list): the group keys, the metric,
 * its previous value and change, the context metrics; every other measure is a column kept out of view (so
 * a link sorted by it still sorts), then the link to the group's traces. Key and measure columns sort with
 * the comparators the export uses; the sort state itself is the URL's.
 */
export function breakdownColumns({ dims, metric, onDrill, tracesHref }: Setup): { columns: DataColumn<TableRow>[]; hidden: Record<string, boolean> } {
  const context = contextMetrics(metric);
  const shown = new Set([metric.id, ...context.map((m) => m.id)]);
  const keyColumn = (i: 0 | 1): DataColumn<TableRow> =>
    col.accessor((r) => (i === 0 ? r.key : r.key2 ?? ""), {
      id: i === 0 ? "key" : "key2",
      header: dimLabel(dims[i]),
      sortFn: sortBy(i === 0 ? "key" : "key2", metric),
      meta: { className: "truncate", cellTitle: (raw: string) => shownKey(raw) },
      cell: (c) => {
        const r = c.row.original;
        const raw = c.getValue();
        const v = shownKey(raw);
        return (
          <button className="link" title={`Filter to ${dimLabel(dims[0])} ${shownKey(r.key)}${dims[1] ? ` and ${dimLabel(dims[1])} ${shownKey(r.key2 ?? "")}` : ""}, then drill down`} onClick={() => onDrill(r.key, r.key2)}>
            {/* The empty value is flagged by being empty, and drawn in italics: a real value "(none)" reads as text. */}
            {raw === "" ? <span className="label-flag">{v}</span> : v}
          </button>
        );
      },
    });
  const columns: DataColumn<TableRow>[] = [
    keyColumn(0),
    ...(dims[1] ? [keyColumn(1)] : []),
    measureColumn(metric),
    col.accessor((r) => r.prev?.[metric.id] ?? null, {
      id: "previous",
      header: "Previous",
      enableSorting: false,
      meta: { className: "num", cellClass: () => "num muted", title: `The same ${metric.label.toLowerCase()} over the period of equal length just before` },
      // "…" while the previous period loads (a paged table fetches it after the rows): "–" would read as "none".
      cell: (c) => (!c.row.original.compared ? <Pending /> : c.row.original.prev ? formatMetric(metric, c.row.original.prev[metric.id]) : "–"),
    }),
    col.accessor((r) => r.delta, {
      id: "delta",
      header: "Change",
      sortFn: sortBy("delta", metric),
      meta: { className: "num", cellClass: (d: string | number | null) => changeClass(metric, d) },
      // Against an empty baseline the change is not a dollar amount but news: "new", as in Change %.
      // An unpriced group has no amount to compare: "–", not "$0.00".
      cell: (c) => (!c.row.original.compared ? <Pending /> : c.row.original.isNew ? "new" : metric.kind === "money" && (unpriced(c.row.original.now) || unpriced(c.row.original.prev)) ? "–" : formatDelta(metric, c.getValue())),
    }),
    col.accessor((r) => r.delta, {
      id: "pct",
      header: "Change %",
      enableSorting: false,
      meta: { className: "num", cellClass: (d: string | number | null) => changeClass(metric, d) },
      cell: (c) => (!c.row.original.compared ? <Pending /> : formatPct(c.row.original.pct, c.row.original.isNew)),
    }),
    ...context.map(measureColumn),
    ...METRICS.filter((m) => !shown.has(m.id)).map(measureColumn),
    col.display({
      id: "traces",
      header: "",
      meta: { label: "Traces" },
      cell: (c) => <a className="row-link" href={tracesHref(c.row.original)} title="Most expensive traces of this group">Traces</a>,
    }),
  ];
  const hidden = Object.fromEntries(METRICS.filter((m) => !shown.has(m.id)).map((m) => [m.id, false]));
  return { columns, hidden };
}
