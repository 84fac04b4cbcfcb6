/**
 * Empirical distributions behind the demo, derived from real public traces by bin/derive-demo-fixtures.ts
 * (committed JSON; the app never reads ../shared at runtime). Attribution travels in each file's `source`.
 */
import azure from "./fixtures/azure-llm-2023.json";
import mooncake from "./fixtures/mooncake-cache.json";
import type { Rng } from "./random";

export type TraceKind = "code" | "conv";

type AzureTrace = { arrivalBins: number[]; tokenPairs: number[][] };

function cumulative(weights: readonly number[]): number[] {
  const out: number[] = [];
  let s = 0;
  for (const w of weights) out.push((s += w));
  return out;
}

const TRACES: Record<TraceKind, { pairs: number[][]; arrivals: number[]; bins: number }> = {
  code: { pairs: (azure.code as AzureTrace).tokenPairs, arrivals: cumulative(azure.code.arrivalBins), bins: azure.code.arrivalBins.length },
  conv: { pairs: (azure.conv as AzureTrace).tokenPairs, arrivals: cumulative(azure.conv.arrivalBins), bins: azure.conv.arrivalBins.length },
};

/** One real (context tokens, generated tokens) pair from the Azure code (coding copilot) or conv (chat) trace. */
export function sampleTokenPair(rng: Rng, kind: TraceKind): readonly [number, number] {
  const p = rng.pick(TRACES[kind].pairs);
  return [p[0], p[1]];
}

/**
 * A position within an hour (ms, 0 ≤ x < 3,600,000) following the trace's real within-hour arrival bursts
 * (10-second bins, stretched to the hour). `rotation` (0..1) shifts the pattern so hours do not all align.
 */
export function burstOffsetMs(rng: Rng, kind: TraceKind, rotation: number): number {
  const t = TRACES[kind];
  const bin = rng.fromCumulative(t.arrivals);
  const f = (bin + rng.next()) / t.bins + rotation;
  return Math.floor((f - Math.floor(f)) * 3_600_000);
}

/** Per-request cache-read share of prompt tokens, from replaying Mooncake through an unbounded prefix cache. */
export function sampleCacheShare(rng: Rng): number {
  return rng.fromQuantiles(mooncake.shareQuantiles);
}

/** Mooncake's token-weighted prefix-cache hit rate (≈ 0.374). */
export const MOONCAKE_HIT_RATE = mooncake.tokenWeightedHitRate;

/** Attribution for the demo's "about" text and README credits. */
export const DEMO_DATA_SOURCES = [azure.source, mooncake.source].map((s) => ({
  dataset: s.dataset,
  repository: s.repository,
  paths: s.paths,
  commit: s.commit,
  license: s.license,
  citation: s.citation,
}));
