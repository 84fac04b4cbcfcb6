"use client";
import Decimal from "decimal.js";
import type { ReactNode } from "react";
import {
  columnVisibilityFeature,
  constructSortFn,
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_basic,
  tableFeatures,
  useTable,
  type ColumnDef,
  type Header,
  type OnChangeFn,
  type ReactTable,
  type SortingState,
  type ColumnVisibilityState,
  type RowData,
} from "@tanstack/react-table";

/**
 * The app's tables on @tanstack/react-table (v9): one feature set (sorting, column visibility), the sort
 * comparators lists need, and one renderer, so the explorer and every settings list sort and read the same way.
 * The table owns order and state; this file owns the markup: a real <table>, column headers, and on sortable
 * columns a button inside the header (keyboard, visible focus) with aria-sort on the header cell.
 */

/**
 * What a column says beyond its value: the class of its header and cells, a header tooltip, an accessible
 * name for a header without text; per cell, a class and a tooltip made from the cell's value (a change
 * coloured by its sign, a truncated name in full on hover). Methods, so a column may type their value.
 */
export type CellMeta = {
  className?: string;
  title?: string;
  label?: string;
  cellClass?(value: never): string | undefined;
  cellTitle?(value: never): string | undefined;
};

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** A cell's value as its tooltip: a truncated name or note reads in full on hover. */
export const valueTitle = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

/** Text in natural order: "key 2" before "key 10", case and accents aside. */
export const sortFn_natural = constructSortFn({ sort: (a: unknown, b: unknown) => collator.compare(String(a), String(b)) });
/** Exact decimals (money and per-token rates as strings or Decimals): never through a float. */
export const sortFn_decimal = constructSortFn({ sort: (a: Decimal.Value, b: Decimal.Value) => new Decimal(a).cmp(b) });

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { natural: sortFn_natural, decimal: sortFn_decimal, basic: sortFn_basic },
  columnMeta: {} as CellMeta,
});
export type DataTableFeatures = typeof dataTableFeatures;
// Each column has its own value type; a list of them is typed as the library's own column helper types it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DataColumn<T extends RowData> = ColumnDef<DataTableFeatures, T, any>;
export type DataTableInstance<T extends RowData> = ReactTable<DataTableFeatures, T>;
export const columnsFor = <T extends RowData>() => createColumnHelper<DataTableFeatures, T>();

/** A list's columns with its row actions last (a headerless, unsorted column of buttons). */
export function withActions<T extends RowData>(columns: readonly DataColumn<T>[], actions: (row: T) => ReactNode): DataColumn<T>[] {
  return [...columns, columnsFor<T>().display({ id: "actions", header: "", cell: ({ row }) => actions(row.original) })];
}

/** "live" or "revoked" (a credential's revokedAt), sortable, as a badge: one column for keys and tokens. */
export function revocationColumn<T extends { revokedAt: string | null }>(): DataColumn<T> {
  return columnsFor<T>().accessor((r) => (r.revokedAt ? "revoked" : "live"), { id: "status", header: "Status", sortFn: "natural", cell: (c) => (c.getValue() === "revoked" ? <span className="badge muted">revoked</span> : <span className="badge ok">live</span>) });
}

/**
 * A blank (null, undefined, "") as undefined, so a column with `sortUndefined: "last"` keeps it at the end
 * in both directions: a key never used sorts after every date, whichever way.
 */
export const blankAsUndefined = <V,>(v: V | null | undefined | ""): V | undefined => (v === null || v === "" ? undefined : v);

type TableOpts<T extends RowData> = {
  data: readonly T[];
  columns: readonly DataColumn<T>[];
  getRowId: (row: T) => string;
  /** Controlled sort (the explorer keeps it in the URL); without it the table keeps its own, starting unsorted. */
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  /** Columns left out of view that still sort (the explorer's metrics not shown). */
  hidden?: ColumnVisibilityState;
  /** Numbers first biggest (the explorer); lists start ascending. */
  sortDescFirst?: boolean;
};

/** A table over `data`: a click on a header sorts, a second flips (no third "unsorted" state). */
export function useDataTable<T extends RowData>({ data, columns, getRowId, sorting, onSortingChange, hidden, sortDescFirst = false }: TableOpts<T>): DataTableInstance<T> {
  return useTable({
    features: dataTableFeatures,
    columns: columns as DataColumn<T>[],
    data: data as T[],
    getRowId,
    enableSortingRemoval: false,
    enableMultiSort: false,
    sortDescFirst,
    // A controlled slice comes with its setter; the visibility is fixed by the caller, so it needs none.
    state: { ...(sorting ? { sorting } : {}), ...(hidden ? { columnVisibility: hidden } : {}) },
    ...(onSortingChange ? { onSortingChange } : {}),
  });
}

/** A header cell: sortable ones get aria-sort and a button, the others plain text. */
export function HeaderCell<T extends RowData>({ table, header }: { table: DataTableInstance<T>; header: Header<DataTableFeatures, T, unknown> }) {
  const meta = header.column.columnDef.meta ?? {};
  const content = header.isPlaceholder ? null : <table.FlexRender header={header} />;
  if (!header.column.getCanSort()) return <th className={meta.className} title={meta.title} aria-label={meta.label}>{content}</th>;
  const sorted = header.column.getIsSorted();
  return (
    <th className={meta.className} aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}>
      <button type="button" className="th-sort" title={meta.title} onClick={header.column.getToggleSortingHandler()}>
        {content}
        {sorted === "asc" ? " ↑" : sorted === "desc" ? " ↓" : ""}
      </button>
    </th>
  );
}

type RenderProps<T extends RowData> = {
  table: DataTableInstance<T>;
  className?: string;
  testId?: string;
  /** Rows after the data rows (the explorer's "(other)" sum), and a footer (its total). */
  after?: ReactNode;
  foot?: ReactNode;
  /** Wide tables scroll sideways inside their card on a phone. */
  scroll?: boolean;
};

/** Renders a table made by useDataTable, in its sorted order. */
export function DataTableView<T extends RowData>({ table, className = "table", testId, after, foot, scroll }: RenderProps<T>) {
  const markup = (
    <table className={className} data-testid={testId}>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>{group.headers.map((h) => <HeaderCell key={h.id} table={table} header={h} />)}</tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id}>
            {row.getVisibleCells().map((cell) => {
              const meta: CellMeta = cell.column.columnDef.meta ?? {};
              const value = cell.getValue() as never;
              return (
                <td key={cell.id} className={meta.cellClass ? meta.cellClass(value) : meta.className} title={meta.cellTitle?.(value)}>
                  <table.FlexRender cell={cell} />
                </td>
              );
            })}
          </tr>
        ))}
        {after}
      </tbody>
      {foot && <tfoot>{foot}</tfoot>}
    </table>
  );
  return scroll ? <div className="table-scroll">{markup}</div> : markup;
}

/** A list with its own sort state (the settings lists): the hook and the markup in one. */
export function DataTable<T extends RowData>({ data, columns, getRowId, ...render }: Omit<TableOpts<T>, "sorting" | "onSortingChange" | "hidden" | "sortDescFirst"> & Omit<RenderProps<T>, "table">) {
  const table = useDataTable({ data, columns, getRowId });
  return <DataTableView table={table} {...render} />;
}
