import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { diag, DiagLogLevel, SpanKind, SpanStatusCode, context, trace, type DiagLogger } from "@opentelemetry/api";
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { OTLPTraceExporter as OTLPJsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as OTLPProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import protobuf from "protobufjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodeOf } from "@/lib/api/errors";
import { DomainError } from "@/lib/errors";
import { otlpToEvents } from "@/lib/ingest/otlp";
import { decodeOtlpTraceRequest, encodeOtlpTraceResponse } from "@/lib/ingest/otlp-protobuf";
import { readBodyBytes } from "@/lib/ingest/read-body";

/**
 * OTLP/HTTP protobuf → the OTLP/JSON shape otlpToEvents reads. Three sources of bytes:
 *  - protobufjs encoding a known OTLP/JSON body with the complete upstream Span/Resource/Scope definitions
 *    (events, links, flags, the scope's attributes… that the decoder leaves out must be skipped);
 *  - the real OpenTelemetry JS exporters (exporter-trace-otlp-proto next to exporter-trace-otlp-http, same
 *    spans), captured by a local HTTP server: both must give the same events;
 *  - hand-made broken bytes.
 */

type Json = Record<string, unknown>;
const kv = (key: string, value: Json) => ({ key, value });
const s = (key: string, v: string) => kv(key, { stringValue: v });
const i = (key: string, v: string) => kv(key, { intValue: v });

// ---------- protobufjs encoding of a known body ----------

/**
 * opentelemetry-proto's messages as upstream defines them (trace/v1/trace.proto, common/v1/common.proto,
 * resource/v1/resource.proto, collector/trace/v1/trace_service.proto), fields the decoder omits included.
 * One package keeps the test short; package names are not on the wire.
 */
const UPSTREAM = `
syntax = "proto3";
package upstream;
message AnyValue {
  oneof value {
    string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
    ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; fixed32 flags = 16;
  string name = 5; int32 kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9; uint32 dropped_attributes_count = 10;
  message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
  repeated Event events = 11; uint32 dropped_events_count = 12;
  message Link { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; repeated KeyValue attributes = 4; uint32 dropped_attributes_count = 5; fixed32 flags = 6; }
  repeated Link links = 13; uint32 dropped_links_count = 14;
  Status status = 15;
}
message Status { string message = 2; int32 code = 3; }
`;
const Upstream = protobuf.parse(UPSTREAM).root.lookupType("upstream.ExportTraceServiceRequest");

/** Encodes an OTLP/JSON body (hex ids) with the upstream definitions. */
function encodeJsonBody(body: Json): Uint8Array {
  const ids = new Set(["traceId", "spanId", "parentSpanId"]);
  const withBytes = JSON.parse(JSON.stringify(body), (key, value) => (ids.has(key) && typeof value === "string" ? Buffer.from(value, "hex") : value));
  return Upstream.encode(Upstream.fromObject(withBytes)).finish();
}

/** Removes what the decoder deliberately does not read, to compare its output with the body it came from. */
const UNREAD = new Set(["schemaUrl", "traceState", "flags", "events", "links", "droppedAttributesCount", "droppedEventsCount", "droppedLinksCount"]);
/** Of the instrumentation scope only name and version are read (they choose how token counts are read). */
const scopeRead = (scope: Json): Json => Object.fromEntries(Object.entries(scope).filter(([k]) => k === "name" || k === "version"));
const withoutUnread = (body: Json): Json =>
  JSON.parse(JSON.stringify(body), (key, value) => (UNREAD.has(key) ? undefined : key === "scope" ? scopeRead(value as Json) : value));

const TRACE = "5b8efff798038103d269b633813fc60c";
const TRACE2 = "ffeeddccbbaa99887766554433221100";

function knownBody(): Json {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            s("service.name", "review-bot"),
            s("deployment.environment.name", "prod"),
            s("tokenledger.team", "platform"),
            s("tokenledger.tag.cost_center", "cc-42"),
          ],
          droppedAttributesCount: 1,
        },
        schemaUrl: "https://opentelemetry.io/schemas/1.37.0",
        scopeSpans: [
          {
            scope: { name: "opentelemetry.instrumentation.openai_v2", version: "2.1b0", attributes: [s("scope.attr", "x")] },
            schemaUrl: "https://opentelemetry.io/schemas/1.37.0",
            spans: [
              {
                // the agent invocation: no usage of its own → ignored; its events and links are skipped
                traceId: TRACE,
                spanId: "eee19b7ec3c1b174",
                traceState: "vendor=1",
                flags: 257,
                name: "invoke_agent reviewer",
                kind: 1,
                startTimeUnixNano: "1767225599500000000",
                endTimeUnixNano: "1767225603000000000",
                attributes: [s("gen_ai.operation.name", "invoke_agent"), s("gen_ai.request.model", "gpt-5")],
                events: [{ timeUnixNano: "1767225600000000000", name: "gen_ai.user.message", attributes: [s("content", "review this diff")] }],
                links: [{ traceId: TRACE2, spanId: "0102030405060708", attributes: [s("link", "y")], flags: 1 }],
                droppedEventsCount: 2,
                status: { code: 1 },
              },
              {
                // the model call: nanosecond times beyond 2^53, every AnyValue kind, int64 at its limits
                traceId: TRACE,
                spanId: "eee19b7ec3c1b173",
                parentSpanId: "eee19b7ec3c1b174",
                name: "chat gpt-5",
                kind: 3,
                startTimeUnixNano: "1767225600000000001",
                endTimeUnixNano: "1767225601834512345",
                attributes: [
                  s("gen_ai.provider.name", "OpenAI"),
                  s("gen_ai.request.model", "gpt-5"),
                  s("gen_ai.response.model", "gpt-5-2025-08-07"),
                  i("gen_ai.usage.input_tokens", "3200"),
                  i("gen_ai.usage.output_tokens", "410"),
                  i("gen_ai.usage.cache_read.input_tokens", "3072"),
                  i("gen_ai.usage.reasoning.output_tokens", "128"),
                  kv("gen_ai.request.temperature", { doubleValue: 0.2 }),
                  kv("gen_ai.request.stream", { boolValue: true }),
                  kv("gen_ai.response.finish_reasons", { arrayValue: { values: [{ stringValue: "stop" }, { stringValue: "length" }] } }),
                  kv("gen_ai.request.metadata", { kvlistValue: { values: [s("a", "b"), i("n", "-9223372036854775808")] } }),
                  kv("gen_ai.request.seed_bytes", { bytesValue: Buffer.from([0, 1, 2, 250]).toString("base64") }),
                  i("tokenledger.attempt", "2"),
                  i("tokenledger.tag.max_int64", "9223372036854775807"),
                  kv("tokenledger.tag.ratio", { doubleValue: "Infinity" }),
                  kv("tokenledger.tag.labels", { arrayValue: { values: [{ stringValue: "a" }, { intValue: "7" }, { boolValue: false }] } }),
                  s("tokenledger.feature", "code-review"),
                ],
                droppedAttributesCount: 3,
                status: { message: "ok", code: 1 },
              },
            ],
          },
        ],
      },
      {
        resource: { attributes: [s("service.name", "support"), s("gen_ai.system", "anthropic")] },
        scopeSpans: [
          {
            spans: [
              {
                // OpenInference keys, provider from the resource, error status
                traceId: TRACE2,
                spanId: "1111111111111111",
                name: "llm",
                kind: 3,
                startTimeUnixNano: "1767225700000000000",
                endTimeUnixNano: "1767225700250000000",
                attributes: [
                  s("llm.model_name", "claude-sonnet-4-5"),
                  i("llm.token_count.prompt", "900"),
                  i("llm.token_count.completion", "12"),
                  s("error.type", "overloaded_error"),
                  s("session.id", "sess-9"),
                ],
                status: { message: "529", code: 2 },
              },
              {
                // token usage without a model: rejected, with its path
                traceId: TRACE2,
                spanId: "2222222222222222",
                name: "chat",
                kind: 3,
                endTimeUnixNano: "1767225700500000000",
                attributes: [i("gen_ai.usage.input_tokens", "5")],
              },
              {
                // an HTTP span: ignored
                traceId: TRACE2,
                spanId: "3333333333333333",
                name: "GET",
                kind: 3,
                startTimeUnixNano: "1767225700000000000",
                endTimeUnixNano: "1767225700100000000",
                attributes: [s("http.request.method", "GET"), i("http.response.status_code", "200")],
              },
            ],
          },
        ],
      },
    ],
  };
}

const api = (fn: () => unknown): { code: string | undefined; message: string } => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return { code: errorCodeOf(err), message: err.message };
    throw err;
  }
  throw new Error("expected a domain error");
};

describe("decodeOtlpTraceRequest: protobuf → OTLP/JSON", () => {
  it("gives back the JSON body it was encoded from (minus the fields it does not read), exactly", () => {
    const body = knownBody();
    const decoded = decodeOtlpTraceRequest(encodeJsonBody(body));
    expect(decoded).toEqual(withoutUnread(body));
  });

  it("maps to the same events, ignored and rejected spans as the JSON path", () => {
    const body = knownBody();
    const fromProtobuf = otlpToEvents(decodeOtlpTraceRequest(encodeJsonBody(body)));
    const fromJson = otlpToEvents(body);
    expect(fromProtobuf).toEqual(fromJson);
    expect(fromProtobuf.ignoredSpans).toBe(2);
    expect(fromProtobuf.rejectedSpans).toBe(1);
    expect(fromProtobuf.errors.map((e) => e.path)).toEqual(["resourceSpans[1].scopeSpans[0].spans[1].attributes"]);
    expect(fromProtobuf.events).toEqual([
      {
        event_id: `otlp-${TRACE}-eee19b7ec3c1b173`,
        timestamp: 1767225601834,
        latency_ms: 1835,
        provider: "openai",
        model: "gpt-5-2025-08-07",
        input_tokens: 3200,
        output_tokens: 410,
        cache_read_tokens: 3072,
        reasoning_tokens: 128,
        status: "success",
        trace_id: TRACE,
        span_id: "eee19b7ec3c1b173",
        parent_span_id: "eee19b7ec3c1b174",
        team: "platform",
        feature: "code-review",
        service: "review-bot",
        environment: "prod",
        attempt: 2,
        tags: { cost_center: "cc-42", max_int64: "9223372036854775807", ratio: "Infinity", labels: "a,7,false" },
      },
      {
        event_id: `otlp-${TRACE2}-1111111111111111`,
        timestamp: 1767225700250,
        latency_ms: 250,
        provider: "anthropic",
        model: "claude-sonnet-4-5",
        input_tokens: 900,
        output_tokens: 12,
        status: "error",
        error_type: "overloaded_error",
        trace_id: TRACE2,
        span_id: "1111111111111111",
        session_id: "sess-9",
        service: "support",
      },
    ]);
  });

  it("keeps 64-bit values exact: fixed64 times up to 2^64−1, int64 down to −2^63", () => {
    const body = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: TRACE,
                  spanId: "0000000000000001",
                  startTimeUnixNano: "18446744073709551615",
                  endTimeUnixNano: "9007199254740993",
                  attributes: [i("min", "-9223372036854775808"), i("max", "9223372036854775807"), i("above2^53", "9007199254740993")],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(decodeOtlpTraceRequest(encodeJsonBody(body))).toEqual(body);
  });

  it("accepts an empty export and empty levels, as proto3 omits them", () => {
    expect(decodeOtlpTraceRequest(new Uint8Array())).toEqual({});
    expect(decodeOtlpTraceRequest(encodeJsonBody({ resourceSpans: [{ resource: {}, scopeSpans: [{ scope: { name: "a" } }] }] }))).toEqual({
      resourceSpans: [{ resource: {}, scopeSpans: [{ scope: { name: "a" } }] }],
    });
    expect(decodeOtlpTraceRequest(encodeJsonBody({ resourceSpans: [{ scopeSpans: [{ scope: {} }, {}] }] }))).toEqual({ resourceSpans: [{ scopeSpans: [{ scope: {} }, {}] }] });
    expect(otlpToEvents(decodeOtlpTraceRequest(new Uint8Array()))).toEqual({ events: [], ignoredSpans: 0, spansWithoutUsage: [], rejectedSpans: 0, errors: [] });
  });

  it("rejects ids of the wrong length with the span's path, even when their hex would read as base64", () => {
    const spanWith = (traceId: Buffer, spanId: Buffer) =>
      Upstream.encode(
        Upstream.fromObject({
          resourceSpans: [
            {
              scopeSpans: [
                {
                  spans: [
                    {
                      traceId,
                      spanId,
                      endTimeUnixNano: "1767225601834512345",
                      attributes: [s("gen_ai.provider.name", "openai"), s("gen_ai.request.model", "gpt-5"), i("gen_ai.usage.input_tokens", "1")],
                    },
                  ],
                },
              ],
            },
          ],
        }),
      ).finish();
    // 11 bytes = 22 hex characters, which decode as base64 to 16 bytes: must not become a trace id.
    const eleven = otlpToEvents(decodeOtlpTraceRequest(spanWith(Buffer.alloc(11, 0xab), Buffer.alloc(8, 1))));
    expect(eleven.events).toEqual([]);
    expect(eleven.rejectedSpans).toBe(1);
    expect(eleven.errors).toEqual([
      { path: "resourceSpans[0].scopeSpans[0].spans[0].traceId", message: expect.stringContaining('got "11 bytes: abababababababababab') },
    ]);
    const shortSpan = otlpToEvents(decodeOtlpTraceRequest(spanWith(Buffer.from(TRACE, "hex"), Buffer.alloc(4, 1))));
    expect(shortSpan.errors).toEqual([{ path: "resourceSpans[0].scopeSpans[0].spans[0].spanId", message: expect.stringContaining('"4 bytes: 01010101"') }]);
    const empty = otlpToEvents(decodeOtlpTraceRequest(spanWith(Buffer.alloc(0), Buffer.alloc(8, 1))));
    expect(empty.errors.map((e) => e.path)).toEqual(["resourceSpans[0].scopeSpans[0].spans[0].traceId"]);
  });

  it("reports a KeyValue without a key like the JSON path does", () => {
    const bytes = Upstream.encode(
      Upstream.fromObject({ resourceSpans: [{ resource: { attributes: [{ value: { stringValue: "x" } }] } }] }),
    ).finish();
    expect(decodeOtlpTraceRequest(bytes)).toEqual({ resourceSpans: [{ resource: { attributes: [{ key: "", value: { stringValue: "x" } }] } }] });
    expect(otlpToEvents(decodeOtlpTraceRequest(bytes)).errors).toEqual([{ path: "resourceSpans[0].resource.attributes[0].key", message: 'must be a non-empty string (got "")' }]);
  });
});

describe("decodeOtlpTraceRequest: malformed bodies", () => {
  const PREFIX = "Body is not a valid OTLP protobuf ExportTraceServiceRequest: ";
  const varint = (n: number) => {
    const out: number[] = [];
    for (; n > 127; n >>>= 7) out.push((n & 127) | 128);
    out.push(n);
    return Buffer.from(out);
  };
  const field = (tag: number, inner: Buffer) => Buffer.concat([Buffer.from([tag]), varint(inner.length), inner]);

  it("answers bad_request with the reason", () => {
    const valid = Buffer.from(encodeJsonBody(knownBody()));
    const cases: [string, Uint8Array, RegExp][] = [
      ["truncated", valid.subarray(0, valid.length - 7), /index out of range/],
      ["a bad wire type", Buffer.from([0x0f]), /invalid wire type 7/],
      ["an unfinished varint", Buffer.from([0xff]), /index out of range/],
      ["JSON sent as protobuf", Buffer.from('{"resourceSpans":[]}'), /index out of range/],
      ["a length beyond the end", Buffer.from([0x0a, 0x7f, 0x00]), /index out of range/],
      // ResourceSpans.resource.attributes[0].key = 0xff 0xfe
      ["invalid UTF-8 in a string", field(0x0a, field(0x0a, field(0x0a, Buffer.from([0x0a, 0x02, 0xff, 0xfe])))), /a string field is not valid UTF-8/],
    ];
    for (const [what, bytes, reason] of cases) {
      const err = api(() => decodeOtlpTraceRequest(bytes));
      expect(err.code, what).toBe("bad_request");
      expect(err.message, what).toMatch(new RegExp(`^${PREFIX}`));
      expect(err.message.slice(PREFIX.length), what).toMatch(reason);
    }
  });

  it("refuses messages nested more than 100 deep (AnyValue arrays inside arrays)", () => {
    const nested = (depth: number) => {
      let any = field(0x0a, Buffer.from("x")); // AnyValue.string_value
      for (let d = 0; d < depth; d++) any = field(0x2a, field(0x0a, any)); // AnyValue.array_value → ArrayValue.values
      const keyValue = Buffer.concat([field(0x0a, Buffer.from("k")), field(0x12, any)]);
      return field(0x0a, field(0x12, field(0x12, field(0x4a, keyValue)))); // request → ResourceSpans.scope_spans → ScopeSpans.spans → Span.attributes
    };
    expect(decodeOtlpTraceRequest(nested(40))).toMatchObject({ resourceSpans: [{ scopeSpans: [{ spans: [{ attributes: [{ key: "k" }] }] }] }] });
    expect(api(() => decodeOtlpTraceRequest(nested(100))).message).toBe(
      "Body is not a valid OTLP protobuf ExportTraceServiceRequest: messages nested too deeply",
    );
  });
});

describe("gzip, through readBodyBytes", () => {
  it("decodes a gzipped body to the same request", async () => {
    const bytes = encodeJsonBody(knownBody());
    const request = new Request("http://t/api/v1/otlp/v1/traces", {
      method: "POST",
      headers: { "content-type": "application/x-protobuf", "content-encoding": "gzip" },
      body: gzipSync(bytes),
    });
    expect(decodeOtlpTraceRequest(await readBodyBytes(request))).toEqual(decodeOtlpTraceRequest(bytes));
  });
});

describe("encodeOtlpTraceResponse", () => {
  it("encodes ExportTraceServiceResponse{partial_success = 1 {rejected_spans = 1, error_message = 2}}", () => {
    expect(Buffer.from(encodeOtlpTraceResponse()).toString("hex")).toBe("");
    // 0a 05 (field 1, 5 bytes) · 08 03 (rejected_spans = 3) · 12 01 78 (error_message = "x")
    expect(Buffer.from(encodeOtlpTraceResponse({ rejectedSpans: 3, errorMessage: "x" })).toString("hex")).toBe("0a050803120178");
  });
});

// ---------- the real OpenTelemetry JS exporters ----------

type Captured = { headers: IncomingHttpHeaders; body: Buffer };

/** A local OTLP endpoint that records requests and answers protobuf requests with `protobufAnswer`. */
class CaptureServer {
  readonly requests: Captured[] = [];
  protobufAnswer: Uint8Array = encodeOtlpTraceResponse();
  private server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      this.requests.push({ headers: req.headers, body: Buffer.concat(chunks) });
      if (req.headers["content-type"] === "application/x-protobuf") {
        res.writeHead(200, { "content-type": "application/x-protobuf" });
        res.end(Buffer.from(this.protobufAnswer));
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.end("{}");
      }
    });
  });
  async start(): Promise<string> {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/traces`;
  }
  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function exportOnce(exporter: SpanExporter, spans: ReadableSpan[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(spans, resolve));
}

/** GenAI spans made by the real SDK: an agent parent, two chat calls (one failing), an HTTP span. */
function sdkSpans(): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "sdk-agent", "tokenledger.team": "sdk-team", "deployment.environment.name": "staging" }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer("tokenledger-unit", "1.0.0");
  const agent = tracer.startSpan("invoke_agent helper", { attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.provider.name": "openai" } });
  const inAgent = trace.setSpan(context.active(), agent);
  const chat = tracer.startSpan(
    "chat gpt-4.1",
    {
      kind: SpanKind.CLIENT,
      attributes: {
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4.1",
        "gen_ai.usage.input_tokens": 2000,
        "gen_ai.usage.output_tokens": 500,
        "gen_ai.usage.cache_read.input_tokens": 1500,
        "gen_ai.request.temperature": 0.7,
        "gen_ai.response.finish_reasons": ["stop"],
        "tokenledger.tag.flag": true,
      },
    },
    inAgent,
  );
  chat.end();
  const failed = tracer.startSpan(
    "chat claude",
    { kind: SpanKind.CLIENT, attributes: { "gen_ai.system": "anthropic", "gen_ai.request.model": "claude-haiku-4-5", "gen_ai.usage.input_tokens": 10, "error.type": "timeout" } },
    inAgent,
  );
  failed.setStatus({ code: SpanStatusCode.ERROR, message: "timed out" });
  failed.end();
  const noModel = tracer.startSpan("chat", { kind: SpanKind.CLIENT, attributes: { "gen_ai.provider.name": "openai", "gen_ai.usage.input_tokens": 3 } }, inAgent);
  noModel.end();
  const http = tracer.startSpan("GET", { kind: SpanKind.CLIENT, attributes: { "http.request.method": "GET", "http.response.status_code": 200 } }, inAgent);
  http.end();
  agent.end();
  return memory.getFinishedSpans().slice();
}

describe("bytes from the real OpenTelemetry JS exporters", () => {
  const server = new CaptureServer();
  let url = "";
  const warnings: string[] = [];
  const logger: DiagLogger = {
    error: (...args) => warnings.push(args.map(String).join(" ")),
    warn: (...args) => warnings.push(args.map(String).join(" ")),
    info: () => {},
    debug: () => {},
    verbose: () => {},
  };
  beforeAll(async () => {
    url = await server.start();
    diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  });
  afterAll(async () => {
    diag.disable();
    await server.stop();
  });

  async function capture(exporter: SpanExporter, spans: ReadableSpan[]): Promise<Captured> {
    const before = server.requests.length;
    const result = await exportOnce(exporter, spans);
    await exporter.shutdown();
    expect(result.code, String(result.error)).toBe(ExportResultCode.SUCCESS);
    expect(server.requests.length).toBe(before + 1);
    return server.requests[before];
  }

  it("exporter-trace-otlp-proto's body maps to exactly the events of exporter-trace-otlp-http's JSON body", async () => {
    const spans = sdkSpans();
    const proto = await capture(new OTLPProtoTraceExporter({ url }), spans);
    const json = await capture(new OTLPJsonTraceExporter({ url }), spans);
    expect(proto.headers["content-type"]).toBe("application/x-protobuf");
    expect(json.headers["content-type"]).toBe("application/json");

    const fromProtobuf = otlpToEvents(decodeOtlpTraceRequest(proto.body));
    expect(fromProtobuf).toEqual(otlpToEvents(JSON.parse(json.body.toString("utf8"))));

    const byName = new Map(spans.map((sp) => [sp.name, sp]));
    const chat = byName.get("chat gpt-4.1")!;
    const failed = byName.get("chat claude")!;
    const { traceId } = chat.spanContext();
    const ns = (t: [number, number]) => BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]);
    expect(fromProtobuf.ignoredSpans).toBe(2);
    expect(fromProtobuf.rejectedSpans).toBe(1);
    expect(fromProtobuf.events).toEqual([
      {
        event_id: `otlp-${traceId}-${chat.spanContext().spanId}`,
        timestamp: Number(ns(chat.endTime) / 1_000_000n),
        latency_ms: expect.any(Number),
        provider: "openai",
        model: "gpt-4.1",
        input_tokens: 2000,
        output_tokens: 500,
        cache_read_tokens: 1500,
        status: "success",
        trace_id: traceId,
        span_id: chat.spanContext().spanId,
        parent_span_id: byName.get("invoke_agent helper")!.spanContext().spanId,
        team: "sdk-team",
        service: "sdk-agent",
        environment: "staging",
        tags: { flag: "true" },
      },
      expect.objectContaining({
        event_id: `otlp-${traceId}-${failed.spanContext().spanId}`,
        provider: "anthropic",
        model: "claude-haiku-4-5",
        input_tokens: 10,
        output_tokens: 0,
        status: "error",
        error_type: "timeout",
      }),
    ]);

    // Times, exactly: the decoded nanoseconds are the SDK's HrTime.
    const decoded = decodeOtlpTraceRequest(proto.body) as { resourceSpans: { scopeSpans: { spans: { spanId: string; startTimeUnixNano: string; endTimeUnixNano: string }[] }[] }[] };
    const chatJson = decoded.resourceSpans[0].scopeSpans[0].spans.find((sp) => sp.spanId === chat.spanContext().spanId)!;
    expect(chatJson.startTimeUnixNano).toBe(ns(chat.startTime).toString());
    expect(chatJson.endTimeUnixNano).toBe(ns(chat.endTime).toString());
  });

  it("decodes the exporter's gzip body (compression: gzip) through readBodyBytes", async () => {
    const spans = sdkSpans();
    type Config = NonNullable<ConstructorParameters<typeof OTLPProtoTraceExporter>[0]>;
    const gz = await capture(new OTLPProtoTraceExporter({ url, compression: "gzip" as Config["compression"] }), spans);
    const plain = await capture(new OTLPProtoTraceExporter({ url }), spans);
    expect(gz.headers["content-encoding"]).toBe("gzip");
    const request = new Request("http://t/api/v1/otlp/v1/traces", {
      method: "POST",
      headers: { "content-type": "application/x-protobuf", "content-encoding": "gzip" },
      body: new Uint8Array(gz.body),
    });
    const bytes = await readBodyBytes(request);
    expect(bytes.equals(plain.body)).toBe(true);
    expect(otlpToEvents(decodeOtlpTraceRequest(bytes)).events).toHaveLength(2);
  });

  it("the exporter reads TokenLedger's protobuf response, partial success included", async () => {
    warnings.length = 0;
    server.protobufAnswer = encodeOtlpTraceResponse();
    await capture(new OTLPProtoTraceExporter({ url }), sdkSpans());
    expect(warnings).toEqual([]);

    server.protobufAnswer = encodeOtlpTraceResponse({ rejectedSpans: 2, errorMessage: "resourceSpans[0].scopeSpans[0].spans[2].attributes: no model" });
    await capture(new OTLPProtoTraceExporter({ url }), sdkSpans());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("Received Partial Success response:");
    const reported = JSON.parse(warnings[0].slice(warnings[0].indexOf("{")));
    expect(reported).toEqual({ rejectedSpans: 2, errorMessage: "resourceSpans[0].scopeSpans[0].spans[2].attributes: no model" });
    server.protobufAnswer = encodeOtlpTraceResponse();
  });
});
