"use client";
import { useMemo, type RefObject } from "react";
import type { SortingState, Updater } from "@tanstack/react-table";
import { DataTableView, useDataTable, type DataTableInstance } from "@/components/ui/data-table";
import type { Dimension } from "@/lib/dimensions";
import { formatDelta, formatMetric, formatPct, metricById } from "@/lib/finops/explorer-metrics";
import { tracesHref, type ExplorerState } from "@/lib/finops/explorer-state";
import { contextMetrics, type TableRow } from "@/lib/finops/explorer-table";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import { breakdownColumns, changeClass } from "./breakdown-columns";

/**
 * The breakdown's table model (@tanstack/react-table): its sort is the URL's (sort, dir), a header click
 * writes the URL, and the explorer's CSV export takes its rows from this table's sorted row model.
 */
export function useBreakdownTable(state: ExplorerState, rows: readonly TableRow[], onSort: (sort: string, dir: "asc" | "desc") => void, onDrill: (key: string, key2?: string) => void): DataTableInstance<TableRow> {
  const { columns, hidden } = useMemo(() => {
    const dims: Dimension[] = state.groupBy2 ? [state.groupBy, state.groupBy2] : [state.groupBy];
    const keysOf = (r: TableRow): Partial<Record<Dimension, string>> => ({ [state.groupBy]: r.key, ...(state.groupBy2 ? { [state.groupBy2]: r.key2 ?? "" } : {}) });
    return breakdownColumns({ dims, metric: metricById(state.metric), onDrill, tracesHref: (r) => tracesHref(state, keysOf(r)) });
    // onDrill closes over the state it is made from: the state is the dependency.
  }, [state]);
  const sorting = useMemo<SortingState>(() => [{ id: state.sort, desc: state.dir === "desc" }], [state.sort, state.dir]);
  const onSortingChange = (u: Updater<SortingState>) => {
    const next = (typeof u === "function" ? u(sorting) : u)[0];
    // Only a real change goes to the URL: writing the same sort back could undo a navigation in flight.
    if (next && (next.id !== state.sort || next.desc !== (state.dir === "desc"))) onSort(next.id, next.desc ? "desc" : "asc");
  };
  // A click on another column sorts it biggest first; on the sorted one, flips.
  return useDataTable({ data: rows, columns, getRowId: (r) => JSON.stringify([r.key, r.key2]), sorting, onSortingChange, hidden, sortDescFirst: true });
}

type Props = {
  state: ExplorerState;
  rows: readonly TableRow[];
  onSort: (sort: string, dir: "asc" | "desc") => void;
  onDrill: (key: string, key2?: string) => void;
  /** Receives the rows in the table's order (its sorted row model), for the CSV export. */
  sortedRows: RefObject<readonly TableRow[] | null>;
  total: SummaryMeasures;
  previousTotal: SummaryMeasures | undefined;
  totalDelta: string | number | null;
  totalPct: number | null;
  /** The previous period had no usage at all: the change is "new", not a dollar amount or a percentage. */
  totalIsNew?: boolean;
  /** The sum of the groups not shown (a paged big grouping), and how many they are. */
  other?: SummaryMeasures | null;
  otherCount?: number;
};

/** The groups of the view with their previous-period change; a click on a name drills down. */
export function BreakdownTable({ state, rows, onSort, onDrill, sortedRows, total, previousTotal, totalDelta, totalPct, totalIsNew = false, other, otherCount = 0 }: Props) {
  // The table lives here, not in the page: its store's updates re-render this table, not the page and its chart.
  const table = useBreakdownTable(state, rows, onSort, onDrill);
  sortedRows.current = table.getRowModel().rows.map((r) => r.original);
  const metric = metricById(state.metric);
  const context = contextMetrics(metric);
  const keyColumns = state.groupBy2 ? 2 : 1;
  const otherRow = other && (
    <tr className="other-row" data-testid="explore-other-row">
      <th scope="row" colSpan={keyColumns} className="muted" title="Every group not shown, summed: the rows above plus this one add up to the total">(other: {otherCount.toLocaleString("en-US")} more)</th>
      <td className="num">{formatMetric(metric, other[metric.id])}</td>
      <td className="num muted">–</td>
      <td className="num muted">–</td>
      <td className="num muted">–</td>
      {context.map((m) => <td key={m.id} className="num">{formatMetric(m, other[m.id])}</td>)}
      <td />
    </tr>
  );
  const totalRow = (
    <tr>
      <th scope="row" colSpan={keyColumns}>Total</th>
      <td className="num" data-testid="explore-table-total">{formatMetric(metric, total[metric.id])}</td>
      <td className="num muted">{previousTotal ? formatMetric(metric, previousTotal[metric.id]) : "–"}</td>
      <td className={changeClass(metric, totalDelta)}>{totalIsNew ? "new" : formatDelta(metric, totalDelta)}</td>
      <td className={changeClass(metric, totalDelta)}>{formatPct(totalPct, totalIsNew)}</td>
      {context.map((m) => <td key={m.id} className="num">{formatMetric(m, total[m.id])}</td>)}
      <td />
    </tr>
  );
  return <DataTableView table={table} className="table compact" testId="explore-table" after={otherRow} foot={totalRow} scroll />;
}
