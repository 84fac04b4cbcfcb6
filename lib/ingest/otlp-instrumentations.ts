/**
 * How each known instrumentation library counts tokens, keyed by the span's instrumentation scope (the
 * `scope` of its ScopeSpans: every OpenTelemetry instrumentation names its tracer after its package) and
 * the span's provider.
 *
 * The OTel GenAI semantic conventions (and OpenInference) say the prompt count includes cached tokens and
 * the completion count includes reasoning tokens; so does TokenLedger (PRODUCT.md). Some libraries copy a
 * provider's raw numbers instead: OpenLLMetry's JS Anthropic instrumentation puts Anthropic's
 * `usage.input_tokens`, which EXCLUDES cache reads and writes, into `gen_ai.usage.input_tokens`. Read as
 * inclusive, such a span is rejected (cache parts larger than the input) or under-billed. An entry below
 * says how to read one library's numbers; a span whose scope matches no entry is read by the convention.
 *
 * Each entry was checked against the library's published source (node_modules, the version named in
 * `checked`) and is exercised by tests/integration/otlp-openllmetry.test.ts / otlp-openinference.test.ts
 * with the real package driving the real provider SDK. When a library changes its counting in a release,
 * give the old entry a `before` version and add one for the new behaviour.
 */

export type InstrumentationScope = { name?: string; version?: string };

export type TokenReading = {
  /** Which table entry applied: "genai-semconv" when none did. */
  id: string;
  /** "excludes-cache": cache reads and writes come on top of the prompt count (they are added to it). */
  input: "includes-cache" | "excludes-cache";
  /** "excludes-reasoning": reasoning tokens come on top of the completion count (they are added to it). */
  output: "includes-reasoning" | "excludes-reasoning";
};

export type InstrumentationEntry = TokenReading & {
  /** The instrumentation scope name, exactly (tracer name). */
  scope: string;
  /** Only for spans whose provider (lowercased gen_ai.provider.name / gen_ai.system / llm.provider / llm.system) is one of these. */
  providers?: string[];
  /** Scope versions this entry covers: from ≤ version < before (numeric x.y.z); absent bounds are open. */
  from?: string;
  before?: string;
  /** What the library emits, for the README table and reviewers. */
  emits: string;
  checked: string;
};

/** The OTel GenAI semantic convention: what every scope not listed below is read as. */
export const GENAI_SEMCONV: TokenReading = { id: "genai-semconv", input: "includes-cache", output: "includes-reasoning" };

export const INSTRUMENTATIONS: readonly InstrumentationEntry[] = [
  {
    id: "openllmetry-anthropic",
    scope: "@traceloop/instrumentation-anthropic",
    providers: ["anthropic"],
    input: "excludes-cache",
    output: "includes-reasoning",
    emits:
      "gen_ai.usage.input_tokens = Anthropic usage.input_tokens (without cache), gen_ai.usage.cache_read.input_tokens, gen_ai.usage.cache_creation.input_tokens, gen_ai.usage.output_tokens (thinking included)",
    checked: "0.27.0",
  },
  {
    id: "openllmetry-openai",
    scope: "@traceloop/instrumentation-openai",
    input: "includes-cache",
    output: "includes-reasoning",
    emits: "gen_ai.usage.input_tokens = prompt_tokens, gen_ai.usage.output_tokens = completion_tokens; no cached or reasoning counts",
    checked: "0.27.0",
  },
  {
    id: "openinference-anthropic",
    scope: "@arizeai/openinference-instrumentation-anthropic",
    input: "includes-cache",
    output: "includes-reasoning",
    emits:
      "llm.token_count.prompt = input_tokens + cache reads + cache writes, llm.token_count.prompt_details.cache_read / cache_write, llm.token_count.completion",
    checked: "0.2.8",
  },
  {
    id: "openinference-openai",
    scope: "@arizeai/openinference-instrumentation-openai",
    input: "includes-cache",
    output: "includes-reasoning",
    emits:
      "llm.token_count.prompt = prompt_tokens, llm.token_count.prompt_details.cache_read = cached_tokens, llm.token_count.completion, llm.token_count.completion_details.reasoning",
    checked: "4.2.7",
  },
];

/** Numeric x.y.z (pre-release and build suffixes ignored); undefined when not a version. */
function parseVersion(v: string): number[] | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function coversVersion(entry: InstrumentationEntry, version: string | undefined): boolean {
  if (entry.from === undefined && entry.before === undefined) return true;
  const v = version === undefined ? undefined : parseVersion(version);
  if (v === undefined) return false; // a bounded entry cannot vouch for an unknown version
  if (entry.from !== undefined && compare(v, parseVersion(entry.from)!) < 0) return false;
  if (entry.before !== undefined && compare(v, parseVersion(entry.before)!) >= 0) return false;
  return true;
}

/** How to read the token counts of a span from `scope` for `provider` (lowercased). */
export function tokenReading(scope: InstrumentationScope, provider: string | undefined, table: readonly InstrumentationEntry[] = INSTRUMENTATIONS): TokenReading {
  const entry = table.find(
    (e) => e.scope === scope.name && (e.providers === undefined || (provider !== undefined && e.providers.includes(provider))) && coversVersion(e, scope.version),
  );
  return entry ? { id: entry.id, input: entry.input, output: entry.output } : GENAI_SEMCONV;
}

export type TokenCounts = { input?: number; output?: number; cacheRead?: number; cacheWrite?: number; reasoning?: number };

/** The span's counts in TokenLedger's convention: input includes cache reads and writes, output includes reasoning. */
export function canonicalTokens(counts: TokenCounts, reading: TokenReading): TokenCounts {
  const out = { ...counts };
  if (reading.input === "excludes-cache" && (counts.cacheRead !== undefined || counts.cacheWrite !== undefined))
    out.input = (counts.input ?? 0) + (counts.cacheRead ?? 0) + (counts.cacheWrite ?? 0);
  if (reading.output === "excludes-reasoning" && counts.reasoning !== undefined) out.output = (counts.output ?? 0) + counts.reasoning;
  return out;
}
