import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as OTLPProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

/**
 * Pieces for testing real LLM instrumentation libraries end to end without the network:
 *  - a fake provider API on 127.0.0.1 that answers like OpenAI Chat Completions (POST /v1/chat/completions,
 *    plain or `stream: true` as server-sent chunks, the usage in a last chunk when `stream_options.include_usage`)
 *    and Anthropic Messages (POST /v1/messages, plain or `stream: true` as server-sent events), with the
 *    `usage` object the test queues for each call;
 *  - a local OTLP/HTTP endpoint that hands each export, as a web Request, to TokenLedger's real route handler
 *    (which writes to the test's real temp store) and returns its answer to the exporter;
 *  - a NodeTracerProvider exporting every span at once through the real OTLP exporter (JSON or protobuf).
 * The provider SDKs, instrumentations, exporters and TokenLedger's ingest are the real ones; only the
 * provider's servers are replaced.
 */

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

export type OpenAIUsage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
};
export type AnthropicUsage = {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
};

export type FakeProvider = {
  url: string;
  /** The usage object of the next answer of each API (first in, first out). */
  openai: { model: string; usage: OpenAIUsage }[];
  anthropic: { model: string; usage: AnthropicUsage }[];
  calls: string[];
  close: () => Promise<void>;
};

export async function startFakeProvider(): Promise<FakeProvider> {
  const fake: Omit<FakeProvider, "url" | "close"> = { openai: [], anthropic: [], calls: [] };
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      fake.calls.push(`${req.method} ${req.url}`);
      let stream = false;
      let includeUsage = false;
      try {
        const body = JSON.parse(raw.toString("utf8")) as { stream?: unknown; stream_options?: { include_usage?: unknown } };
        stream = body.stream === true;
        includeUsage = body.stream_options?.include_usage === true;
      } catch {
        // not JSON: answered as a plain call
      }
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json", "request-id": `req_${fake.calls.length}` });
        res.end(JSON.stringify(body));
      };
      if (req.method === "POST" && req.url === "/v1/chat/completions") {
        const next = fake.openai.shift();
        if (!next) return send(500, { error: { message: "test queued no OpenAI answer" } });
        if (stream) {
          // OpenAI's chunk stream; with include_usage a last chunk with no choices carries the usage.
          const base = { id: `chatcmpl-${fake.calls.length}`, object: "chat.completion.chunk", created: 1_773_144_000, model: next.model };
          const chunks = [
            { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "Done." }, finish_reason: null }], usage: null },
            { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }], usage: null },
            ...(includeUsage ? [{ ...base, choices: [], usage: next.usage }] : []),
          ];
          res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
          return res.end(chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join("") + "data: [DONE]\n\n");
        }
        return send(200, {
          id: `chatcmpl-${fake.calls.length}`,
          object: "chat.completion",
          created: 1_773_144_000,
          model: next.model,
          choices: [{ index: 0, message: { role: "assistant", content: "Done.", refusal: null }, logprobs: null, finish_reason: "stop" }],
          usage: next.usage,
          service_tier: "default",
        });
      }
      if (req.method === "POST" && req.url === "/v1/messages") {
        const next = fake.anthropic.shift();
        if (!next) return send(500, { type: "error", error: { type: "api_error", message: "test queued no Anthropic answer" } });
        if (stream) {
          // Anthropic's event stream: usage of the input in message_start, the final output count in message_delta.
          const id = `msg_${fake.calls.length}`;
          const events: [string, unknown][] = [
            ["message_start", { type: "message_start", message: { id, type: "message", role: "assistant", model: next.model, content: [], stop_reason: null, stop_sequence: null, usage: { ...next.usage, output_tokens: 1 } } }],
            ["content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }],
            ["content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Done." } }],
            ["content_block_stop", { type: "content_block_stop", index: 0 }],
            ["message_delta", { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: next.usage.output_tokens } }],
            ["message_stop", { type: "message_stop" }],
          ];
          res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
          return res.end(events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join(""));
        }
        return send(200, {
          id: `msg_${fake.calls.length}`,
          type: "message",
          role: "assistant",
          model: next.model,
          content: [{ type: "text", text: "Done." }],
          stop_reason: "end_turn",
          stop_sequence: null,
          usage: next.usage,
        });
      }
      send(404, { error: { message: `no route ${req.method} ${req.url}` } });
    });
  });
  const url = await listen(server);
  return Object.assign(fake, { url, close: () => close(server) });
}

export type IngestBridge = { url: string; answers: { status: number; body: string }[]; close: () => Promise<void> };

/** An OTLP/HTTP endpoint on 127.0.0.1 that passes each request to `handler` (TokenLedger's route). */
export async function startIngestBridge(handler: (request: Request) => Promise<Response>): Promise<IngestBridge> {
  const answers: IngestBridge["answers"] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const response = await handler(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: new Uint8Array(body) }));
      const out = Buffer.from(await response.arrayBuffer());
      const contentType = response.headers.get("content-type") ?? "application/json";
      answers.push({ status: response.status, body: contentType.includes("json") ? out.toString("utf8") : out.toString("base64") });
      res.writeHead(response.status, { "content-type": contentType });
      res.end(out);
    })().catch((err: unknown) => {
      answers.push({ status: 500, body: String(err) });
      res.writeHead(500).end(String(err));
    });
  });
  const url = await listen(server);
  return { url, answers, close: () => close(server) };
}

/**
 * A tracer provider that exports each span as soon as it ends, through the real OTLP/HTTP exporter; `scopes()`
 * lists the instrumentation scope (name@version) of every span made, to tie the mapping table to the real packages.
 */
export function otlpTracerProvider(opts: { endpoint: string; secret: string; protocol: "json" | "protobuf"; resource: Record<string, string> }): NodeTracerProvider & {
  scopes: () => { name: string; version?: string }[];
} {
  const config = { url: `${opts.endpoint}/api/v1/otlp/v1/traces`, headers: { Authorization: `Bearer ${opts.secret}` } };
  const exporter = opts.protocol === "json" ? new OTLPTraceExporter(config) : new OTLPProtoTraceExporter(config);
  const memory = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ resource: resourceFromAttributes(opts.resource), spanProcessors: [new SimpleSpanProcessor(exporter), new SimpleSpanProcessor(memory)] });
  // Read before shutdown: InMemorySpanExporter.shutdown() forgets its spans.
  return Object.assign(provider, { scopes: () => memory.getFinishedSpans().map((s) => ({ name: s.instrumentationScope.name, version: s.instrumentationScope.version })) });
}
