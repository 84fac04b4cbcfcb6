import { describe, expect, it } from "vitest";
import { otlpToEvents } from "@/lib/ingest/otlp";
import { UsageEventInput } from "@/lib/schemas/event";

type AnyValue = Record<string, unknown>;
const kv = (key: string, value: AnyValue) => ({ key, value });
const s = (key: string, v: string) => kv(key, { stringValue: v });
const i = (key: string, v: string | number) => kv(key, { intValue: v });

const TRACE = "5b8efff798038103d269b633813fc60c";
const TRACE2 = "ffeeddccbbaa99887766554433221100";

/**
 * A realistic export from a code-review agent (OpenTelemetry GenAI conventions, as the Python
 * openai-v2 / anthropic instrumentations emit them) plus a support service on an older convention.
 */
function realisticBody() {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            s("service.name", "review-bot"),
            s("service.namespace", "devtools"),
            s("deployment.environment.name", "prod"),
            s("team", "platform"),
            s("tokenledger.repo", "acme/api"),
            s("tokenledger.tag.cost_center", "cc-42"),
            s("telemetry.sdk.language", "python"),
          ],
          droppedAttributesCount: 0,
        },
        scopeSpans: [
          {
            scope: { name: "opentelemetry.instrumentation.openai_v2", version: "2.1b0" },
            spans: [
              {
                // the agent invocation: a parent with a model but no usage of its own
                traceId: TRACE,
                spanId: "eee19b7ec3c1b174",
                parentSpanId: "",
                name: "invoke_agent reviewer",
                kind: 1,
                startTimeUnixNano: "1767225599500000000",
                endTimeUnixNano: "1767225603000000000",
                attributes: [s("gen_ai.operation.name", "invoke_agent"), s("gen_ai.agent.name", "reviewer"), s("gen_ai.request.model", "gpt-5")],
                status: { code: 1 },
              },
              {
                // the model call: cache read and reasoning usage, string intValues as the OTLP JSON mapping sends int64
                traceId: TRACE,
                spanId: "eee19b7ec3c1b173",
                parentSpanId: "eee19b7ec3c1b174",
                name: "chat gpt-5",
                kind: 3,
                startTimeUnixNano: "1767225600000000000",
                endTimeUnixNano: "1767225601834512345",
                attributes: [
                  s("gen_ai.operation.name", "chat"),
                  s("gen_ai.provider.name", "OpenAI"),
                  s("gen_ai.request.model", "gpt-5"),
                  s("gen_ai.response.model", "gpt-5-2025-08-07"),
                  s("gen_ai.response.id", "chatcmpl-CAb12xyz"),
                  kv("gen_ai.response.finish_reasons", { arrayValue: { values: [{ stringValue: "stop" }] } }),
                  i("gen_ai.usage.input_tokens", "12840"),
                  i("gen_ai.usage.output_tokens", 2310),
                  i("gen_ai.usage.cache_read.input_tokens", "11776"),
                  i("gen_ai.usage.reasoning.output_tokens", "1792"),
                  s("gen_ai.conversation.id", "conv_6c1f"),
                  s("server.address", "api.openai.com"),
                  i("server.port", 443),
                  kv("gen_ai.request.temperature", { doubleValue: 1 }),
                  s("team", "code-review"),
                  s("tokenledger.request_id", "req-9f2"),
                  i("tokenledger.attempt", "2"),
                  i("tokenledger.tag.pr", 1234),
                ],
                status: {},
              },
              {
                // the HTTP client span underneath: not a GenAI call
                traceId: TRACE,
                spanId: "0a1b2c3d4e5f6071",
                parentSpanId: "eee19b7ec3c1b173",
                name: "POST",
                kind: 3,
                startTimeUnixNano: "1767225600010000000",
                endTimeUnixNano: "1767225601830000000",
                attributes: [s("http.request.method", "POST"), s("url.full", "https://api.openai.com/v1/chat/completions"), i("http.response.status_code", 200)],
                status: { code: 0 },
              },
            ],
          },
        ],
      },
      {
        resource: {
          attributes: [
            s("service.name", "support-agent"),
            s("deployment.environment", "staging"),
            s("tokenledger.team", "support"),
            s("tenant.id", "globex"),
          ],
        },
        scopeSpans: [
          {
            scope: { name: "opentelemetry.instrumentation.anthropic" },
            spans: [
              {
                // a failed call on the older convention (gen_ai.system, cache_creation), times as JSON numbers
                traceId: TRACE2,
                spanId: "1122334455667788",
                name: "chat claude-sonnet-4-5",
                kind: 3,
                startTimeUnixNano: 1767225699000000000,
                endTimeUnixNano: 1767225700123456789,
                attributes: [
                  s("gen_ai.system", "Anthropic"),
                  s("gen_ai.request.model", "claude-sonnet-4-5"),
                  i("gen_ai.usage.input_tokens", 2048),
                  i("gen_ai.usage.output_tokens", 0),
                  i("gen_ai.usage.cache_creation.input_tokens", 1024),
                  s("error.type", "overloaded_error"),
                  s("enduser.id", "u-314"),
                ],
                status: { code: 2, message: "Overloaded" },
              },
            ],
          },
        ],
      },
    ],
  };
}

describe("otlpToEvents: a realistic export", () => {
  const out = otlpToEvents(realisticBody());

  it("turns the two model calls into events and ignores the agent and HTTP spans", () => {
    expect(out.errors).toEqual([]);
    expect(out.events).toHaveLength(2);
    expect(out.ignoredSpans).toBe(2);
    expect(out.rejectedSpans).toBe(0);
    // The agent span names a model but is no model call (invoke_agent): nothing to warn about.
    expect(out.spansWithoutUsage).toEqual([]);
  });

  it("lists model calls that carry no token counts (chat, OpenInference LLM), not agent or tool spans", () => {
    const span = (spanId: string, attributes: unknown[]) => ({ traceId: TRACE, spanId, name: "x", startTimeUnixNano: "1767225600000000000", endTimeUnixNano: "1767225601000000000", attributes });
    const body = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                span("0000000000000001", [s("gen_ai.operation.name", "chat"), s("gen_ai.request.model", "gpt-4.1"), s("gen_ai.provider.name", "openai")]),
                span("0000000000000002", [s("openinference.span.kind", "LLM"), s("llm.model_name", "gpt-4.1-mini")]),
                span("0000000000000003", [s("gen_ai.operation.name", "invoke_agent"), s("gen_ai.request.model", "gpt-4.1")]),
                span("0000000000000004", [s("gen_ai.operation.name", "chat")]), // no model: nothing to name
                span("0000000000000005", [s("openinference.span.kind", "TOOL"), s("llm.model_name", "gpt-4.1")]),
              ],
            },
          ],
        },
      ],
    };
    const r = otlpToEvents(body);
    expect([r.events.length, r.ignoredSpans, r.rejectedSpans]).toEqual([0, 5, 0]);
    expect(r.spansWithoutUsage).toEqual([
      { path: "resourceSpans[0].scopeSpans[0].spans[0]", model: "gpt-4.1" },
      { path: "resourceSpans[0].scopeSpans[0].spans[1]", model: "gpt-4.1-mini" },
    ]);
  });

  it("maps the chat span exactly", () => {
    expect(out.events[0]).toEqual({
      event_id: `otlp-${TRACE}-eee19b7ec3c1b173`,
      timestamp: 1767225601834, // end time, ns truncated to ms
      latency_ms: 1835, // 1834.512345 ms rounded
      provider: "openai",
      model: "gpt-5-2025-08-07", // response model preferred over request model
      input_tokens: 12840,
      output_tokens: 2310,
      cache_read_tokens: 11776,
      reasoning_tokens: 1792,
      status: "success",
      trace_id: TRACE,
      span_id: "eee19b7ec3c1b173",
      parent_span_id: "eee19b7ec3c1b174",
      session_id: "conv_6c1f",
      team: "code-review", // span attribute wins over the resource's "platform"
      repo: "acme/api",
      request_id: "req-9f2",
      attempt: 2,
      service: "review-bot",
      environment: "prod",
      tags: { cost_center: "cc-42", pr: "1234" },
    });
  });

  it("maps the failed call on the older attribute names", () => {
    expect(out.events[1]).toEqual({
      event_id: `otlp-${TRACE2}-1122334455667788`,
      timestamp: 1767225700123,
      latency_ms: 1123,
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      input_tokens: 2048,
      output_tokens: 0,
      cache_write_tokens: 1024,
      status: "error",
      error_type: "overloaded_error",
      trace_id: TRACE2,
      span_id: "1122334455667788",
      team: "support",
      customer: "globex",
      user: "u-314",
      service: "support-agent",
      environment: "staging",
    });
  });

  it("produces events the canonical schema accepts", () => {
    for (const e of out.events) expect(UsageEventInput.safeParse(e).success).toBe(true);
  });

  it("is idempotent: the same spans give the same event ids", () => {
    expect(otlpToEvents(realisticBody()).events.map((e) => e.event_id)).toEqual(out.events.map((e) => e.event_id));
  });
});

/** One span inside a minimal body; `res` are resource attributes. */
function oneSpan(span: Record<string, unknown>, res: unknown[] = [s("service.name", "svc")]) {
  return { resourceSpans: [{ resource: { attributes: res }, scopeSpans: [{ scope: { name: "t" }, spans: [span] }] }] };
}
const chatAttrs = (extra: unknown[] = []) => [
  s("gen_ai.provider.name", "openai"),
  s("gen_ai.request.model", "gpt-4.1-mini"),
  i("gen_ai.usage.input_tokens", "100"),
  i("gen_ai.usage.output_tokens", "20"),
  ...extra,
];
const baseSpan = (over: Record<string, unknown> = {}) => ({
  traceId: TRACE,
  spanId: "eee19b7ec3c1b173",
  name: "chat gpt-4.1-mini",
  startTimeUnixNano: "1767225600000000000",
  endTimeUnixNano: "1767225600250000000",
  attributes: chatAttrs(),
  ...over,
});
const single = (span: Record<string, unknown>, res?: unknown[]) => otlpToEvents(oneSpan(span, res));

describe("otlpToEvents: ids", () => {
  it("decodes base64 ids (standard and URL-safe) to lowercase hex", () => {
    const out = single(baseSpan({ traceId: "W47/95gDgQPSabYzgT/GDA==", spanId: "7uGbfsPBsXM=", parentSpanId: "7uGbfsPBsXQ" }));
    expect(out.errors).toEqual([]);
    expect(out.events[0]).toMatchObject({ event_id: `otlp-${TRACE}-eee19b7ec3c1b173`, trace_id: TRACE, span_id: "eee19b7ec3c1b173", parent_span_id: "eee19b7ec3c1b174" });
    const urlSafe = single(baseSpan({ traceId: "_-7dzLuqmYh3ZlVEMyIRAA", spanId: "7uGbfsPBsXM" }));
    expect(urlSafe.events[0].trace_id).toBe(TRACE2);
  });

  it("lowercases hex ids", () => {
    const out = single(baseSpan({ traceId: TRACE.toUpperCase(), spanId: "EEE19B7EC3C1B173" }));
    expect(out.events[0]).toMatchObject({ trace_id: TRACE, span_id: "eee19b7ec3c1b173" });
  });

  it("rejects ids of the wrong length, not hex nor base64, or all zeros", () => {
    const out = single(baseSpan({ traceId: "abc123", spanId: "7uGbfsPBsXM=AA", parentSpanId: "0000000000000000" }));
    expect(out.events).toEqual([]);
    expect(out.rejectedSpans).toBe(1);
    expect(out.errors).toEqual([
      { path: "resourceSpans[0].scopeSpans[0].spans[0].traceId", message: 'must be 32 hex characters (or base64 of 16 bytes) (got "abc123")' },
      { path: "resourceSpans[0].scopeSpans[0].spans[0].spanId", message: 'must be 16 hex characters (or base64 of 8 bytes) (got "7uGbfsPBsXM=AA")' },
      { path: "resourceSpans[0].scopeSpans[0].spans[0].parentSpanId", message: "must not be all zeros (an invalid id in OTLP)" },
    ]);
    // base64 of 8 bytes where 16 are needed
    expect(single(baseSpan({ traceId: "7uGbfsPBsXM=" })).errors[0].path).toBe("resourceSpans[0].scopeSpans[0].spans[0].traceId");
  });
});

describe("otlpToEvents: values and times", () => {
  it("accepts token counts as int strings, JSON numbers, integral doubles and decimal strings", () => {
    const out = single(
      baseSpan({
        attributes: [
          s("gen_ai.system", "openai"),
          s("gen_ai.request.model", "o4-mini"),
          i("gen_ai.usage.prompt_tokens", "9007199254740991"), // older name; 2^53 − 1 as a string
          kv("gen_ai.usage.completion_tokens", { doubleValue: 150.0 }),
          s("gen_ai.usage.reasoning_tokens", "128"),
          i("gen_ai.usage.cache_read_input_tokens", 64),
          i("gen_ai.usage.cache_write_input_tokens", 0),
        ],
      }),
    );
    expect(out.errors).toEqual([]);
    expect(out.events[0]).toMatchObject({ input_tokens: 9007199254740991, output_tokens: 150, reasoning_tokens: 128, cache_read_tokens: 64, cache_write_tokens: 0 });
  });

  it("prefers the current names over the underscore and older variants", () => {
    const out = single(
      baseSpan({
        attributes: chatAttrs([
          i("gen_ai.usage.cache_read_input_tokens", 1),
          i("gen_ai.usage.cache_read.input_tokens", 50),
          i("gen_ai.usage.cache_creation.input_tokens", 2),
          i("gen_ai.usage.cache_write.input_tokens", 30),
          i("gen_ai.usage.reasoning_tokens", 3),
          i("gen_ai.usage.reasoning.output_tokens", 10),
          i("gen_ai.usage.prompt_tokens", 4),
        ]),
      }),
    );
    expect(out.events[0]).toMatchObject({ input_tokens: 100, cache_read_tokens: 50, cache_write_tokens: 30, reasoning_tokens: 10 });
  });

  it("reads OpenInference spans", () => {
    const out = single(
      baseSpan({
        attributes: [
          s("openinference.span.kind", "LLM"),
          s("llm.provider", "anthropic"),
          s("llm.system", "anthropic"),
          s("llm.model_name", "claude-haiku-4-5"),
          i("llm.token_count.prompt", 5000),
          i("llm.token_count.completion", 300),
          i("llm.token_count.total", 9999),
          i("llm.token_count.prompt_details.cache_read", 4000),
          i("llm.token_count.prompt_details.cache_write", 200),
          s("session.id", "sess-1"),
          s("user.id", "alice"),
        ],
      }),
    );
    expect(out.errors).toEqual([]);
    expect(out.events[0]).toMatchObject({
      provider: "anthropic", model: "claude-haiku-4-5", input_tokens: 5000, output_tokens: 300, cache_read_tokens: 4000, cache_write_tokens: 200, session_id: "sess-1", user: "alice",
    });
  });

  it("treats a missing output count as 0 (embeddings)", () => {
    const out = single(baseSpan({ attributes: [s("gen_ai.provider.name", "openai"), s("gen_ai.request.model", "text-embedding-3-small"), i("gen_ai.usage.input_tokens", 812)] }));
    expect(out.events[0]).toMatchObject({ input_tokens: 812, output_tokens: 0 });
  });

  it("converts nanos without float loss and falls back to the start time", () => {
    // 1767225600999999999 ns: a float would round it up into the next millisecond
    expect(single(baseSpan({ startTimeUnixNano: "1767225600000000000", endTimeUnixNano: "1767225600999999999" })).events[0]).toMatchObject({
      timestamp: 1767225600999,
      latency_ms: 1000,
    });
    const noEnd = single(baseSpan({ endTimeUnixNano: undefined })).events[0];
    expect(noEnd.timestamp).toBe(1767225600000);
    expect(noEnd.latency_ms).toBeUndefined();
    const zeroEnd = single(baseSpan({ endTimeUnixNano: "0" })).events[0];
    expect(zeroEnd.timestamp).toBe(1767225600000);
    // end before start (clock skew): keep the call, drop the latency
    const skew = single(baseSpan({ startTimeUnixNano: "1767225601000000000", endTimeUnixNano: "1767225600000000000" })).events[0];
    expect(skew).toMatchObject({ timestamp: 1767225600000 });
    expect(skew.latency_ms).toBeUndefined();
  });

  it("maps error status (numeric or enum name) and leaves error_type empty without error.type", () => {
    expect(single(baseSpan({ status: { code: "STATUS_CODE_ERROR" } })).events[0]).toMatchObject({ status: "error" });
    expect(single(baseSpan({ status: { code: 2 } })).events[0].error_type).toBeUndefined();
    // error.type on a span that did not fail does not make it an error
    expect(single(baseSpan({ attributes: chatAttrs([s("error.type", "timeout")]), status: { code: 1 } })).events[0]).toMatchObject({ status: "success" });
    expect(single(baseSpan({ attributes: chatAttrs([s("error.type", "timeout")]) })).events[0].error_type).toBeUndefined();
  });

  it("rejects bad token values, naming the attribute", () => {
    const out = single(baseSpan({ attributes: chatAttrs([i("gen_ai.usage.cache_read.input_tokens", "-5"), kv("gen_ai.usage.reasoning.output_tokens", { doubleValue: 2.5 })]) }));
    expect(out.events).toEqual([]);
    expect(out.rejectedSpans).toBe(1);
    expect(out.errors).toEqual([
      { path: "resourceSpans[0].scopeSpans[0].spans[0].attributes[4]", message: '"gen_ai.usage.cache_read.input_tokens" must be a non-negative whole number (got -5)' },
      { path: "resourceSpans[0].scopeSpans[0].spans[0].attributes[5]", message: '"gen_ai.usage.reasoning.output_tokens" must be a non-negative whole number (got 2.5)' },
    ]);
  });

  it("rejects a GenAI span whose usage attribute is malformed rather than pricing partial data", () => {
    const out = single(baseSpan({ attributes: [s("gen_ai.provider.name", "openai"), s("gen_ai.request.model", "gpt-4.1"), i("gen_ai.usage.input_tokens", "12k"), i("gen_ai.usage.output_tokens", 5)] }));
    expect(out.events).toEqual([]);
    expect(out.errors).toEqual([
      { path: "resourceSpans[0].scopeSpans[0].spans[0].attributes[2].value.intValue", message: 'must be an integer, as a JSON number or a decimal string (got "12k")' },
      { path: "resourceSpans[0].scopeSpans[0].spans[0].attributes", message: 'GenAI span not recorded: malformed "gen_ai.usage.input_tokens"' },
    ]);
  });

  it("reports a span with usage but no model or provider instead of ignoring billed spend", () => {
    const out = single(baseSpan({ attributes: [i("gen_ai.usage.input_tokens", 10), i("gen_ai.usage.output_tokens", 5)] }));
    expect(out.events).toEqual([]);
    expect(out.ignoredSpans).toBe(0);
    expect(out.rejectedSpans).toBe(1);
    expect(out.errors.map((e) => e.message)).toEqual([
      "GenAI span has token usage but no model (gen_ai.response.model, gen_ai.request.model, llm.model_name)",
      "GenAI span has token usage but no provider (gen_ai.provider.name, gen_ai.system, llm.provider, llm.system)",
    ]);
  });

  it("takes the provider from the resource when the span has none", () => {
    const out = single(baseSpan({ attributes: [s("gen_ai.request.model", "gemini-2.5-flash"), i("gen_ai.usage.input_tokens", 10)] }), [s("gen_ai.provider.name", "gcp.gemini")]);
    expect(out.events[0]).toMatchObject({ provider: "gcp.gemini", model: "gemini-2.5-flash" });
    const azure = single(baseSpan({ attributes: chatAttrs([s("gen_ai.provider.name", "Azure.AI.OpenAI")]).slice(1) }));
    expect(azure.events[0].provider).toBe("azure.ai.openai");
  });
});

describe("otlpToEvents: dimensions", () => {
  it("lets span attributes win over resource attributes, and tokenledger.* win within a level", () => {
    const res = [
      s("tokenledger.team", "res-tl-team"),
      s("team.name", "res-team-name"),
      s("vcs.repository.name", "res-repo"),
      s("feature", "res-feature"),
      s("tenant.id", "res-tenant"),
      s("customer", "res-customer"),
      s("user.id", "res-user"),
      s("tokenledger.tag.env_owner", "res"),
      s("tokenledger.tag.shared", "from-resource"),
      s("service.name", "res-svc"),
      s("deployment.environment.name", "prod"),
      s("deployment.environment", "legacy-ignored"),
    ];
    const span = baseSpan({
      attributes: chatAttrs([
        s("team.name", "span-team"),
        s("enduser.id", "span-enduser"),
        s("tokenledger.feature", "span-feature"),
        s("tokenledger.tag.shared", "from-span"),
        s("tokenledger.tag.", "no-name-ignored"),
        kv("tokenledger.tag.flags", { arrayValue: { values: [{ stringValue: "a" }, { boolValue: true }] } }),
        s("tokenledger.branch", "main"),
        i("tokenledger.pull_request", 812),
        s("tokenledger.trigger", "scheduled"),
        s("tokenledger.pipeline_stage", "lint"),
        s("tokenledger.work_item", "JIRA-7"),
        s("tokenledger.service_tier", "flex"),
      ]),
    });
    const e = single(span, res).events[0];
    expect(e).toMatchObject({
      team: "span-team", // span team.name beats resource tokenledger.team
      repo: "res-repo",
      feature: "span-feature",
      customer: "res-customer", // customer before tenant.id
      user: "span-enduser",
      service: "res-svc",
      environment: "prod", // .name preferred
      branch: "main",
      pull_request: "812",
      trigger: "scheduled",
      pipeline_stage: "lint",
      work_item: "JIRA-7",
      service_tier: "flex",
      tags: { env_owner: "res", shared: "from-span", flags: "a,true" },
    });
    expect(UsageEventInput.safeParse(e).success).toBe(true);
  });

  it("uses the resource's tokenledger.team when the span has no team", () => {
    const res = [s("team", "res-team"), s("tokenledger.team", "res-tl-team")];
    expect(single(baseSpan(), res).events[0].team).toBe("res-tl-team");
  });

  it("treats empty strings as absent and falls through to the next key", () => {
    const e = single(baseSpan({ attributes: chatAttrs([s("tokenledger.team", ""), s("team", "fallback")]) })).events[0];
    expect(e.team).toBe("fallback");
  });

  it("passes a non-numeric attempt through as text so validation names it", () => {
    const e = single(baseSpan({ attributes: chatAttrs([s("tokenledger.attempt", "first")]) })).events[0];
    expect(e.attempt).toBe("first");
    const parsed = UsageEventInput.safeParse(e);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(["attempt"]);
    expect(single(baseSpan({ attributes: chatAttrs([s("tokenledger.attempt", "3")]) })).events[0].attempt).toBe(3);
  });
});

describe("otlpToEvents: bodies produced by the OpenTelemetry JS SDK", () => {
  // Captured from @opentelemetry/sdk-trace-base + @opentelemetry/otlp-transformer 0.210.0: JsonTraceSerializer output
  // (hex ids, intValue as JSON numbers), and the ProtobufTraceSerializer bytes decoded back to JSON with the
  // package's protobufjs root (base64 ids, intValue as strings): both must give the same event.
  const fromJsonSerializer = JSON.parse(
    '{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"review-bot"}},{"key":"tokenledger.team","value":{"stringValue":"platform"}}],"droppedAttributesCount":0},"scopeSpans":[{"scope":{"name":"sdk-fixture"},"spans":[{"traceId":"72ce5fb667f665619322590c1c4063d1","spanId":"0c52ab43a5a9de0a","name":"chat gpt-4.1","kind":3,"startTimeUnixNano":"1767225600005000000","endTimeUnixNano":"1767225601255000000","attributes":[{"key":"gen_ai.provider.name","value":{"stringValue":"openai"}},{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4.1"}},{"key":"gen_ai.usage.input_tokens","value":{"intValue":3200}},{"key":"gen_ai.usage.output_tokens","value":{"intValue":410}},{"key":"gen_ai.usage.cache_read.input_tokens","value":{"intValue":3072}}],"droppedAttributesCount":0,"status":{"code":0},"flags":257}]}]}]}',
  );
  const fromProtobufDecode = JSON.parse(
    '{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"review-bot"}},{"key":"tokenledger.team","value":{"stringValue":"platform"}}],"droppedAttributesCount":0},"scopeSpans":[{"scope":{"name":"sdk-fixture"},"spans":[{"traceId":"cs5ftmf2ZWGTIlkMHEBj0Q==","spanId":"DFKrQ6Wp3go=","name":"chat gpt-4.1","kind":3,"startTimeUnixNano":"1767225600005000000","endTimeUnixNano":"1767225601255000000","attributes":[{"key":"gen_ai.provider.name","value":{"stringValue":"openai"}},{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4.1"}},{"key":"gen_ai.usage.input_tokens","value":{"intValue":"3200"}},{"key":"gen_ai.usage.output_tokens","value":{"intValue":"410"}},{"key":"gen_ai.usage.cache_read.input_tokens","value":{"intValue":"3072"}}],"droppedAttributesCount":0,"status":{"code":0},"flags":257}]}]}]}',
  );
  const expected = {
    event_id: "otlp-72ce5fb667f665619322590c1c4063d1-0c52ab43a5a9de0a",
    timestamp: 1767225601255,
    latency_ms: 1250,
    provider: "openai",
    model: "gpt-4.1",
    input_tokens: 3200,
    output_tokens: 410,
    cache_read_tokens: 3072,
    status: "success",
    trace_id: "72ce5fb667f665619322590c1c4063d1",
    span_id: "0c52ab43a5a9de0a",
    team: "platform",
    service: "review-bot",
  };

  it("maps the JSON exporter's body", () => {
    expect(otlpToEvents(fromJsonSerializer)).toEqual({ events: [expected], ignoredSpans: 0, spansWithoutUsage: [], rejectedSpans: 0, errors: [] });
  });

  it("maps the protobuf body decoded to JSON the same way", () => {
    expect(otlpToEvents(fromProtobufDecode)).toEqual({ events: [expected], ignoredSpans: 0, spansWithoutUsage: [], rejectedSpans: 0, errors: [] });
  });
});

describe("otlpToEvents: malformed bodies", () => {
  it("rejects bodies that are not objects", () => {
    for (const body of [null, undefined, "{}", 42, []]) {
      const out = otlpToEvents(body);
      expect(out.events).toEqual([]);
      expect(out.errors).toHaveLength(1);
      expect(out.errors[0].path).toBe("(body)");
    }
  });

  it("accepts an empty export (proto3 JSON omits empty lists)", () => {
    expect(otlpToEvents({})).toEqual({ events: [], ignoredSpans: 0, spansWithoutUsage: [], rejectedSpans: 0, errors: [] });
    expect(otlpToEvents({ resourceSpans: [{ resource: {}, scopeSpans: [{ scope: {} }] }] }).errors).toEqual([]);
  });

  it("names the broken level with its path", () => {
    expect(otlpToEvents({ resourceSpans: { spans: [] } }).errors).toEqual([{ path: "resourceSpans", message: "must be an array (got [object Object])" }]);
    expect(otlpToEvents({ resourceSpans: [7] }).errors).toEqual([{ path: "resourceSpans[0]", message: "must be an object (got 7)" }]);
    expect(otlpToEvents({ resourceSpans: [{ scopeSpans: "x" }] }).errors).toEqual([{ path: "resourceSpans[0].scopeSpans", message: 'must be an array (got "x")' }]);
    expect(otlpToEvents({ resourceSpans: [{ scopeSpans: [null] }] }).errors).toEqual([{ path: "resourceSpans[0].scopeSpans[0]", message: "must be an object (got null)" }]);
    expect(otlpToEvents({ resourceSpans: [{ scopeSpans: [{ spans: 5 }] }] }).errors).toEqual([{ path: "resourceSpans[0].scopeSpans[0].spans", message: "must be an array (got 5)" }]);
    expect(otlpToEvents({ resourceSpans: [{ resource: "svc", scopeSpans: [{ spans: [baseSpan()] }] }] }).errors).toEqual([
      { path: "resourceSpans[0].resource", message: 'must be an object (got "svc")' },
    ]);
  });

  it("reports the exact span of a bad traceId and keeps the good spans", () => {
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [s("service.name", "svc")] },
          scopeSpans: [
            { scope: { name: "a" }, spans: [baseSpan({ spanId: "1000000000000001" })] },
            {
              scope: { name: "b" },
              spans: [
                baseSpan({ spanId: "1000000000000002" }),
                { name: "not a genai span", traceId: 12 },
                null,
                baseSpan({ traceId: "not-a-trace-id", spanId: "1000000000000004" }),
              ],
            },
          ],
        },
      ],
    };
    const out = otlpToEvents(body);
    expect(out.events.map((e) => e.span_id)).toEqual(["1000000000000001", "1000000000000002"]);
    expect(out.ignoredSpans).toBe(1); // a span without usage is ignored whatever its ids
    expect(out.rejectedSpans).toBe(1);
    expect(out.errors).toEqual([
      { path: "resourceSpans[0].scopeSpans[1].spans[2]", message: "must be an object (got null)" },
      { path: "resourceSpans[0].scopeSpans[1].spans[3].traceId", message: 'must be 32 hex characters (or base64 of 16 bytes) (got "not-a-trace-id")' },
    ]);
  });

  it("reports malformed attributes and key values, keeping the rest", () => {
    const out = single(baseSpan({ attributes: [...chatAttrs(), 5, { value: { stringValue: "x" } }, kv("team", { stringValue: 9 }), kv("ok.flag", { boolValue: "yes" })] }));
    expect(out.events).toHaveLength(1);
    expect(out.errors).toEqual([
      { path: "resourceSpans[0].scopeSpans[0].spans[0].attributes[4]", message: "must be a KeyValue object (got 5)" },
      { path: "resourceSpans[0].scopeSpans[0].spans[0].attributes[5].key", message: "must be a non-empty string (got undefined)" },
      { path: "resourceSpans[0].scopeSpans[0].spans[0].attributes[6].value.stringValue", message: "must be a string (got 9)" },
      { path: "resourceSpans[0].scopeSpans[0].spans[0].attributes[7].value.boolValue", message: 'must be true or false (got "yes")' },
    ]);
    expect(single(baseSpan({ attributes: { team: "x" } })).errors).toEqual([
      { path: "resourceSpans[0].scopeSpans[0].spans[0].attributes", message: "must be an array of KeyValue (got [object Object])" },
    ]);
  });

  it("rejects a GenAI span with malformed or missing times", () => {
    expect(single(baseSpan({ endTimeUnixNano: "2026-01-01T00:00:00Z" })).errors).toEqual([
      { path: "resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano", message: 'must be unix nanoseconds as a decimal string or integer (got "2026-01-01T00:00:00Z")' },
    ]);
    expect(single(baseSpan({ startTimeUnixNano: -1 })).errors[0].path).toBe("resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano");
    expect(single(baseSpan({ startTimeUnixNano: undefined, endTimeUnixNano: "0" })).errors).toEqual([
      { path: "resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano", message: "is missing, and so is startTimeUnixNano: the call has no time" },
    ]);
  });

  it("never throws on junk at any level", () => {
    const junk: unknown[] = [null, undefined, 0, -1, "", "x", true, [], {}, [null], { values: 3 }, { intValue: {} }, { arrayValue: { values: [{ intValue: "z" }] } }];
    for (const j of junk) {
      const bodies = [
        { resourceSpans: j },
        { resourceSpans: [j] },
        { resourceSpans: [{ resource: j, scopeSpans: j }] },
        { resourceSpans: [{ resource: { attributes: j }, scopeSpans: [{ spans: j }] }] },
        { resourceSpans: [{ resource: { attributes: [j, { key: "k", value: j }] }, scopeSpans: [{ spans: [j] }] }] },
        oneSpan(baseSpan({ traceId: j, spanId: j, parentSpanId: j, startTimeUnixNano: j, endTimeUnixNano: j, status: j, attributes: j })),
        oneSpan(baseSpan({ attributes: chatAttrs([{ key: "gen_ai.usage.output_tokens", value: j }, { key: "tokenledger.attempt", value: j }]) })),
      ];
      for (const b of bodies) expect(() => otlpToEvents(b)).not.toThrow();
    }
  });
});
