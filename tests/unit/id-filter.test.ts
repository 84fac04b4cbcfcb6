import { describe, expect, it } from "vitest";
import { IdFilter } from "@/lib/clickhouse/id-filter";

/** The writer's stored-id filter: never "absent" for an added id (that would store an event twice). */
describe("IdFilter", () => {
  it("has no false negatives as it grows past its first layer, and few false positives", () => {
    const f = new IdFilter(10_000);
    const ids = Array.from({ length: 100_000 }, (_, i) => (i % 3 === 0 ? crypto.randomUUID() : `evt-${i}-${"é".repeat(i % 4)}`));
    for (const id of ids) f.add(id);
    expect(f.count).toBe(100_000);
    expect(ids.filter((id) => !f.mightContain(id))).toEqual([]);
    const others = Array.from({ length: 100_000 }, (_, i) => `other-${i}`);
    const falsePositives = others.filter((id) => f.mightContain(id)).length;
    // 0.1 % per layer; five layers here (10k, 20k, 40k, 80k capacity) → well under 1 %.
    expect(falsePositives).toBeLessThan(1000);
  });

  it("tells ids apart that differ in one character or only in order", () => {
    const f = new IdFilter();
    f.add("ab");
    expect([f.mightContain("ab"), f.mightContain("ba"), f.mightContain("abc"), f.mightContain("")]).toEqual([true, false, false, false]);
  });
});
