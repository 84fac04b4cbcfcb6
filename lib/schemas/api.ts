import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/errors";
import { ROLES } from "@/lib/auth/roles";
import type { Health } from "@/lib/health";
import type { IngestResult } from "@/lib/ingest/ingest-events";

/**
 * Response shapes of endpoints whose handlers build them in lib/ without a schema: the one error body, health,
 * ingestion and sign-in. They exist for the OpenAPI document (lib/api/openapi); the type checks at the bottom
 * keep them equal to the types the handlers return, so the document cannot drift from the code.
 */

/** Every error of every endpoint (lib/api/errors.ts). */
export const ErrorResponse = z
  .object({
    error: z
      .object({
        code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
        message: z.string(),
        issues: z.unknown().optional().describe("Details of invalid parameters or bodies: zod's flattened error ({ formErrors, fieldErrors }) for 400s"),
      })
      .strict(),
  })
  .strict();

/** GET /api/health: 200 with status "ok", 503 with "unavailable" and the failing store's error. */
export const HealthResponse = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    event_store: z.object({ ok: z.boolean(), engine: z.string().optional(), version: z.string().optional(), migrations: z.array(z.string()).optional(), error: z.string().optional() }).strict(),
    metadata_db: z.object({ ok: z.boolean(), kind: z.string().optional(), migrations: z.array(z.string()).optional(), error: z.string().optional() }).strict(),
  })
  .strict();

/** POST /api/v1/events: what happened to each event (rejections by position in the request). */
export const IngestResponse = z
  .object({
    accepted: z.number().int().min(0),
    duplicates: z
      .number()
      .int()
      .min(0)
      .describe("Events whose event_id was already stored (or came earlier in the request) with the same content, whatever their timestamp: ignored, so a retried batch is harmless"),
    conflicts: z
      .array(
        z
          .object({
            index: z.number().int().min(0).describe("Position of the event in the request (0-based; NDJSON: among the non-empty lines)"),
            event_id: z.string(),
            fields: z.array(z.string()).describe("The fields on which this copy differs from the stored one (token counts, model, request, team or another attribution field)"),
          })
          .strict(),
      )
      .describe("Events whose event_id is already stored (or came earlier in the request) with other content: not stored, the first stored copy stands"),
    rejected: z.array(
      z
        .object({
          index: z.number().int().min(0).describe("Position of the event in the request (0-based; NDJSON: among the non-empty lines)"),
          errors: z.array(z.object({ path: z.string(), message: z.string() }).strict()),
        })
        .strict(),
    ),
  })
  .strict();

/** POST /api/v1/otlp/v1/traces with application/json: OTLP's ExportTraceServiceResponse plus TokenLedger's counts. */
export const OtlpJsonResponse = z
  .object({
    /** Rejected spans and why; or, with rejectedSpans 0, a warning (model call spans without token usage). */
    partialSuccess: z.object({ rejectedSpans: z.number().int().min(0), errorMessage: z.string().min(1) }).strict().optional(),
    tokenledger: z
      .object({
        accepted: z.number().int().min(0),
        duplicates: z.number().int().min(0),
        rejected_spans: z.number().int().min(0),
        ignored_spans: z.number().int().min(0).describe("Spans that are not GenAI calls (no usage): counted, not stored"),
        spans_without_usage: z
          .number()
          .int()
          .min(0)
          .describe("Of the ignored spans, model calls (chat, completion, OpenInference LLM) that carried no token counts: their spend is not recorded"),
      })
      .strict(),
  })
  .strict();

/** POST /api/v1/auth/login: the signed-in user (the session itself travels in cookies). */
export const LoginBody = z.object({ email: z.string().max(254), password: z.string().max(1024) });
export const LoginResponse = z
  .object({ user: z.object({ email: z.string(), name: z.string(), role: z.enum(ROLES), teams: z.array(z.string()) }).strict() })
  .strict();

/** DELETE of an ingest key or API token: the id that was revoked. */
export const RevokedResponse = z.object({ revoked: z.string() }).strict();

// Compile-time equality with the handlers' own types: a field added there without one here fails `tsc`.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
export type HealthResponseIsExact = Expect<Same<z.infer<typeof HealthResponse>, Health>>;
export type IngestResponseIsExact = Expect<Same<z.infer<typeof IngestResponse>, IngestResult>>;
