import Decimal from "decimal.js";

/**
 * Client-side sorting of the settings lists (@tanstack/react-table is not installed here; this is the part of
 * it the lists need). Pure, so the order on screen and any export made from it are the same one function.
 */
export type SortDir = "asc" | "desc";
/** col null: the list's own order (as the API gave it) until a header is clicked. */
export type SortState<C extends string = string> = { col: C | null; dir: SortDir };
/** Money and rates sort as exact decimals (a Decimal), never as floats. */
export type SortValue = string | number | Decimal | null | undefined;

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Compares two cell values: numbers numerically, text by a natural collation ("key 2" < "key 10"), blanks last. */
export function compareValues(a: SortValue, b: SortValue): number {
  const blankA = a === null || a === undefined || a === "";
  const blankB = b === null || b === undefined || b === "";
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? 1 : -1;
  if (a instanceof Decimal && b instanceof Decimal) return a.cmp(b);
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/** The rows by a column, stable (equal values keep the list's own order); blanks stay last either way. */
export function sortRows<T, C extends string>(rows: readonly T[], columns: Record<C, (row: T) => SortValue>, sort: SortState<C>): T[] {
  if (sort.col === null) return [...rows];
  const get = columns[sort.col];
  const sign = sort.dir === "asc" ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: get(row) }))
    .sort((x, y) => {
      const blank = (v: SortValue) => v === null || v === undefined || v === "";
      if (blank(x.v) !== blank(y.v)) return blank(x.v) ? 1 : -1;
      return sign * compareValues(x.v, y.v) || x.i - y.i;
    })
    .map((x) => x.row);
}

/** The next sort after a click on a column: the same column flips, another starts ascending. */
export const nextSort = <C extends string>(s: SortState<C>, col: C): SortState<C> => (s.col === col ? { col, dir: s.dir === "asc" ? "desc" : "asc" } : { col, dir: "asc" });
