import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SortingState } from "@tanstack/react-table";
import { blankAsUndefined, columnsFor, DataTableView, useDataTable } from "@/components/ui/data-table";

/**
 * The shared table (components/ui/data-table.tsx, @tanstack/react-table 9) rendered to HTML: the order its
 * sorted row model gives, and the headers' aria-sort.
 */
type Row = { id: string; name: string; rate: string; used: string | null };
const rows: Row[] = [
  { id: "1", name: "key 10", rate: "0.000010000", used: "2026-03-02" },
  { id: "2", name: "key 2", rate: "0.0000025", used: null },
  { id: "3", name: "Key 1", rate: "0.00000250", used: "2026-03-01" },
  { id: "4", name: "alpha", rate: "12.5", used: "2026-03-03" },
];
const col = columnsFor<Row>();
const columns = [
  col.accessor("name", { header: "Name", sortFn: "natural" }),
  col.accessor("rate", { header: "Rate", sortFn: "decimal" }),
  col.accessor((r) => blankAsUndefined(r.used), { id: "used", header: "Used", sortFn: "natural", sortUndefined: "last", cell: (c) => c.getValue() ?? "never" }),
  col.display({ id: "actions", header: "" }),
];

function List({ sorting }: { sorting: SortingState }) {
  const table = useDataTable({ data: rows, columns, getRowId: (r) => r.id, sorting, onSortingChange: () => undefined });
  return h(DataTableView<Row>, { table });
}
const render = (sorting: SortingState) => renderToStaticMarkup(h(List, { sorting }));
/** The text of one column's cells, in the order rendered. */
const cells = (html: string, i: number) => [...html.matchAll(/<tr>((?:<td.*?<\/td>)+)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)][i][1]);

describe("the shared table", () => {
  it("sorts text naturally, decimals exactly, and keeps equal rows in the list's order", () => {
    expect(cells(render([{ id: "name", desc: false }]), 0)).toEqual(["alpha", "Key 1", "key 2", "key 10"]);
    // 0.0000025 and 0.00000250 are equal: the list's own order decides; 12.5 is not below 0.00001 as text would have it.
    expect(cells(render([{ id: "rate", desc: false }]), 0)).toEqual(["key 2", "Key 1", "key 10", "alpha"]);
    expect(cells(render([{ id: "rate", desc: true }]), 0)).toEqual(["alpha", "key 10", "key 2", "Key 1"]);
  });
  it("puts blanks last in both directions and leaves the list alone until a header is clicked", () => {
    expect(cells(render([{ id: "used", desc: false }]), 2)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03", "never"]);
    expect(cells(render([{ id: "used", desc: true }]), 2)).toEqual(["2026-03-03", "2026-03-02", "2026-03-01", "never"]);
    expect(cells(render([]), 0)).toEqual(rows.map((r) => r.name));
  });
  it("is a table with column headers: aria-sort and a button on sortable ones, plain text on the others", () => {
    const html = render([{ id: "rate", desc: true }]);
    expect(html).toMatch(/^<table class="table"><thead><tr>/);
    expect(html).toContain('<th aria-sort="none"><button type="button" class="th-sort">Name</button></th>');
    expect(html).toContain('<th aria-sort="descending"><button type="button" class="th-sort">Rate ↓</button></th>');
    expect(html).toContain("<th></th>");
  });
});
