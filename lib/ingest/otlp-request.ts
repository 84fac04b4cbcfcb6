import { ApiError } from "@/lib/api/errors";
import type { VerifiedKey } from "@/lib/db/ingest-keys";
import { ingestEvents } from "./ingest-events";
import { otlpToEvents } from "./otlp";
import { decodeUtf8, readBodyBytes } from "./read-body";

/**
 * POST /api/v1/otlp/v1/traces: an OTLP/HTTP JSON ExportTraceServiceRequest. GenAI spans become events;
 * other spans are counted and ignored. The answer is OTLP's ExportTraceServiceResponse, with partial
 * success when spans were rejected, plus TokenLedger's own counts.
 */
export async function ingestOtlpRequest(request: Request, key: VerifiedKey): Promise<Response> {
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (contentType === "application/x-protobuf")
    throw new ApiError("bad_request", "OTLP protobuf is not supported yet: configure the exporter for http/json (OTEL_EXPORTER_OTLP_PROTOCOL=http/json)");
  if (contentType !== "application/json") throw new ApiError("bad_request", `Content-Type "${contentType}" is not supported (application/json)`);
  let body: unknown;
  try {
    body = JSON.parse(decodeUtf8(await readBodyBytes(request)));
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError("bad_request", `Body is not valid JSON: ${err instanceof RangeError ? "nested too deeply" : (err as Error).message}`);
  }
  const mapped = otlpToEvents(body);
  const result = await ingestEvents(mapped.events, { source: { keyId: key.id, defaultTeam: key.defaultTeam, allowedTeams: key.allowedTeams } });
  const rejectedSpans = mapped.rejectedSpans + result.rejected.length;
  const messages = [
    ...mapped.errors.map((e) => `${e.path}: ${e.message}`),
    ...result.rejected.flatMap((r) => r.errors.map((e) => `${String(mapped.events[r.index]?.event_id ?? r.index)} ${e.path}: ${e.message}`)),
  ];
  return Response.json({
    ...(rejectedSpans > 0 ? { partialSuccess: { rejectedSpans, errorMessage: messages.slice(0, 20).join("; ") } } : {}),
    tokenledger: { accepted: result.accepted, duplicates: result.duplicates, rejected_spans: rejectedSpans, ignored_spans: mapped.ignoredSpans },
  });
}
