import { describe, expect, it } from "vitest";
import { useOtlpIngestSuite } from "../setup/otlp-ingest-suite";
import { otlpTracerProvider } from "../setup/instrumented-llm-harness";

/**
 * OpenInference (@arizeai/openinference-instrumentation-openai and -anthropic) as a real OTLP client: the
 * real provider SDKs call a fake provider API on 127.0.0.1, the real instrumentations make the spans
 * (llm.token_count.*), the real OTLP exporters send them to TokenLedger's OTLP route and its real temp store.
 * OpenInference already counts by the convention (prompt includes cache reads and writes, completion
 * includes reasoning): TokenLedger must take its numbers as they are, never add the cache parts twice.
 */

const { suite, storedEvents } = useOtlpIngestSuite("openinference");
const { tokenReading } = await import("@/lib/ingest/otlp-instrumentations");
const { default: OpenAI } = await import("openai");
const { default: Anthropic } = await import("@anthropic-ai/sdk");
const { OpenAIInstrumentation } = await import("@arizeai/openinference-instrumentation-openai");
const { AnthropicInstrumentation } = await import("@arizeai/openinference-instrumentation-anthropic");

describe("OpenInference instrumentations exporting to TokenLedger", () => {
  it("@arizeai/openinference-instrumentation-anthropic: its prompt count already includes the cache parts (JSON export)", async () => {
    const team = "oi-anthropic";
    const provider = otlpTracerProvider({ endpoint: suite.bridge.url, secret: suite.secret, protocol: "json", resource: { "service.name": "support-bot", "tokenledger.team": team } });
    const instrumentation = new AnthropicInstrumentation({ tracerProvider: provider });
    instrumentation.manuallyInstrument(Anthropic); // the SDK is imported as ESM (its README's way)
    const client = new Anthropic({ apiKey: "test-key", baseURL: suite.fake.url, maxRetries: 0 });

    suite.fake.anthropic.push(
      // cache read + write (20000) far above Anthropic's raw input_tokens (40)
      { model: "claude-sonnet-4-5", usage: { input_tokens: 40, cache_read_input_tokens: 18_000, cache_creation_input_tokens: 2_000, output_tokens: 700 } },
      { model: "claude-sonnet-4-5", usage: { input_tokens: 5_000, cache_read_input_tokens: 1_000, cache_creation_input_tokens: 0, output_tokens: 200 } },
    );
    for (let i = 0; i < 2; i++)
      await client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "user", content: `question ${i}` }] });
    await provider.forceFlush();
    // The spans carry the scope the mapping table names (./lib/ingest/otlp-instrumentations), which picks the entry.
    expect(provider.scopes()).toEqual(Array(2).fill({ name: "@arizeai/openinference-instrumentation-anthropic", version: "0.2.8" }));
    expect(tokenReading(provider.scopes()[0], "anthropic").id).toBe("openinference-anthropic");
    await provider.shutdown();
    instrumentation.disable();

    expect(suite.fake.anthropic).toEqual([]);
    expect(suite.bridge.answers.slice(-2).map((a) => JSON.parse(a.body) as unknown)).toEqual([
      { tokenledger: { accepted: 1, duplicates: 0, rejected_spans: 0, ignored_spans: 0, spans_without_usage: 0 } },
      { tokenledger: { accepted: 1, duplicates: 0, rejected_spans: 0, ignored_spans: 0, spans_without_usage: 0 } },
    ]);
    expect(await storedEvents(team)).toEqual([
      // 40·3e-6 + 18000·3e-7 + 2000·3.75e-6 + 700·15e-6 = 0.00012 + 0.0054 + 0.0075 + 0.0105
      { provider: "anthropic", model: "claude-sonnet-4-5", input_tokens: 20_040, cache_read_tokens: 18_000, cache_write_tokens: 2_000, output_tokens: 700, reasoning_tokens: 0, cost: "0.02352" },
      // 5000·3e-6 + 1000·3e-7 + 200·15e-6 (a zero cache write is left out by OpenInference: stored as 0)
      { provider: "anthropic", model: "claude-sonnet-4-5", input_tokens: 6_000, cache_read_tokens: 1_000, cache_write_tokens: 0, output_tokens: 200, reasoning_tokens: 0, cost: "0.0183" },
    ]);
  });

  it("@arizeai/openinference-instrumentation-openai: cached and reasoning parts are read from the details (protobuf export)", async () => {
    const team = "oi-openai";
    const provider = otlpTracerProvider({ endpoint: suite.bridge.url, secret: suite.secret, protocol: "protobuf", resource: { "service.name": "review-bot", "tokenledger.team": team } });
    const instrumentation = new OpenAIInstrumentation({ tracerProvider: provider });
    instrumentation.manuallyInstrument(OpenAI); // the class: it patches module.OpenAI.Chat.Completions, and OpenAI.OpenAI === OpenAI
    const client = new OpenAI({ apiKey: "test-key", baseURL: `${suite.fake.url}/v1`, maxRetries: 0 });

    suite.fake.openai.push({
      model: "o3",
      usage: { prompt_tokens: 2_000, completion_tokens: 900, total_tokens: 2_900, prompt_tokens_details: { cached_tokens: 1_536 }, completion_tokens_details: { reasoning_tokens: 640 } },
    });
    await client.chat.completions.create({ model: "o3", messages: [{ role: "user", content: "review this" }] });
    await provider.forceFlush();
    // The spans carry the scope the mapping table names (./lib/ingest/otlp-instrumentations), which picks the entry.
    expect(provider.scopes()).toEqual(Array(1).fill({ name: "@arizeai/openinference-instrumentation-openai", version: "4.2.7" }));
    expect(tokenReading(provider.scopes()[0], "openai").id).toBe("openinference-openai");
    await provider.shutdown();
    instrumentation.disable();

    expect(suite.fake.openai).toEqual([]);
    expect(suite.bridge.answers.slice(-1)).toEqual([{ status: 200, body: "" }]); // protobuf answer without partial success
    // (2000 − 1536)·2e-6 + 1536·5e-7 + (900 − 640)·8e-6 + 640·8e-6 = 0.000928 + 0.000768 + 0.00208 + 0.00512
    expect(await storedEvents(team)).toEqual([
      { provider: "openai", model: "o3", input_tokens: 2_000, cache_read_tokens: 1_536, cache_write_tokens: 0, output_tokens: 900, reasoning_tokens: 640, cost: "0.008896" },
    ]);
  });
});
