import { defineOperations, json } from "@/lib/api/operation";
import { INGEST_LIMITS } from "@/lib/ingest/limits";
import { IngestResponse, OtlpJsonResponse } from "@/lib/schemas/api";
import type { Parameter } from "@/lib/api/operation";

/** Ingestion: the two endpoints an ingest key may call. Bodies are read by lib/ingest, not by route()'s JSON parser. */

const LIMITS = `Limits: ${INGEST_LIMITS.maxBodyBytes / 1024 / 1024} MiB as sent, ${INGEST_LIMITS.maxDecompressedBytes / 1024 / 1024} MiB after gzip, ${INGEST_LIMITS.maxEvents.toLocaleString("en-US")} events per request (413 beyond), dimension values up to ${INGEST_LIMITS.maxDimensionLength} characters, ${INGEST_LIMITS.maxTags} tags per event.`;

const contentEncoding: Parameter = {
  name: "Content-Encoding",
  in: "header",
  required: false,
  description: "gzip, or absent (identity). Anything else is a 400.",
  schema: { type: "string", enum: ["gzip", "identity"] },
};

/** One usage event: the UsageEvent component (lib/api/openapi/components.ts), the schema lib/ingest validates each event with. */
const USAGE_EVENT = { $ref: "#/components/schemas/UsageEvent" };

export const ingest = defineOperations({
  ingestEvents: {
    method: "post",
    path: "/api/v1/events",
    tag: "Ingest",
    summary: "Send usage events",
    description: `A JSON array of events (Content-Type: application/json) or one event per line (application/x-ndjson, also application/ndjson and application/jsonl), optionally gzipped. Each event is validated on its own: valid ones are stored, invalid ones are listed by position. event_id alone identifies an event: a copy of a stored id with the same content is a duplicate whatever its timestamp (ignored, so retrying a batch is safe); a copy with other token counts, model, request or attribution is a conflict, listed with the differing fields, and the first stored copy stands. ${LIMITS}`,
    auth: "ingest",
    headers: [contentEncoding],
    body: {
      required: true,
      content: {
        "application/json": { schema: { type: "array", items: USAGE_EVENT } },
        "application/x-ndjson": { schema: USAGE_EVENT },
      },
      description: "The events. For NDJSON the schema is that of each line; a line that is not JSON is rejected by its position like an invalid event.",
    },
    responses: {
      "200": json("At least one event was accepted, or all were duplicates. `conflicts` and `rejected` list the others.", "IngestResponse", IngestResponse),
      "409": json("Nothing was accepted, no event was invalid, and at least one conflicts with a stored event of the same event_id (the body is an IngestResponse listing them).", "IngestResponse", IngestResponse),
      "400": {
        description: "Nothing was accepted (the body is an IngestResponse listing every rejection), or the body itself is unusable (not JSON, not an array, bad gzip, unsupported Content-Type: the Error shape).",
        content: { "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/IngestResponse" }, { $ref: "#/components/schemas/Error" }] } } },
      },
    },
  },
  ingestOtlpTraces: {
    method: "post",
    path: "/api/v1/otlp/v1/traces",
    tag: "Ingest",
    summary: "OTLP/HTTP traces (OpenTelemetry GenAI spans)",
    description: `An OTLP ExportTraceServiceRequest, as protobuf (application/x-protobuf) or JSON (application/json), optionally gzipped: point an OpenTelemetry exporter's traces endpoint here with the ingest key as a Bearer header. GenAI spans (gen_ai.* or OpenInference llm.token_count.* usage attributes) become events; other spans are counted and ignored. Token counts are read per instrumentation library, chosen by the ScopeSpans' scope name and version and the span's provider (e.g. OpenLLMetry's Anthropic instrumentation sends input_tokens without the cache parts: they are added); see the README's OpenTelemetry section. Rejected spans are reported as OTLP partial success. The answer uses the request's encoding; errors (auth, limits, bad body) are the JSON Error shape either way. ${LIMITS}`,
    auth: "ingest",
    headers: [contentEncoding],
    body: {
      required: true,
      content: {
        "application/json": { schema: { type: "object", description: "ExportTraceServiceRequest in OTLP/JSON encoding (resourceSpans → scopeSpans → spans)." } },
        "application/x-protobuf": { schema: { type: "string", contentMediaType: "application/x-protobuf", description: "opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest" } },
      },
    },
    responses: {
      "200": {
        ...json("Processed. JSON: partialSuccess when spans were rejected, plus TokenLedger's counts. Protobuf: ExportTraceServiceResponse (partial_success only).", "OtlpJsonResponse", OtlpJsonResponse),
        content: { "application/x-protobuf": { schema: { type: "string", contentMediaType: "application/x-protobuf" } } },
      },
    },
  },
});
