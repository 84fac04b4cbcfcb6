import protobuf from "protobufjs";
import { InvalidInputError } from "@/lib/errors";
import { EXPORT_TRACE_SERVICE_REQUEST, EXPORT_TRACE_SERVICE_RESPONSE, OTLP_TRACE_PROTO_SOURCES } from "./otlp-trace-proto";

/**
 * OTLP/HTTP protobuf traces (Content-Type application/x-protobuf) ⇄ the OTLP/JSON shape `otlpToEvents`
 * reads, so both encodings go through one mapping. Decoding uses protobufjs reflection over the message
 * definitions in ./otlp-trace-proto (parsed once, on first use; no generated code).
 *
 * protobuf → OTLP/JSON (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding)
 *   - field names in lowerCamelCase (resourceSpans, scopeSpans, startTimeUnixNano, parentSpanId, stringValue…);
 *     fields absent from the wire are absent from the object (proto3 JSON omits defaults), except that a
 *     KeyValue always gets its `key` ("" when absent) so a missing key is reported as such;
 *   - traceId / spanId / parentSpanId: lowercase hex. An id of the wrong length becomes "<n> bytes: <hex>",
 *     which `otlpToEvents` rejects with the span's path (plain hex of 11 bytes would otherwise pass as the
 *     base64 spelling of a 16-byte id);
 *   - fixed64 times and int64 intValue: decimal strings, exact (protobufjs reads them as Long);
 *   - enums (kind, status.code): numbers; doubleValue: a number, or "NaN" / "Infinity" / "-Infinity";
 *   - bytesValue: base64, as in OTLP/JSON.
 * Anything that is not a well-formed ExportTraceServiceRequest (truncated data, a bad wire type, invalid
 * UTF-8 in a string, nesting deeper than 100 messages) is a 400 for the whole request. Fields TokenLedger
 * does not read (span events and links, flags, trace_state, the scope's attributes…) are skipped unread.
 */

type Types = { request: protobuf.Type; response: protobuf.Type };
let types: Types | undefined;

function getTypes(): Types {
  if (types) return types;
  // Without long.js protobufjs would read 64-bit fields as JS numbers: nanosecond times would lose precision.
  if (!protobuf.util.Long) throw new Error("protobufjs has no Long support: OTLP protobuf times cannot be decoded exactly");
  const root = new protobuf.Root();
  for (const source of OTLP_TRACE_PROTO_SOURCES) protobuf.parse(source, root, { keepCase: false });
  root.resolveAll();
  types = { request: root.lookupType(EXPORT_TRACE_SERVICE_REQUEST), response: root.lookupType(EXPORT_TRACE_SERVICE_RESPONSE) };
  return types;
}

// What Type.toObject returns with TO_OBJECT: present fields only; bytes stay bytes, 64-bit ints become decimal strings.
type PbAnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values?: PbAnyValue[] };
  kvlistValue?: { values?: PbKeyValue[] };
  bytesValue?: Uint8Array;
};
type PbKeyValue = { key?: string; value?: PbAnyValue };
type PbSpan = {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  parentSpanId?: Uint8Array;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
  attributes?: PbKeyValue[];
  status?: { message?: string; code?: number };
};
type PbScopeSpans = { scope?: { name?: string; version?: string }; spans?: PbSpan[] };
type PbRequest = { resourceSpans?: { resource?: { attributes?: PbKeyValue[] }; scopeSpans?: PbScopeSpans[] }[] };

const TO_OBJECT: protobuf.IConversionOptions = { longs: String, enums: Number };

type Json = Record<string, unknown>;

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

function id(b: Uint8Array, length: 16 | 8): string {
  return b.byteLength === length || b.byteLength === 0 ? hex(b) : `${b.byteLength} bytes: ${hex(b)}`;
}

function anyValue(v: PbAnyValue): Json {
  if (v.stringValue !== undefined) return { stringValue: v.stringValue };
  if (v.boolValue !== undefined) return { boolValue: v.boolValue };
  if (v.intValue !== undefined) return { intValue: v.intValue };
  if (v.doubleValue !== undefined) return { doubleValue: Number.isFinite(v.doubleValue) ? v.doubleValue : String(v.doubleValue) };
  if (v.arrayValue !== undefined) return { arrayValue: v.arrayValue.values ? { values: v.arrayValue.values.map(anyValue) } : {} };
  if (v.kvlistValue !== undefined) return { kvlistValue: v.kvlistValue.values ? { values: v.kvlistValue.values.map(keyValue) } : {} };
  if (v.bytesValue !== undefined) return { bytesValue: Buffer.from(v.bytesValue.buffer, v.bytesValue.byteOffset, v.bytesValue.byteLength).toString("base64") };
  return {}; // an empty AnyValue
}

function keyValue(kv: PbKeyValue): Json {
  const out: Json = { key: kv.key ?? "" };
  if (kv.value !== undefined) out.value = anyValue(kv.value);
  return out;
}

function span(s: PbSpan): Json {
  const out: Json = {};
  if (s.traceId !== undefined) out.traceId = id(s.traceId, 16);
  if (s.spanId !== undefined) out.spanId = id(s.spanId, 8);
  if (s.parentSpanId !== undefined) out.parentSpanId = id(s.parentSpanId, 8);
  if (s.name !== undefined) out.name = s.name;
  if (s.kind !== undefined) out.kind = s.kind;
  if (s.startTimeUnixNano !== undefined) out.startTimeUnixNano = s.startTimeUnixNano;
  if (s.endTimeUnixNano !== undefined) out.endTimeUnixNano = s.endTimeUnixNano;
  if (s.attributes !== undefined) out.attributes = s.attributes.map(keyValue);
  if (s.status !== undefined) {
    const status: Json = {};
    if (s.status.message !== undefined) status.message = s.status.message;
    if (s.status.code !== undefined) status.code = s.status.code;
    out.status = status;
  }
  return out;
}

/** The scope (name, version: which instrumentation made the spans, ./otlp-instrumentations) and the spans. */
function scopeSpans(ss: PbScopeSpans): Json {
  const out: Json = {};
  if (ss.scope !== undefined) {
    const scope: Json = {};
    if (ss.scope.name !== undefined) scope.name = ss.scope.name;
    if (ss.scope.version !== undefined) scope.version = ss.scope.version;
    out.scope = scope;
  }
  if (ss.spans !== undefined) out.spans = ss.spans.map(span);
  return out;
}

function toJsonShape(req: PbRequest): Json {
  if (req.resourceSpans === undefined) return {};
  return {
    resourceSpans: req.resourceSpans.map((rs) => {
      const out: Json = {};
      if (rs.resource !== undefined) out.resource = rs.resource.attributes !== undefined ? { attributes: rs.resource.attributes.map(keyValue) } : {};
      if (rs.scopeSpans !== undefined) out.scopeSpans = rs.scopeSpans.map(scopeSpans);
      return out;
    }),
  };
}

function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/utf-?8/i.test(message)) return "a string field is not valid UTF-8";
  if (/max depth/i.test(message)) return "messages nested too deeply";
  return message;
}

/**
 * Decodes an OTLP protobuf ExportTraceServiceRequest into the OTLP/JSON object `otlpToEvents` accepts.
 * Throws InvalidInputError when the bytes are not a valid ExportTraceServiceRequest.
 */
export function decodeOtlpTraceRequest(bytes: Uint8Array): Json {
  const { request } = getTypes();
  try {
    return toJsonShape(request.toObject(request.decode(bytes), TO_OBJECT) as PbRequest);
  } catch (err) {
    throw new InvalidInputError(`Body is not a valid OTLP protobuf ExportTraceServiceRequest: ${reason(err)}`);
  }
}

/** An ExportTraceServiceResponse; partial_success only when given (spans were rejected). */
export function encodeOtlpTraceResponse(partialSuccess?: { rejectedSpans: number; errorMessage: string }): Uint8Array<ArrayBuffer> {
  const { response } = getTypes();
  const bytes = response.encode(response.fromObject(partialSuccess ? { partialSuccess } : {})).finish();
  return new Uint8Array(bytes); // a copy that owns its ArrayBuffer (a Response body)
}
