import { describe, expect, it } from "vitest";
import { defaultOptions, detect } from "@/lib/anomaly/detect";
import { cliOptions, detectCsv, parseSeriesCsv, SeriesInputError } from "@/lib/anomaly/series-csv";

/** A deterministic hourly cost series with a daily and a weekly rhythm and noise (seeded LCG). */
function seasonalHourly(hours: number, seed = 7): number[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
  return Array.from({ length: hours }, (_, i) => {
    const hod = i % 24;
    const dow = Math.floor(i / 24) % 7;
    const weekday = dow < 5 ? 1 : 0.35;
    const daily = hod >= 8 && hod < 19 ? 1 : 0.25;
    return 100 * weekday * daily + 10 + 4 * rnd();
  });
}

const HOUR = 3_600_000;
const flaggedIdx = (v: ReturnType<typeof detect>) => v.flatMap((p) => (p?.flagged ? [p.index] : []));

describe("detect (MSTL baseline, MAD scale, causal)", () => {
  const opts = defaultOptions(HOUR);

  it("stays quiet on the normal daily and weekly rhythm", () => {
    const v = detect(seasonalHourly(24 * 35), opts);
    expect(flaggedIdx(v)).toEqual([]);
    expect(v.filter(Boolean).length).toBe(24 * 21); // it did score the points
  });

  it("flags a spike in a quiet hour, with its expected value near the rhythm", () => {
    const y = seasonalHourly(24 * 35);
    const at = 24 * 30 + 3; // a weekday at 03:00, normally ~35
    y[at] += 60;
    const v = detect(y, opts);
    expect(flaggedIdx(v)).toEqual([at]);
    expect(v[at]!.expected).toBeGreaterThan(20);
    expect(v[at]!.expected).toBeLessThan(50);
    expect(v[at]!.score).toBeGreaterThan(opts.threshold);
  });

  it("a weekday's busy hours are not anomalous after a weekend (weekly seasonality)", () => {
    const y = seasonalHourly(24 * 36);
    const v = detect(y, opts);
    const monday = 24 * 35 + 10;
    expect(v[monday]?.flagged).toBe(false);
  });

  it("flags a level shift where it starts, and accepts the new level after a while", () => {
    const y = seasonalHourly(24 * 49).map((x, i) => (i >= 24 * 28 ? x + 60 : x));
    const f = flaggedIdx(detect(y, opts));
    expect(f[0]).toBeGreaterThanOrEqual(24 * 28);
    expect(f[0]).toBeLessThan(24 * 29);
    // Three weeks later the shifted level is the baseline: the last week is quiet.
    expect(f.filter((i) => i >= 24 * 42)).toEqual([]);
  });

  it("gives no verdict on a short history", () => {
    // Thirteen days: less than two weekly cycles, so no verdict yet, even on a huge spike.
    const y = seasonalHourly(24 * 13);
    y[24 * 12] = 10_000;
    expect(detect(y, opts).every((p) => p === null)).toBe(true);
  });

  it("direction: a drop is not flagged by an 'up' rule, and is by a 'down' rule", () => {
    const y = seasonalHourly(24 * 35);
    for (let i = 24 * 31 + 9; i < 24 * 31 + 15; i++) y[i] = 5;
    expect(flaggedIdx(detect(y, opts))).toEqual([]);
    expect(flaggedIdx(detect(y, { ...opts, direction: "down" })).length).toBeGreaterThanOrEqual(5);
  });

  it("minimum volume: thin points are neither scored nor flagged", () => {
    const y = seasonalHourly(24 * 35);
    const at = 24 * 30 + 3;
    y[at] += 60;
    const volume = y.map((_, i) => (i === at ? 2 : 100));
    const v = detect(y, { ...opts, volume, minVolume: 10 });
    expect(v[at]).toBeNull();
    expect(flaggedIdx(v)).toEqual([]);
  });

  it("is causal: appending later points never changes an earlier verdict", () => {
    const y = seasonalHourly(24 * 42);
    y[24 * 22 + 4] += 80; // an incident inside the history
    for (let i = 24 * 30 + 10; i < 24 * 30 + 16; i++) y[i] *= 3;
    const full = detect(y, opts);
    for (const cut of [24 * 23 + 5, 24 * 30 + 12, 24 * 33 + 1, 24 * 40]) {
      const prefix = detect(y.slice(0, cut), opts);
      expect(prefix).toEqual(full.slice(0, cut));
    }
    // And changing a later point (not just appending) does not move an earlier flag either.
    const changed = [...y];
    changed[24 * 41] = 1e6;
    expect(detect(changed, opts).slice(0, 24 * 41)).toEqual(full.slice(0, 24 * 41));
  });

  it("is causal with the CLI's novelty gate too (its four-week range, residual memory and runs look back only)", () => {
    const y = seasonalHourly(24 * 42);
    y[24 * 22 + 4] += 80;
    for (let i = 24 * 30 + 10; i < 24 * 30 + 16; i++) y[i] *= 3;
    const cli = cliOptions(HOUR, opts.threshold);
    const full = detect(y, cli);
    expect(full.some((v) => v?.flagged)).toBe(true);
    for (const cut of [24 * 22 + 5, 24 * 30 + 12, 24 * 40]) expect(detect(y.slice(0, cut), cli)).toEqual(full.slice(0, cut));
    const changed = [...y];
    changed[24 * 41] = 1e6;
    expect(detect(changed, cli).slice(0, 24 * 41)).toEqual(full.slice(0, 24 * 41));
  });
});

describe("novelty gate (the CLI's)", () => {
  const HOURS = 24 * 35;
  // Two-hour spikes every third day at 03:00: the series' normal spikes, not incidents.
  const withSpikes = () => seasonalHourly(HOURS).map((x, i) => (i % 72 === 3 || i % 72 === 4 ? x + 50 : x));
  const opts = { ...defaultOptions(HOUR, 4.5, "both" as const), novelty: { lookback: 24 * 28, scoreShare: 2 / 3, bigShare: 1.5, bigRun: 3, memory: 24 } };

  it("a spike the series has shown before is quiet; the same height held for three points is flagged at the third", () => {
    const y = withSpikes();
    const late = flaggedIdx(detect(y, opts)).filter((i) => i >= 24 * 20);
    expect(late).toEqual([]);
    const run = 24 * 31 + 5; // 05:00–07:00 of a day without a spike, a little lower than the usual spikes
    for (let i = run; i < run + 3; i++) y[i] += 45;
    const f = flaggedIdx(detect(y, opts)).filter((i) => i >= 24 * 20);
    expect(f[0]).toBe(run + 2);
    // Two points of it only: the series' usual spike length, quiet.
    const y2 = withSpikes();
    for (let i = run; i < run + 2; i++) y2[i] += 45;
    expect(flaggedIdx(detect(y2, opts)).filter((i) => i >= 24 * 20)).toEqual([]);
  });
});

describe("fit cache", () => {
  it("reuses fits while the training data is unchanged, with the same verdicts as without it", () => {
    const opts = defaultOptions(HOUR);
    const y = seasonalHourly(24 * 30);
    y[24 * 25 + 3] += 60;
    const cache = new Map();
    const plain = detect(y, opts);
    expect(detect(y, { ...opts, fitCache: cache })).toEqual(plain);
    const fits = cache.size;
    expect(fits).toBeGreaterThan(0);
    // An hour later: one more point, same blocks before it: no new fit, same earlier verdicts.
    const longer = detect([...y, 20], { ...opts, fitCache: cache });
    expect(cache.size).toBe(fits);
    expect(longer.slice(0, y.length)).toEqual(plain);
  });
});

describe("CSV series", () => {
  const csv = (vals: number[], stepMs = HOUR) => ["timestamp,value", ...vals.map((v, i) => `${new Date(Date.UTC(2026, 0, 5) + i * stepMs).toISOString()},${v}`)].join("\n");

  it("infers the step and flags the spike", () => {
    const y = seasonalHourly(24 * 35);
    y[24 * 30 + 3] += 60;
    const flags = detectCsv(csv(y));
    expect(flags).toHaveLength(1);
    expect(flags[0].timestamp).toBe(new Date(Date.UTC(2026, 0, 5) + (24 * 30 + 3) * HOUR).toISOString());
    expect(Object.keys(flags[0]).sort()).toEqual(["expected", "score", "timestamp", "value"]);
  });

  it("works on a daily series", () => {
    const y = Array.from({ length: 70 }, (_, i) => (i % 7 < 5 ? 100 : 40) + ((i * 37) % 11) - 5);
    y[60] = 400;
    expect(detectCsv(csv(y, 24 * HOUR)).map((f) => f.value)).toEqual([400]);
  });

  it("rejects an irregular series with the line that breaks the rhythm", () => {
    const text = "timestamp,value\n2026-01-01 00:00:00,1\n2026-01-01 01:00:00,2\n2026-01-01 03:00:00,3\n";
    expect(() => parseSeriesCsv(text)).toThrow(SeriesInputError);
    expect(() => parseSeriesCsv(text)).toThrow(/irregular series: the step between line 3 .* and line 4 .* is 7200 s/);
  });

  it("rejects a wrong header and a non-number value", () => {
    expect(() => parseSeriesCsv("time,v\n1,2\n")).toThrow(/header must be exactly "timestamp,value"/);
    expect(() => parseSeriesCsv("timestamp,value\n2026-01-01,1\n2026-01-02,x\n2026-01-03,1\n")).toThrow(/line 3: value "x" is not a number/);
  });
});
