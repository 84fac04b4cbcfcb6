import { describe, expect, it } from "vitest";
import { useOtlpIngestSuite } from "../setup/otlp-ingest-suite";
import { otlpTracerProvider } from "../setup/instrumented-llm-harness";

/**
 * OpenLLMetry (@traceloop/instrumentation-openai and -anthropic) as a real OTLP client: the real provider SDKs
 * (openai 6, @anthropic-ai/sdk) call a fake provider API on 127.0.0.1, the real instrumentations make the
 * spans, the real OTLP exporters send them to TokenLedger's OTLP route, which stores them in a real temp store.
 *
 * The Anthropic instrumentation copies Anthropic's raw `usage.input_tokens` (which EXCLUDES cache reads
 * and writes) into `gen_ai.usage.input_tokens`; TokenLedger must add the cache parts back (PRODUCT.md:
 * input_tokens are ALL prompt tokens), or a cached call is rejected ("cache tokens exceed input") or
 * under-billed.
 */

const { suite, storedEvents } = useOtlpIngestSuite("openllmetry");
const { tokenReading } = await import("@/lib/ingest/otlp-instrumentations");
const { default: OpenAI } = await import("openai");
const AnthropicModule = await import("@anthropic-ai/sdk");
const { OpenAIInstrumentation } = await import("@traceloop/instrumentation-openai");
const { AnthropicInstrumentation } = await import("@traceloop/instrumentation-anthropic");

describe("OpenLLMetry instrumentations exporting to TokenLedger", () => {
  it("@traceloop/instrumentation-anthropic: cache reads and writes are added to its raw input_tokens (protobuf export)", async () => {
    const team = "ollm-anthropic";
    const provider = otlpTracerProvider({ endpoint: suite.bridge.url, secret: suite.secret, protocol: "protobuf", resource: { "service.name": "support-bot", "tokenledger.team": team } });
    const instrumentation = new AnthropicInstrumentation({ traceContent: false });
    instrumentation.setTracerProvider(provider);
    instrumentation.manuallyInstrument(AnthropicModule); // the SDK is imported as ESM: no require hook sees it
    const client = new AnthropicModule.default({ apiKey: "test-key", baseURL: suite.fake.url, maxRetries: 0 });

    suite.fake.anthropic.push(
      // A cache hit: Anthropic's input_tokens (40) is far smaller than the cached part (the case rejected before).
      { model: "claude-sonnet-4-5", usage: { input_tokens: 40, cache_read_input_tokens: 18_000, cache_creation_input_tokens: 2_000, output_tokens: 700 } },
      // Cache read smaller than the raw input: accepted before, but under-billed.
      { model: "claude-sonnet-4-5", usage: { input_tokens: 5_000, cache_read_input_tokens: 1_000, cache_creation_input_tokens: 0, output_tokens: 200 } },
      // No caching at all (Anthropic sends nulls when the feature is unused).
      { model: "claude-sonnet-4-5", usage: { input_tokens: 300, cache_read_input_tokens: null, cache_creation_input_tokens: null, output_tokens: 50 } },
      // Streamed (server-sent events): the instrumentation collects usage from message_start and message_delta.
      { model: "claude-sonnet-4-5", usage: { input_tokens: 12, cache_read_input_tokens: 9_000, cache_creation_input_tokens: 500, output_tokens: 400 } },
    );
    for (let i = 0; i < 3; i++)
      await client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 1024, messages: [{ role: "user", content: `question ${i}` }] });
    const stream = await client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 1024, stream: true, messages: [{ role: "user", content: "stream it" }] });
    let text = "";
    for await (const event of stream) if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
    expect(text).toBe("Done.");
    await provider.forceFlush();
    // The spans carry the scope the mapping table names (./lib/ingest/otlp-instrumentations), which picks the entry.
    expect(provider.scopes()).toEqual(Array(4).fill({ name: "@traceloop/instrumentation-anthropic", version: "0.27.0" }));
    expect(tokenReading(provider.scopes()[0], "anthropic").id).toBe("openllmetry-anthropic");
    await provider.shutdown();
    instrumentation.disable();

    expect(suite.fake.anthropic).toEqual([]);
    expect(suite.bridge.answers.every((a) => a.status === 200)).toBe(true);
    expect(suite.bridge.answers.map((a) => a.body)).toEqual(["", "", "", ""]); // protobuf ExportTraceServiceResponse with no partial success
    expect(await storedEvents(team)).toEqual([
      // 40 + 18000 + 2000 in: 40·3e-6 + 18000·3e-7 + 2000·3.75e-6 + 700·15e-6 = 0.00012 + 0.0054 + 0.0075 + 0.0105
      { provider: "anthropic", model: "claude-sonnet-4-5", input_tokens: 20_040, cache_read_tokens: 18_000, cache_write_tokens: 2_000, output_tokens: 700, reasoning_tokens: 0, cost: "0.02352" },
      // streamed, 12 + 9000 + 500 in: 12·3e-6 + 9000·3e-7 + 500·3.75e-6 + 400·15e-6 = 0.000036 + 0.0027 + 0.001875 + 0.006
      { provider: "anthropic", model: "claude-sonnet-4-5", input_tokens: 9_512, cache_read_tokens: 9_000, cache_write_tokens: 500, output_tokens: 400, reasoning_tokens: 0, cost: "0.010611" },
      // 5000 + 1000 in: 5000·3e-6 + 1000·3e-7 + 200·15e-6 = 0.015 + 0.0003 + 0.003
      { provider: "anthropic", model: "claude-sonnet-4-5", input_tokens: 6_000, cache_read_tokens: 1_000, cache_write_tokens: 0, output_tokens: 200, reasoning_tokens: 0, cost: "0.0183" },
      // 300·3e-6 + 50·15e-6
      { provider: "anthropic", model: "claude-sonnet-4-5", input_tokens: 300, cache_read_tokens: 0, cache_write_tokens: 0, output_tokens: 50, reasoning_tokens: 0, cost: "0.00165" },
    ]);
  });

  it("@traceloop/instrumentation-openai: prompt and completion counts are read as the convention says (JSON export)", async () => {
    const team = "ollm-openai";
    const provider = otlpTracerProvider({ endpoint: suite.bridge.url, secret: suite.secret, protocol: "json", resource: { "service.name": "review-bot", "tokenledger.team": team } });
    const instrumentation = new OpenAIInstrumentation({ traceContent: false });
    instrumentation.setTracerProvider(provider);
    instrumentation.manuallyInstrument(OpenAI); // wraps OpenAI.Chat.Completions etc. (the class, not the ESM namespace)
    const client = new OpenAI({ apiKey: "test-key", baseURL: `${suite.fake.url}/v1`, maxRetries: 0 });

    suite.fake.openai.push({
      model: "o3",
      usage: { prompt_tokens: 2_000, completion_tokens: 900, total_tokens: 2_900, prompt_tokens_details: { cached_tokens: 1_536 }, completion_tokens_details: { reasoning_tokens: 640 } },
    });
    await client.chat.completions.create({ model: "o3", messages: [{ role: "user", content: "review this" }] });
    await provider.forceFlush();
    // The spans carry the scope the mapping table names (./lib/ingest/otlp-instrumentations), which picks the entry.
    expect(provider.scopes()).toEqual(Array(1).fill({ name: "@traceloop/instrumentation-openai", version: "0.27.0" }));
    expect(tokenReading(provider.scopes()[0], "openai").id).toBe("openllmetry-openai");
    await provider.shutdown();
    instrumentation.disable();

    expect(suite.fake.openai).toEqual([]);
    const answers = suite.bridge.answers.slice(-1).map((a) => JSON.parse(a.body) as unknown);
    expect(answers).toEqual([{ tokenledger: { accepted: 1, duplicates: 0, rejected_spans: 0, ignored_spans: 0, spans_without_usage: 0 } }]);
    // OpenAI's prompt_tokens include the cached part and completion_tokens the reasoning part, as the GenAI
    // convention wants, so totals are exact. This instrumentation (0.27) sends neither cached_tokens nor
    // reasoning_tokens: the cached 1536 are billed at the full input price (an upper bound; README says so).
    // 2000·2e-6 + 900·8e-6 = 0.004 + 0.0072
    expect(await storedEvents(team)).toEqual([
      { provider: "openai", model: "o3", input_tokens: 2_000, cache_read_tokens: 0, cache_write_tokens: 0, output_tokens: 900, reasoning_tokens: 0, cost: "0.0112" },
    ]);
  });

  it("@traceloop/instrumentation-openai: a streamed call's span carries no usage, so the export warns instead of dropping it silently", async () => {
    const team = "ollm-openai-stream";
    const provider = otlpTracerProvider({ endpoint: suite.bridge.url, secret: suite.secret, protocol: "json", resource: { "service.name": "chat-ui", "tokenledger.team": team } });
    const instrumentation = new OpenAIInstrumentation({ traceContent: false });
    instrumentation.setTracerProvider(provider);
    instrumentation.manuallyInstrument(OpenAI);
    const client = new OpenAI({ apiKey: "test-key", baseURL: `${suite.fake.url}/v1`, maxRetries: 0 });

    const usage = { prompt_tokens: 3_000, completion_tokens: 1_200, total_tokens: 4_200, prompt_tokens_details: { cached_tokens: 2_048 } };
    suite.fake.openai.push({ model: "gpt-4.1", usage });
    const stream = await client.chat.completions.create({ model: "gpt-4.1", stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "hi" }] });
    let seen: unknown = null;
    for await (const chunk of stream) if (chunk.usage) seen = chunk.usage;
    expect(seen).toEqual(usage); // the client got the usage; the instrumentation (0.27) does not put it on the span
    await provider.forceFlush();
    await provider.shutdown();
    instrumentation.disable();

    const answer = JSON.parse(suite.bridge.answers.at(-1)!.body) as { partialSuccess?: { rejectedSpans: number; errorMessage: string }; tokenledger: unknown };
    expect(answer.tokenledger).toEqual({ accepted: 0, duplicates: 0, rejected_spans: 0, ignored_spans: 1, spans_without_usage: 1 });
    // OTLP's way to warn a sender: a partial success with 0 rejected spans and a message, which exporters log.
    expect(answer.partialSuccess?.rejectedSpans).toBe(0);
    expect(answer.partialSuccess?.errorMessage).toMatch(/1 model call span without token usage, not recorded \(resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\] gpt-4\.1\)/);
    expect(await storedEvents(team)).toEqual([]);
  });
});

