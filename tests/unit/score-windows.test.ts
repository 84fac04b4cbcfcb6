import { describe, expect, it } from "vitest";
import { scoreWindows, seasonalZFlags } from "@/lib/anomaly/score-windows";

const H = 3_600_000;
describe("scoreWindows", () => {
  it("merges flags under 2 h apart into one detection, counts found windows and false alarms", () => {
    const windows = [{ start: 10 * H, end: 20 * H }, { start: 100 * H, end: 110 * H }];
    // 11h and 12.5h: one detection inside window 1; 50h and 51h: one false alarm; 53.5h: another.
    const s = scoreWindows([11 * H, 12.5 * H, 50 * H, 51 * H, 53.5 * H], windows);
    expect(s).toEqual({ windows: 2, found: 1, detections: 3, falseAlarms: 2 });
  });
  it("a detection that starts before a window and runs into it is found, not false", () => {
    expect(scoreWindows([9 * H, 10.5 * H], [{ start: 10 * H, end: 12 * H }])).toEqual({ windows: 1, found: 1, detections: 1, falseAlarms: 0 });
  });
});

describe("seasonalZFlags (baseline)", () => {
  it("flags a value far from the same hour of the previous days only", () => {
    const y = Array.from({ length: 24 * 10 }, (_, i) => (i % 24 >= 9 && i % 24 < 18 ? 100 : 10) + (i % 5));
    y[24 * 9 + 3] = 90;
    const f = seasonalZFlags(y, 24, 4.5);
    expect(f.flatMap((x, i) => (x ? [i] : []))).toEqual([24 * 9 + 3]);
  });
});
