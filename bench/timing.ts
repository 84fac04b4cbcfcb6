/** p50/p95 of repeated calls, after warm-up runs that are not counted. */
export type Timing = { runs: number; p50_ms: number; p95_ms: number; min_ms: number; max_ms: number };

export const RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 40);
const WARMUP = 3;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function timeIt(call: () => Promise<unknown>, runs = RUNS, warmup = WARMUP): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await call();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await call();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { runs, p50_ms: r(percentile(ms, 50)), p95_ms: r(percentile(ms, 95)), min_ms: r(ms[0]), max_ms: r(ms[ms.length - 1]) };
}
