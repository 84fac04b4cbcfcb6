"use client";
import { useMemo, useState, type ReactNode } from "react";
import { nextSort, sortRows, type SortState, type SortValue } from "./sort-rows";

/**
 * A sortable column header: aria-sort on the header cell (where screen readers look for it), a real button
 * inside (keyboard and visible focus), and an arrow for the eye.
 */
export function SortTh<C extends string>({ col, sort, onSort, className, title, children }: { col: C; sort: SortState<C>; onSort: (col: C) => void; className?: string; title?: string; children: ReactNode }) {
  const active = sort.col === col;
  return (
    <th className={className} aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" className="th-sort" title={title} onClick={() => onSort(col)}>
        {children}
        {active ? (sort.dir === "asc" ? " ↑" : " ↓") : ""}
      </button>
    </th>
  );
}

/** A list's sort state and its rows in that order: one state for the table and whatever is made from it. */
export function useSortedRows<T, C extends string>(rows: readonly T[] | undefined, columns: Record<C, (row: T) => SortValue>, initial: SortState<C>) {
  const [sort, setSort] = useState(initial);
  const sorted = useMemo(() => sortRows(rows ?? [], columns, sort), [rows, columns, sort]);
  return { sorted, sort, onSort: (col: C) => setSort((s) => nextSort(s, col)) };
}
