/**
 * Derives the demo generator's small, committed fixtures (lib/demo/fixtures/*.json) from the real public
 * traces in ../shared/data (see ../shared/data/SOURCES.md). The app never reads ../shared at runtime: a
 * user's clone has only the derived JSON, which carries its source, commit, license and citation.
 *
 *   npx tsx bin/derive-demo-fixtures.ts [dataDir]      (default: ../shared/data, relative to the repo root)
 *
 * Outputs (deterministic: same input, same bytes):
 * - azure-llm-2023.json: for the code and conv traces, a systematic sample of (context, generated) token
 *   pairs in arrival order (keeps the joint distribution), and the within-hour arrival burst pattern as
 *   request counts per 10-second bin.
 * - mooncake-cache.json: the per-request cache-read share (cached prompt tokens / prompt tokens) obtained
 *   by replaying the Mooncake conversation trace through an unbounded prefix cache over its hash_ids
 *   (512-token blocks; a request's hit is its longest run of leading blocks already seen), as quantiles.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = resolve(repoRoot, process.argv[2] ?? "../shared/data");
const outDir = join(repoRoot, "lib/demo/fixtures");

const PAIRS = 2000;
const BIN_SECONDS = 10;
const QUANTILES = 100; // 101 points: p0, p1, ..., p100

const AZURE_SOURCE = {
  dataset: "Azure LLM inference trace 2023 (AzureLLMInferenceTrace_code.csv, AzureLLMInferenceTrace_conv.csv; one hour, 2023-11-16)",
  repository: "https://github.com/Azure/AzurePublicDataset",
  paths: ["data/AzureLLMInferenceTrace_code.csv", "data/AzureLLMInferenceTrace_conv.csv"],
  commit: "b469a113cedca53ddc3bdea71a143dc4b7d8700c",
  license: "CC-BY 4.0",
  citation: 'Patel et al., "Splitwise: Efficient generative LLM inference using phase splitting", ISCA 2024',
};
const MOONCAKE_SOURCE = {
  dataset: "Mooncake conversation workload (one hour of online Kimi requests)",
  repository: "https://github.com/kvcache-ai/Mooncake",
  paths: ["FAST25-release/traces/conversation_trace.jsonl"],
  commit: "3b5a594133958449a1feaf1c9e0fc1b553e34a28",
  license: "Apache-2.0",
  citation: 'Qin et al., "Mooncake: A KVCache-centric Disaggregated Architecture for LLM Serving", FAST \'25',
};

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function quantiles(sorted: number[], digits: number): number[] {
  const out: number[] = [];
  for (let i = 0; i <= QUANTILES; i++) {
    const pos = (i / QUANTILES) * (sorted.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, sorted.length - 1);
    out.push(round(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo), digits));
  }
  return out;
}

function azure(kind: "code" | "conv") {
  const lines = readFileSync(join(dataDir, "azure-llm-2023", `AzureLLMInferenceTrace_${kind}.csv`), "utf8").trim().split(/\r?\n/);
  if (lines[0].trim() !== "TIMESTAMP,ContextTokens,GeneratedTokens") throw new Error(`unexpected header in ${kind}: ${lines[0]}`);
  const rows = lines.slice(1).map((line) => {
    const [ts, ctx, gen] = line.split(",");
    // "2023-11-16 18:17:03.9799600" (UTC, 7 fractional digits) -> epoch ms
    const [date, time] = ts.trim().split(" ");
    const [hms, frac = "0"] = time.split(".");
    const ms = Date.parse(`${date}T${hms}Z`) + Number(`0.${frac}`) * 1000;
    return { ms, ctx: Number(ctx), gen: Number(gen) };
  });
  rows.sort((a, b) => a.ms - b.ms);
  // Systematic sample in arrival order: keeps the joint (context, generated) distribution and its mixture over the hour.
  const pairs: [number, number][] = [];
  for (let i = 0; i < PAIRS; i++) {
    const r = rows[Math.floor((i * rows.length) / PAIRS)];
    pairs.push([r.ctx, r.gen]);
  }
  const t0 = rows[0].ms;
  const span = (rows[rows.length - 1].ms - t0) / 1000;
  const bins = new Array<number>(Math.floor(span / BIN_SECONDS) + 1).fill(0);
  for (const r of rows) bins[Math.floor((r.ms - t0) / 1000 / BIN_SECONDS)]++;
  const mean = rows.length / bins.length;
  const sd = Math.sqrt(bins.reduce((s, c) => s + (c - mean) ** 2, 0) / bins.length);
  const gaps = rows.slice(1).map((r, i) => r.ms - rows[i].ms);
  const gapMean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const gapSd = Math.sqrt(gaps.reduce((s, g) => s + (g - gapMean) ** 2, 0) / gaps.length);
  const sortedCtx = rows.map((r) => r.ctx).sort((a, b) => a - b);
  const sortedGen = rows.map((r) => r.gen).sort((a, b) => a - b);
  const q = (a: number[], p: number) => a[Math.floor(p * (a.length - 1))];
  return {
    requests: rows.length,
    spanSeconds: Math.round(span),
    summary: {
      contextTokens: { p10: q(sortedCtx, 0.1), p50: q(sortedCtx, 0.5), p90: q(sortedCtx, 0.9), p99: q(sortedCtx, 0.99), max: sortedCtx[sortedCtx.length - 1] },
      generatedTokens: { p10: q(sortedGen, 0.1), p50: q(sortedGen, 0.5), p90: q(sortedGen, 0.9), p99: q(sortedGen, 0.99), max: sortedGen[sortedGen.length - 1] },
      arrivalsPer10sBin: { mean: round(mean, 2), cv: round(sd / mean, 3), peakToMean: round(Math.max(...bins) / mean, 2) },
      interArrivalMs: { mean: round(gapMean, 1), cv: round(gapSd / gapMean, 3) },
    },
    binSeconds: BIN_SECONDS,
    arrivalBins: bins,
    tokenPairs: pairs,
  };
}

function mooncake() {
  const rows = readFileSync(join(dataDir, "mooncake", "conversation_trace.jsonl"), "utf8")
    .trim()
    .split(/\r?\n/)
    .map((line, i) => ({ i, ...(JSON.parse(line) as { timestamp: number; input_length: number; output_length: number; hash_ids: number[] }) }));
  rows.sort((a, b) => a.timestamp - b.timestamp || a.i - b.i);
  const BLOCK = 512;
  const seen = new Set<number>();
  const shares: number[] = [];
  let promptTokens = 0;
  let hitTokens = 0;
  for (const r of rows) {
    let blocks = 0;
    while (blocks < r.hash_ids.length && seen.has(r.hash_ids[blocks])) blocks++;
    const hit = Math.min(blocks * BLOCK, r.input_length);
    promptTokens += r.input_length;
    hitTokens += hit;
    shares.push(r.input_length > 0 ? hit / r.input_length : 0);
    for (const h of r.hash_ids) seen.add(h);
  }
  const sorted = [...shares].sort((a, b) => a - b);
  return {
    requests: rows.length,
    blockTokens: BLOCK,
    tokenWeightedHitRate: round(hitTokens / promptTokens, 4),
    meanRequestShare: round(shares.reduce((a, b) => a + b, 0) / shares.length, 4),
    zeroShareFraction: round(shares.filter((s) => s === 0).length / shares.length, 4),
    shareQuantiles: quantiles(sorted, 4),
  };
}

/** Pretty JSON whose long numeric arrays are wrapped a few values per line (small, diff-friendly). */
function format(value: unknown, indent = ""): string {
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    const flat = value.every((v) => typeof v === "number");
    const pairs = value.every((v) => Array.isArray(v) && v.every((x) => typeof x === "number"));
    if (flat || pairs) {
      const items = value.map((v) => JSON.stringify(v));
      const perLine = pairs ? 12 : 24;
      const lines: string[] = [];
      for (let i = 0; i < items.length; i += perLine) lines.push(inner + items.slice(i, i + perLine).join(","));
      return items.length <= perLine ? `[${items.join(",")}]` : `[\n${lines.join(",\n")}\n${indent}]`;
    }
    return `[\n${value.map((v) => inner + format(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function write(name: string, data: unknown) {
  const text = format(data) + "\n";
  writeFileSync(join(outDir, name), text);
  console.log(`wrote lib/demo/fixtures/${name} (${(Buffer.byteLength(text) / 1024).toFixed(1)} KB)`);
}

mkdirSync(outDir, { recursive: true });
write("azure-llm-2023.json", {
  source: {
    ...AZURE_SOURCE,
    derivedBy: "bin/derive-demo-fixtures.ts",
    method: `per trace: ${PAIRS} (ContextTokens, GeneratedTokens) pairs sampled systematically in arrival order; arrivals counted per ${BIN_SECONDS}-second bin from the first request`,
    use: "TokenLedger demo data: request sizes (context -> input tokens, generated -> output tokens) and within-hour arrival bursts",
  },
  code: azure("code"),
  conv: azure("conv"),
});
write("mooncake-cache.json", {
  source: {
    ...MOONCAKE_SOURCE,
    derivedBy: "bin/derive-demo-fixtures.ts",
    method:
      "replay in timestamp order through an unbounded prefix cache keyed by hash_ids (512-token blocks); a request's cached tokens = min(leading blocks already seen x 512, input_length); shareQuantiles are p0..p100 of cached/input per request",
    use: "TokenLedger demo data: per-request cache-read share of prompt tokens",
  },
  ...mooncake(),
});
