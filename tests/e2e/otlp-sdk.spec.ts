import { randomUUID } from "node:crypto";
import { context, diag, DiagLogLevel, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as OTLPProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * An app instrumented with the real OpenTelemetry JS SDK (BasicTracerProvider + OTLPTraceExporter over
 * HTTP/JSON or HTTP/protobuf, the 2.x / 0.2xx lines that run on Node 20) exports straight to TokenLedger's
 * OTLP endpoint.
 *
 * Every test uses a model name of its own that has no price, so GET /api/v1/prices/unpriced tells exactly
 * how many events that test's spans produced, whatever else the shared server holds.
 */

type Key = { id: string; secret: string; prefix: string };

async function createKey(request: APIRequestContext, name: string): Promise<Key> {
  const res = await request.post("/api/v1/ingest-keys", { data: { name } });
  expect(res.status(), await res.text()).toBe(200);
  const key = (await res.json()) as Key;
  expect(key.secret).toMatch(/^tlk_/);
  return key;
}

/** Events stored for `model` (0 when it is not listed). */
async function unpricedEvents(request: APIRequestContext, model: string): Promise<number> {
  const res = await request.get("/api/v1/prices/unpriced");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { models: { provider: string; model: string; events: number }[] };
  return body.models.filter((m) => m.model === model).reduce((n, m) => n + m.events, 0);
}

function otlpExporter(baseURL: string, secret: string): OTLPTraceExporter {
  return new OTLPTraceExporter({ url: `${baseURL}/api/v1/otlp/v1/traces`, headers: { Authorization: `Bearer ${secret}` } });
}

type ProtoExporterConfig = NonNullable<ConstructorParameters<typeof OTLPProtoTraceExporter>[0]>;

function otlpProtoExporter(baseURL: string, secret: string, compression: "gzip" | "none" = "none"): OTLPProtoTraceExporter {
  return new OTLPProtoTraceExporter({
    url: `${baseURL}/api/v1/otlp/v1/traces`,
    headers: { Authorization: `Bearer ${secret}` },
    compression: compression as ProtoExporterConfig["compression"],
  });
}

/** SpanExporter.export() with its result callback as a promise. */
function exportOnce(exporter: SpanExporter, spans: ReadableSpan[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(spans, resolve));
}

/**
 * Passes everything to the OTLP exporter and keeps each export's result: the BatchSpanProcessor hands
 * failures to OpenTelemetry's global error handler only, so without this a rejected export would show up
 * as a poll timeout instead of the HTTP error.
 */
class RecordingExporter implements SpanExporter {
  readonly results: ExportResult[] = [];
  constructor(private readonly inner: SpanExporter) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      this.results.push(result);
      done(result);
    });
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

function describeFailures(results: ExportResult[]): string {
  return results
    .filter((r) => r.code !== ExportResultCode.SUCCESS)
    .map((r) => String(r.error))
    .join("; ");
}

test("spans from the OpenTelemetry SDK's OTLP/HTTP JSON exporter become usage events, once", async ({ request, baseURL }) => {
  const key = await createKey(request, "otel-sdk-e2e");
  const model = `otel-e2e-${randomUUID().slice(0, 8)}`;

  const otlp = new RecordingExporter(otlpExporter(baseURL!, key.secret));
  const memory = new InMemorySpanExporter(); // keeps the ReadableSpans for the re-export below
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "otel-e2e-agent", "tokenledger.team": "otel-e2e" }),
    spanProcessors: [new BatchSpanProcessor(otlp), new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer("tokenledger-e2e", "1.0.0");

  // No context manager is registered (BasicTracerProvider alone), so parents are passed explicitly.
  const agent = tracer.startSpan("invoke_agent support-bot", {
    kind: SpanKind.INTERNAL,
    attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "support-bot", "gen_ai.provider.name": "openai" },
  });
  const inAgent = trace.setSpan(context.active(), agent);

  const first = tracer.startSpan(
    `chat ${model}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": model,
        "gen_ai.usage.input_tokens": 1200,
        "gen_ai.usage.output_tokens": 300,
      },
    },
    inAgent,
  );
  first.end();

  const second = tracer.startSpan(
    `chat ${model}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": model,
        "gen_ai.usage.input_tokens": 2000,
        "gen_ai.usage.output_tokens": 500,
        "gen_ai.usage.cache_read.input_tokens": 1500,
        "gen_ai.usage.reasoning.output_tokens": 200,
      },
    },
    inAgent,
  );
  second.end();

  const http = tracer.startSpan(
    "GET",
    { kind: SpanKind.CLIENT, attributes: { "http.request.method": "GET", "url.full": "https://example.com/kb/42", "http.response.status_code": 200 } },
    inAgent,
  );
  http.setStatus({ code: SpanStatusCode.UNSET });
  http.end();

  agent.end();

  await provider.forceFlush();
  const exported = memory.getFinishedSpans().slice(); // before shutdown: InMemorySpanExporter.shutdown() clears them
  await provider.shutdown();

  expect(exported.map((s) => s.name).sort()).toEqual(["GET", `chat ${model}`, `chat ${model}`, "invoke_agent support-bot"]);
  expect(otlp.results.length).toBeGreaterThan(0);
  expect(describeFailures(otlp.results)).toBe("");

  // Two chat spans carry token counts → two events; the agent and HTTP spans are ignored.
  await expect.poll(() => unpricedEvents(request, model), { timeout: 10_000 }).toBe(2);

  // Re-delivery (an exporter retry, or a collector replaying a batch): the very same ReadableSpans (same
  // trace and span ids) go through a second, independent OTLPTraceExporter. This exercises the real SDK
  // serializer again rather than a body we built ourselves; event ids are otlp-<traceId>-<spanId>, so
  // nothing new may be stored. The export's callback fires after TokenLedger has answered, and the
  // endpoint writes before it answers, so one read afterwards is enough.
  const again = otlpExporter(baseURL!, key.secret);
  const resent = await exportOnce(again, exported);
  await again.shutdown();
  expect(resent.code, String(resent.error)).toBe(ExportResultCode.SUCCESS);
  expect(await unpricedEvents(request, model)).toBe(2);
});

test("after its ingest key is revoked, the SDK exporter's export fails with 401", async ({ request, baseURL }) => {
  const key = await createKey(request, "otel-sdk-e2e-revoked");
  const model = `otel-e2e-${randomUUID().slice(0, 8)}`;

  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "otel-e2e-agent", "tokenledger.team": "otel-e2e" }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer("tokenledger-e2e");
  const chat = (inputTokens: number) => {
    const span = tracer.startSpan(`chat ${model}`, {
      kind: SpanKind.CLIENT,
      attributes: { "gen_ai.provider.name": "openai", "gen_ai.request.model": model, "gen_ai.usage.input_tokens": inputTokens, "gen_ai.usage.output_tokens": 10 },
    });
    span.end();
  };

  const exporter = otlpExporter(baseURL!, key.secret);

  // The key works before it is revoked…
  chat(100);
  const ok = await exportOnce(exporter, memory.getFinishedSpans().slice());
  expect(ok.code, String(ok.error)).toBe(ExportResultCode.SUCCESS);
  expect(await unpricedEvents(request, model)).toBe(1);

  const revoke = await request.delete(`/api/v1/ingest-keys/${key.id}`);
  expect(revoke.status(), await revoke.text()).toBe(200);

  // …and not after: the same exporter (same headers) gets 401, which is not retryable, so the result
  // callback reports FAILED with the HTTP status and TokenLedger's error body.
  memory.reset();
  chat(200);
  const denied = await exportOnce(exporter, memory.getFinishedSpans().slice());
  await exporter.shutdown();
  await provider.shutdown();

  expect(denied.code).toBe(ExportResultCode.FAILED);
  const error = denied.error as (Error & { code?: number; data?: string }) | undefined;
  expect(error).toBeDefined();
  expect(error!.code).toBe(401);
  expect(error!.data ?? "").toMatch(/revoked/i);
  expect(await unpricedEvents(request, model)).toBe(1);
});

test("spans from the SDK's OTLP/HTTP protobuf exporter become usage events, once; gzip too; partial success is read", async ({ request, baseURL }) => {
  const key = await createKey(request, "otel-sdk-e2e-proto");
  const model = `otel-e2e-proto-${randomUUID().slice(0, 8)}`;

  // What the SDK logs through its diag channel: a protobuf answer it cannot decode, or a partial success.
  const warnings: string[] = [];
  const record = (...args: unknown[]) => warnings.push(args.map((a) => (typeof a === "string" ? a : String(a))).join(" "));
  diag.setLogger({ error: record, warn: record, info: () => {}, debug: () => {}, verbose: () => {} }, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  try {
    const otlp = new RecordingExporter(otlpProtoExporter(baseURL!, key.secret));
    const memory = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": "otel-e2e-proto-agent", "tokenledger.team": "otel-e2e" }),
      spanProcessors: [new BatchSpanProcessor(otlp), new SimpleSpanProcessor(memory)],
    });
    const tracer = provider.getTracer("tokenledger-e2e-proto", "1.0.0");

    const agent = tracer.startSpan("invoke_agent support-bot", {
      kind: SpanKind.INTERNAL,
      attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "support-bot", "gen_ai.provider.name": "openai" },
    });
    const inAgent = trace.setSpan(context.active(), agent);
    for (const [input, output] of [
      [1200, 300],
      [2000, 500],
    ]) {
      tracer
        .startSpan(
          `chat ${model}`,
          {
            kind: SpanKind.CLIENT,
            attributes: {
              "gen_ai.operation.name": "chat",
              "gen_ai.provider.name": "openai",
              "gen_ai.request.model": model,
              "gen_ai.usage.input_tokens": input,
              "gen_ai.usage.output_tokens": output,
              "gen_ai.request.temperature": 0.3,
              "gen_ai.response.finish_reasons": ["stop"],
            },
          },
          inAgent,
        )
        .end();
    }
    tracer.startSpan("GET", { kind: SpanKind.CLIENT, attributes: { "http.request.method": "GET", "http.response.status_code": 200 } }, inAgent).end();
    agent.end();

    await provider.forceFlush();
    const exported = memory.getFinishedSpans().slice();
    await provider.shutdown();

    expect(exported).toHaveLength(4);
    expect(otlp.results.length).toBeGreaterThan(0);
    expect(describeFailures(otlp.results)).toBe("");
    await expect.poll(() => unpricedEvents(request, model), { timeout: 10_000 }).toBe(2);
    expect(warnings).toEqual([]); // the SDK decoded TokenLedger's protobuf answer: no partial success

    // Re-delivery of the very same spans, gzipped this time (Content-Encoding: gzip): event ids are
    // otlp-<traceId>-<spanId>, so nothing new is stored.
    const gzip = otlpProtoExporter(baseURL!, key.secret, "gzip");
    const resent = await exportOnce(gzip, exported);
    expect(resent.code, String(resent.error)).toBe(ExportResultCode.SUCCESS);
    expect(await unpricedEvents(request, model)).toBe(2);

    // A GenAI span with token usage but no model is rejected: the SDK reads rejected_spans and the reason
    // from TokenLedger's protobuf ExportTraceServiceResponse and reports a partial success.
    const memory2 = new InMemorySpanExporter();
    const provider2 = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory2)] });
    provider2
      .getTracer("tokenledger-e2e-proto")
      .startSpan("chat", { kind: SpanKind.CLIENT, attributes: { "gen_ai.provider.name": "openai", "gen_ai.usage.input_tokens": 7 } })
      .end();
    const partial = await exportOnce(gzip, memory2.getFinishedSpans().slice());
    await gzip.shutdown();
    await provider2.shutdown();
    expect(partial.code, String(partial.error)).toBe(ExportResultCode.SUCCESS); // partial success is not a failure in OTLP
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("Received Partial Success response:");
    const reported = JSON.parse(warnings[0].slice(warnings[0].indexOf("{"))) as { rejectedSpans: number; errorMessage: string };
    expect(reported.rejectedSpans).toBe(1);
    expect(reported.errorMessage).toContain("no model");
    expect(await unpricedEvents(request, model)).toBe(2);
  } finally {
    diag.disable();
  }
});

test("the OTLP endpoint answers protobuf with protobuf, and malformed protobuf with a 400", async ({ request, baseURL }) => {
  const key = await createKey(request, "otel-sdk-e2e-proto-raw");
  const post = (body: Uint8Array<ArrayBuffer>) =>
    fetch(`${baseURL}/api/v1/otlp/v1/traces`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/x-protobuf" },
      body,
    });

  // An ExportTraceServiceRequest with one empty ResourceSpans: valid, nothing to record; the answer is an
  // empty ExportTraceServiceResponse.
  const ok = await post(new Uint8Array([0x0a, 0x00]));
  expect(ok.status, await ok.clone().text()).toBe(200);
  expect(ok.headers.get("content-type")).toBe("application/x-protobuf");
  expect((await ok.arrayBuffer()).byteLength).toBe(0);

  // Truncated: a length-delimited field announcing more bytes than the body has.
  const bad = await post(new Uint8Array([0x0a, 0x7f, 0x00]));
  expect(bad.status).toBe(400);
  const error = (await bad.json()) as { error: { code: string; message: string } };
  expect(error.error.code).toBe("bad_request");
  expect(error.error.message).toMatch(/^Body is not a valid OTLP protobuf ExportTraceServiceRequest: /);
});
