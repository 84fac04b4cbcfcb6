import { route } from "@/lib/api/route";
import { ingest } from "@/lib/api/operations/ingest";
import { ingestOtlpRequest } from "@/lib/api/otlp-request";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** OTLP/HTTP traces (protobuf or JSON): point an OpenTelemetry exporter's traces endpoint here, with the ingest key as a Bearer header. */
export const POST = route(ingest.ingestOtlpTraces, ({ request, key }) => ingestOtlpRequest(request, key));
