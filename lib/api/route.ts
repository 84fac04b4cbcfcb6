import type { z } from "zod";
import { verifyIngestKey, type VerifiedKey } from "@/lib/db/ingest-keys";
import { ApiError, toErrorResponse } from "./errors";

/**
 * The one route wrapper: authenticates, parses the query string with the route's zod schema, runs the
 * handler, and maps every error to the one error shape. Route files stay thin: schema in, lib/ call, JSON out.
 *
 * auth "ingest": a live ingest key as `Authorization: Bearer tlk_…`; the handler gets it as `key`.
 * auth "open": no credential (until sign-in lands, every dashboard endpoint is open; see README).
 */
type Auth = "ingest" | "open";
type Ctx<Q extends z.ZodType, A extends Auth> = { query: z.infer<Q>; request: Request } & (A extends "ingest" ? { key: VerifiedKey } : object);

function bearer(request: Request): string | null {
  const header = request.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : null;
}

export function route<Q extends z.ZodType, A extends Auth>(
  opts: { query: Q; auth: A },
  handler: (ctx: Ctx<Q, A>) => Promise<unknown>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      let extra = {};
      if (opts.auth === "ingest") {
        const secret = bearer(request);
        if (!secret) throw new ApiError("unauthorized", "Missing ingest key: send Authorization: Bearer <ingest key>");
        const key = await verifyIngestKey(secret);
        if (!key) throw new ApiError("unauthorized", "Unknown or revoked ingest key");
        extra = { key };
      }
      const params = Object.fromEntries(new URL(request.url).searchParams);
      const query = opts.query.parse(params);
      const body = await handler({ query, request, ...extra } as Ctx<Q, A>);
      return body instanceof Response ? body : Response.json(body);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
