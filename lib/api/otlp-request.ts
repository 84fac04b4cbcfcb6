import { DomainError, InvalidInputError } from "@/lib/errors";
import type { VerifiedKey } from "@/lib/db/ingest-keys";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { otlpToEvents } from "@/lib/ingest/otlp";
import { decodeOtlpTraceRequest, encodeOtlpTraceResponse } from "@/lib/ingest/otlp-protobuf";
import { decodeUtf8, readBodyBytes } from "@/lib/ingest/read-body";

/**
 * POST /api/v1/otlp/v1/traces: an OTLP/HTTP ExportTraceServiceRequest, as JSON (Content-Type
 * application/json) or protobuf (application/x-protobuf), either optionally gzipped (Content-Encoding: gzip),
 * within the same body limits. Protobuf is decoded to the OTLP/JSON shape (./otlp-protobuf), so both go
 * through the same mapping: GenAI spans become events; other spans are counted and ignored.
 *
 * The answer is OTLP's ExportTraceServiceResponse, with partial success when spans were rejected, in the
 * request's encoding: JSON (partialSuccess {rejectedSpans, errorMessage}) plus TokenLedger's own counts
 * (`tokenledger`), or protobuf (partial_success {rejected_spans = 1, error_message = 2}; protobuf has no
 * room for the counts). Errors (bad body, auth, limits) are TokenLedger's JSON error body in both cases.
 * Model calls that carry no token counts cannot be priced: they are not stored, and the answer warns about
 * them the way OTLP allows, a partial success with 0 rejected spans and a message (exporters log it).
 */
export async function ingestOtlpRequest(request: Request, key: VerifiedKey): Promise<Response> {
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const protobuf = contentType === "application/x-protobuf";
  if (!protobuf && contentType !== "application/json")
    throw new InvalidInputError(`Content-Type "${contentType}" is not supported (application/json or application/x-protobuf)`);
  let body: unknown;
  if (protobuf) body = decodeOtlpTraceRequest(await readBodyBytes(request));
  else
    try {
      body = JSON.parse(decodeUtf8(await readBodyBytes(request)));
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new InvalidInputError(`Body is not valid JSON: ${err instanceof RangeError ? "nested too deeply" : (err as Error).message}`);
    }
  const mapped = otlpToEvents(body);
  const result = await ingestEvents(mapped.events, { source: { keyId: key.id, defaultTeam: key.defaultTeam, allowedTeams: key.allowedTeams } });
  // A span whose event_id is stored with other content is not stored (a conflict): OTLP has no other word for it.
  const rejectedSpans = mapped.rejectedSpans + result.rejected.length + result.conflicts.length;
  const messages = [
    ...mapped.errors.map((e) => `${e.path}: ${e.message}`),
    ...result.rejected.flatMap((r) => r.errors.map((e) => `${String(mapped.events[r.index]?.event_id ?? r.index)} ${e.path}: ${e.message}`)),
    ...result.conflicts.map((c) => `${c.event_id}: conflicts with the stored event of the same id (${c.fields.join(", ")})`),
  ];
  const noUsage = mapped.spansWithoutUsage;
  if (noUsage.length)
    messages.push(
      `${noUsage.length} model call span${noUsage.length === 1 ? "" : "s"} without token usage, not recorded (${noUsage
        .slice(0, 3)
        .map((s) => `${s.path} ${s.model}`)
        .join(", ")}${noUsage.length > 3 ? ", …" : ""}): the instrumentation sent no gen_ai.usage.* / llm.token_count.* ` +
        "attributes (streamed OpenAI calls through OpenLLMetry 0.27 or OpenInference 4.2.7 never do); send their usage to POST /api/v1/events",
    );
  // OTLP: a warning to the sender is a partial success with 0 rejected spans and a non-empty message.
  const partialSuccess = rejectedSpans > 0 || noUsage.length ? { rejectedSpans, errorMessage: messages.slice(0, 20).join("; ") } : undefined;
  if (protobuf) return new Response(encodeOtlpTraceResponse(partialSuccess), { headers: { "content-type": "application/x-protobuf" } });
  return Response.json({
    ...(partialSuccess ? { partialSuccess } : {}),
    tokenledger: { accepted: result.accepted, duplicates: result.duplicates, rejected_spans: rejectedSpans, ignored_spans: mapped.ignoredSpans, spans_without_usage: noUsage.length },
  });
}
