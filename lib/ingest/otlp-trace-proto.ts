/**
 * The subset of opentelemetry-proto (https://github.com/open-telemetry/opentelemetry-proto, stable v1 messages)
 * that TokenLedger decodes from an OTLP/HTTP protobuf traces export, and the response it encodes. Field
 * numbers and types are copied from the upstream files named above each block; fields and messages that
 * `otlpToEvents` never reads are left out (span events, links, trace_state, flags, dropped_* counts,
 * the scope's attributes, schema URLs, entity refs): protobuf decoding skips unknown fields, so leaving
 * them out changes nothing on the wire. Field numbers are never reused upstream, so this stays correct as
 * the protocol grows.
 *
 * Kept as `.proto` text (parsed once by protobufjs at module load, no code generation step) so it can be
 * compared line by line with upstream; tests/unit/otlp-protobuf.test.ts checks it against the bytes the
 * real OpenTelemetry JS serializer produces.
 */

/** opentelemetry/proto/common/v1/common.proto */
const COMMON = `
syntax = "proto3";
package opentelemetry.proto.common.v1;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}

message ArrayValue {
  repeated AnyValue values = 1;
}

message KeyValueList {
  repeated KeyValue values = 1;
}

message KeyValue {
  string key = 1;
  AnyValue value = 2;
}

message InstrumentationScope {
  string name = 1;
  string version = 2;
}
`;

/** opentelemetry/proto/resource/v1/resource.proto */
const RESOURCE = `
syntax = "proto3";
package opentelemetry.proto.resource.v1;

message Resource {
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 1;
}
`;

/** opentelemetry/proto/trace/v1/trace.proto */
const TRACE = `
syntax = "proto3";
package opentelemetry.proto.trace.v1;

message ResourceSpans {
  opentelemetry.proto.resource.v1.Resource resource = 1;
  repeated ScopeSpans scope_spans = 2;
}

message ScopeSpans {
  opentelemetry.proto.common.v1.InstrumentationScope scope = 1;
  repeated Span spans = 2;
}

message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  bytes parent_span_id = 4;
  string name = 5;
  enum SpanKind {
    SPAN_KIND_UNSPECIFIED = 0;
    SPAN_KIND_INTERNAL = 1;
    SPAN_KIND_SERVER = 2;
    SPAN_KIND_CLIENT = 3;
    SPAN_KIND_PRODUCER = 4;
    SPAN_KIND_CONSUMER = 5;
  }
  SpanKind kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 9;
  Status status = 15;
}

message Status {
  reserved 1;
  string message = 2;
  enum StatusCode {
    STATUS_CODE_UNSET = 0;
    STATUS_CODE_OK = 1;
    STATUS_CODE_ERROR = 2;
  }
  StatusCode code = 3;
}
`;

/** opentelemetry/proto/collector/trace/v1/trace_service.proto */
const TRACE_SERVICE = `
syntax = "proto3";
package opentelemetry.proto.collector.trace.v1;

message ExportTraceServiceRequest {
  repeated opentelemetry.proto.trace.v1.ResourceSpans resource_spans = 1;
}

message ExportTraceServiceResponse {
  ExportTracePartialSuccess partial_success = 1;
}

message ExportTracePartialSuccess {
  int64 rejected_spans = 1;
  string error_message = 2;
}
`;

/** In dependency order; parse them into one protobufjs Root, then resolve. */
export const OTLP_TRACE_PROTO_SOURCES = [COMMON, RESOURCE, TRACE, TRACE_SERVICE] as const;

export const EXPORT_TRACE_SERVICE_REQUEST = "opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest";
export const EXPORT_TRACE_SERVICE_RESPONSE = "opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse";
