import { describe, expect, it } from "vitest";
import { OVERSCAN, rowWindow } from "@/components/trace/virtual-rows";

describe("the call tree's row window", () => {
  it("renders the rows in view plus a margin, spacers standing in for the rest", () => {
    // 10 000 rows of 36 px, an 800 px viewport scrolled to row 5 000.
    const w = rowWindow(10_000, 5_000 * 36, 800, 36);
    expect(w.start).toBe(5_000 - OVERSCAN);
    expect(w.end).toBe(5_000 + Math.ceil(800 / 36) + OVERSCAN);
    expect(w.end - w.start).toBeLessThan(100);
    expect(w.padTop + (w.end - w.start) * 36 + w.padBottom).toBe(10_000 * 36);
  });
  it("clamps at both ends and when scrolled past the last row", () => {
    expect(rowWindow(10_000, 0, 800, 36)).toMatchObject({ start: 0, padTop: 0 });
    const last = rowWindow(10_000, 10_000 * 36 + 5_000, 800, 36);
    expect(last.end).toBe(10_000);
    expect(last.padBottom).toBe(0);
    expect(rowWindow(0, 0, 800, 36)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
    expect(rowWindow(3, 0, 800, 0)).toMatchObject({ start: 0, end: 3 });
  });
});
