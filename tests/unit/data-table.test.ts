import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SortingState } from "@tanstack/react-table";
import { blankAsUndefined, columnsFor, DataTableView, useDataTable } from "@/components/ui/data-table";
import { BreakdownTable, useBreakdownTable } from "@/components/explore/breakdown-table";
import { metricById } from "@/lib/finops/explorer-metrics";
import { parseExplorerState } from "@/lib/finops/explorer-state";
import { sortTableRows, tableRows, type Group, type TableRow } from "@/lib/finops/explorer-table";
import type { SummaryMeasures } from "@/lib/schemas/summary";

/**
 * The shared table (components/ui/data-table.tsx, @tanstack/react-table 9) rendered to HTML: the order its
 * sorted row model gives, and the headers' aria-sort. And the explorer's table: its order for every sort
 * column is the order the CSV export of a paged view uses (sortTableRows), so screen and file agree.
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

const m = (cost: string, attempts: number, hit = 0.5): SummaryMeasures => ({
  cost_usd: cost, input_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, output_tokens: 0, reasoning_tokens: 0, requests: attempts, attempts,
  cache_hit_rate: hit, cache_savings_usd: "0.000000000", retry_amplification: 1, retry_waste_usd: "0.000000000", reasoning_share: 0,
  reasoning_cost_usd: "0.000000000", cancellation_waste_usd: "0.000000000", cancelled_spend_usd: "0.000000000", unattributed_usd: "0.000000000", unpriced_events: 0,
});
const now: Group[] = [
  { key: "b", ...m("1.000000001", 3, 0.1) },
  { key: "a", ...m("1.000000002", 1, 0.9) },
  { key: "c", ...m("1.000000001", 7, 0.5) },
  { key: "", ...m("0.000000001", 2, 0.2) },
];
const before: Group[] = [{ key: "a", ...m("3.000000000", 1) }, { key: "gone", ...m("0.500000000", 1) }];

function Breakdown({ sort, dir, out, html }: { sort: string; dir: "asc" | "desc"; out: TableRow[][]; html?: boolean }) {
  const state = parseExplorerState(new URLSearchParams({ from: "2026-11-01", to: "2026-11-08", group_by: "repo", sort, dir }), new Date("2026-11-23T10:00:00Z"));
  const data = tableRows(now, before, metricById(state.metric));
  const table = useBreakdownTable(state, data, () => undefined, () => undefined);
  out.push(table.getRowModel().rows.map((r) => r.original));
  const total = m("3.000000005", 13);
  const sortedRows: { current: readonly TableRow[] | null } = { current: null };
  return html ? h(BreakdownTable, { state, rows: data, onSort: () => undefined, onDrill: () => undefined, sortedRows, total, previousTotal: undefined, totalDelta: null, totalPct: null }) : null;
}

describe("the explorer's table and its export", () => {
  // cost_usd is shown, reasoning_tokens is a measure kept out of view (a link may still sort by it).
  for (const sort of ["key", "cost_usd", "delta", "attempts", "cache_hit_rate", "reasoning_tokens"])
    for (const dir of ["asc", "desc"] as const)
      it(`orders rows by ${sort} ${dir} as the export does`, () => {
        const out: TableRow[][] = [];
        renderToStaticMarkup(h(Breakdown, { sort, dir, out }));
        const shown = out[0].map((r) => r.key);
        const cost = metricById("cost_usd");
        expect(shown).toEqual(sortTableRows(tableRows(now, before, cost), sort, dir, cost).map((r) => r.key));
        expect(shown).toHaveLength(5);
      });
  it("shows the metric, its change and the context metrics, not the measures kept out of view", () => {
    const html = renderToStaticMarkup(h(Breakdown, { sort: "reasoning_tokens", dir: "desc", out: [], html: true }));
    const heads = [...html.matchAll(/<th[^>]*>(.*?)<\/th>/g)].slice(0, 12).map((x) => x[1].replace(/<[^>]+>/g, ""));
    expect(heads).toEqual(["repo", "Spend", "Previous", "Change", "Change %", "Requests", "Attempts", "Retry amplification", "Cache hit rate", "Reasoning share", "", "Total"]);
    const firstRow = html.match(/<tbody><tr>(.*?)<\/tr>/)![1];
    expect([...firstRow.matchAll(/<td/g)]).toHaveLength(11);
    expect(html).not.toContain("Reasoning tokens");
  });
  it("sorts money exactly and the change with the group that stopped", () => {
    const out: TableRow[][] = [];
    renderToStaticMarkup(h(Breakdown, { sort: "cost_usd", dir: "desc", out }));
    renderToStaticMarkup(h(Breakdown, { sort: "delta", dir: "asc", out }));
    // 1.000000002 > 1.000000001: a float would tie them; the tie of b and c keeps the API's order.
    expect(out[0].map((r) => r.key)).toEqual(["a", "b", "c", "", "gone"]);
    expect(out[1].map((r) => r.key)).toEqual(["a", "gone", "", "b", "c"]);
  });
});
