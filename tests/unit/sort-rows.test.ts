import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { nextSort, sortRows } from "@/components/ui/sort-rows";

type Row = { name: string; rate: string; used: string | null };
const rows: Row[] = [
  { name: "key 10", rate: "0.000010000", used: "2026-03-02" },
  { name: "key 2", rate: "0.0000025", used: null },
  { name: "Key 1", rate: "0.00000250", used: "2026-03-01" },
  { name: "alpha", rate: "12.5", used: "2026-03-03" },
];
const cols = { name: (r: Row) => r.name, rate: (r: Row) => new Decimal(r.rate), used: (r: Row) => r.used };

describe("settings list sorting", () => {
  it("sorts text naturally, decimals exactly, and keeps equal rows in the list's order", () => {
    expect(sortRows(rows, cols, { col: "name", dir: "asc" }).map((r) => r.name)).toEqual(["alpha", "Key 1", "key 2", "key 10"]);
    // 0.0000025 and 0.00000250 are equal: the list's own order decides; 12.5 is not below 0.00001 as text would have it.
    expect(sortRows(rows, cols, { col: "rate", dir: "asc" }).map((r) => r.name)).toEqual(["key 2", "Key 1", "key 10", "alpha"]);
    expect(sortRows(rows, cols, { col: "rate", dir: "desc" }).map((r) => r.name)).toEqual(["alpha", "key 10", "key 2", "Key 1"]);
  });
  it("puts blanks last in both directions and leaves the list alone until a header is clicked", () => {
    expect(sortRows(rows, cols, { col: "used", dir: "asc" }).map((r) => r.used)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03", null]);
    expect(sortRows(rows, cols, { col: "used", dir: "desc" }).map((r) => r.used)).toEqual(["2026-03-03", "2026-03-02", "2026-03-01", null]);
    expect(sortRows(rows, cols, { col: null, dir: "asc" })).toEqual(rows);
  });
  it("flips on a second click and starts ascending on another column", () => {
    expect(nextSort({ col: "name", dir: "asc" }, "name")).toEqual({ col: "name", dir: "desc" });
    expect(nextSort({ col: "name", dir: "desc" }, "rate")).toEqual({ col: "rate", dir: "asc" });
  });
});
