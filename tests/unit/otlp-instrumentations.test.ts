import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { otlpToEvents } from "@/lib/ingest/otlp";
import { canonicalTokens, GENAI_SEMCONV, INSTRUMENTATIONS, tokenReading, type InstrumentationEntry } from "@/lib/ingest/otlp-instrumentations";
import { decodeOtlpTraceRequest } from "@/lib/ingest/otlp-protobuf";
import { EXPORT_TRACE_SERVICE_REQUEST, OTLP_TRACE_PROTO_SOURCES } from "@/lib/ingest/otlp-trace-proto";

/**
 * Token counts read per instrumentation scope (lib/ingest/otlp-instrumentations). The end-to-end proof with
 * the real packages is in tests/integration/otlp-openllmetry.test.ts and otlp-openinference.test.ts; this
 * covers the table's lookup rules and that the scope survives both encodings.
 */

const kv = (key: string, value: Record<string, unknown>) => ({ key, value });
const s = (key: string, v: string) => kv(key, { stringValue: v });
const i = (key: string, v: number) => kv(key, { intValue: v });

/** What @traceloop/instrumentation-anthropic 0.27 sets on a cached Messages call (Anthropic's raw usage). */
const openllmetryAnthropicAttrs = [
  s("gen_ai.provider.name", "anthropic"),
  s("gen_ai.operation.name", "chat"),
  s("gen_ai.request.model", "claude-sonnet-4-5"),
  s("gen_ai.response.model", "claude-sonnet-4-5"),
  i("gen_ai.usage.total_tokens", 740),
  i("gen_ai.usage.output_tokens", 700),
  i("gen_ai.usage.input_tokens", 40),
  i("gen_ai.usage.cache_creation.input_tokens", 2000),
  i("gen_ai.usage.cache_read.input_tokens", 18000),
];

function body(scope: unknown, attributes = openllmetryAnthropicAttrs) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [s("service.name", "support-bot")] },
        scopeSpans: [
          {
            ...(scope === undefined ? {} : { scope }),
            spans: [
              {
                traceId: "5b8efff798038103d269b633813fc60c",
                spanId: "eee19b7ec3c1b173",
                name: "chat claude-sonnet-4-5",
                kind: 3,
                startTimeUnixNano: "1767225600000000000",
                endTimeUnixNano: "1767225601000000000",
                attributes,
              },
            ],
          },
        ],
      },
    ],
  };
}

const tokens = (e: Record<string, unknown>) => [e.input_tokens, e.cache_read_tokens, e.cache_write_tokens, e.output_tokens];

describe("otlpToEvents reads token counts by instrumentation scope", () => {
  it("adds cache reads and writes to OpenLLMetry Anthropic's input_tokens (JSON)", () => {
    const out = otlpToEvents(body({ name: "@traceloop/instrumentation-anthropic", version: "0.27.0" }));
    expect(out.errors).toEqual([]);
    expect(out.events.map(tokens)).toEqual([[20_040, 18_000, 2_000, 700]]);
  });

  it("does the same for the protobuf encoding: the scope is decoded", () => {
    const root = new protobuf.Root();
    for (const source of OTLP_TRACE_PROTO_SOURCES) protobuf.parse(source, root, { keepCase: false });
    const type = root.resolveAll().lookupType(EXPORT_TRACE_SERVICE_REQUEST);
    const json = body({ name: "@traceloop/instrumentation-anthropic", version: "0.27.0" });
    const withBytes = JSON.parse(JSON.stringify(json), (key, value) => ((key === "traceId" || key === "spanId") && typeof value === "string" ? Buffer.from(value, "hex") : value));
    const decoded = decodeOtlpTraceRequest(type.encode(type.fromObject(withBytes)).finish());
    expect((decoded as { resourceSpans: { scopeSpans: { scope: unknown }[] }[] }).resourceSpans[0].scopeSpans[0].scope).toEqual({
      name: "@traceloop/instrumentation-anthropic",
      version: "0.27.0",
    });
    expect(otlpToEvents(decoded).events.map(tokens)).toEqual([[20_040, 18_000, 2_000, 700]]);
  });

  it("reads the same attributes by the convention for any other scope, or none: inclusive input, so cache > input is rejected", () => {
    for (const scope of [undefined, {}, { name: "opentelemetry.instrumentation.anthropic", version: "0.40.0" }]) {
      const out = otlpToEvents(body(scope));
      expect(out.events).toHaveLength(1); // the mapping is not validation: ingest rejects 18000 + 2000 > 40 later
      expect(tokens(out.events[0])).toEqual([40, 18_000, 2_000, 700]);
    }
  });

  it("applies the Anthropic rule of OpenLLMetry only to the anthropic provider", () => {
    const asBedrockMeta = openllmetryAnthropicAttrs.map((a) => (a.key === "gen_ai.provider.name" ? s("gen_ai.provider.name", "aws.bedrock") : a));
    expect(otlpToEvents(body({ name: "@traceloop/instrumentation-anthropic" }, asBedrockMeta)).events.map(tokens)).toEqual([[40, 18_000, 2_000, 700]]);
  });

  it("leaves a span without cache counts unchanged under an excludes-cache entry", () => {
    const noCache = openllmetryAnthropicAttrs.filter((a) => !a.key.includes("cache"));
    const [event] = otlpToEvents(body({ name: "@traceloop/instrumentation-anthropic" }, noCache)).events;
    expect([event.input_tokens, event.cache_read_tokens, event.cache_write_tokens]).toEqual([40, undefined, undefined]);
  });

  it("rejects the spans of a malformed scope, naming it, instead of guessing how they count", () => {
    for (const [scope, path] of [
      ["@traceloop/instrumentation-anthropic", "resourceSpans[0].scopeSpans[0].scope"],
      [{ name: 7 }, "resourceSpans[0].scopeSpans[0].scope.name"],
      [{ name: "x", version: ["1"] }, "resourceSpans[0].scopeSpans[0].scope.version"],
    ] as const) {
      const out = otlpToEvents(body(scope));
      expect(out.events).toEqual([]);
      expect(out.rejectedSpans).toBe(1); // reported to the exporter as a partial success, not dropped silently
      expect(out.errors.map((e) => e.path)).toEqual([path]);
    }
  });
});

describe("tokenReading and canonicalTokens", () => {
  it("has one entry per known instrumentation, each with what it emits and the version checked", () => {
    expect(INSTRUMENTATIONS.map((e) => e.scope)).toEqual([
      "@traceloop/instrumentation-anthropic",
      "@traceloop/instrumentation-openai",
      "@arizeai/openinference-instrumentation-anthropic",
      "@arizeai/openinference-instrumentation-openai",
    ]);
    for (const e of INSTRUMENTATIONS) expect(e.emits.length * e.checked.length).toBeGreaterThan(0);
  });

  it("matches by exact scope name, provider and version bounds", () => {
    const table: InstrumentationEntry[] = [
      { id: "old", scope: "lib", from: "0.2.0", before: "1.0.0", input: "excludes-cache", output: "includes-reasoning", emits: "", checked: "0.9.0" },
      { id: "gemini", scope: "lib", providers: ["gcp.gemini"], input: "includes-cache", output: "excludes-reasoning", emits: "", checked: "1.0.0" },
    ];
    expect(tokenReading({ name: "lib", version: "0.9.3" }, "x", table).id).toBe("old");
    expect(tokenReading({ name: "lib", version: "v0.2.0-beta.1" }, "x", table).id).toBe("old");
    expect(tokenReading({ name: "lib", version: "0.1.9" }, "x", table)).toEqual(GENAI_SEMCONV);
    expect(tokenReading({ name: "lib", version: "1.0.0" }, "x", table)).toEqual(GENAI_SEMCONV);
    expect(tokenReading({ name: "lib" }, "x", table)).toEqual(GENAI_SEMCONV); // a bounded entry cannot vouch for an unknown version
    expect(tokenReading({ name: "lib", version: "2.0.0" }, "gcp.gemini", table).id).toBe("gemini");
    expect(tokenReading({ name: "Lib", version: "0.9.3" }, "x", table)).toEqual(GENAI_SEMCONV);
  });

  it("adds cache parts to input and reasoning to output only where the entry says they are excluded", () => {
    const counts = { input: 100, output: 50, cacheRead: 30, cacheWrite: 20, reasoning: 10 };
    expect(canonicalTokens(counts, GENAI_SEMCONV)).toEqual(counts);
    expect(canonicalTokens(counts, { id: "a", input: "excludes-cache", output: "excludes-reasoning" })).toEqual({ ...counts, input: 150, output: 60 });
    expect(canonicalTokens({ output: 5, cacheRead: 7 }, { id: "a", input: "excludes-cache", output: "includes-reasoning" })).toEqual({ input: 7, output: 5, cacheRead: 7 });
  });
});
