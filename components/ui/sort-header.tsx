"use client";
import type { ReactNode } from "react";

/**
 * A sortable column header of the explorer's table, whose sort lives in the URL: aria-sort on the header cell
 * (where screen readers look for it), a real button inside (keyboard and visible focus), and an arrow for the
 * eye. The other tables are react-table models rendered by components/ui/data-table.tsx, with the same markup.
 */
export type SortState<C extends string = string> = { col: C | null; dir: "asc" | "desc" };
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
