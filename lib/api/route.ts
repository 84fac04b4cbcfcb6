import type { z } from "zod";
import { authorize, type Authorized } from "@/lib/auth/guard";
import type { Permission } from "@/lib/auth/roles";
import type { VerifiedKey } from "@/lib/db/ingest-keys";
import { ApiError, toErrorResponse } from "./errors";
import { authenticateIngest } from "./ingest-auth";

/** JSON bodies of dashboard endpoints: small, capped before parsing (LiteLLM's price file is the largest). */
const MAX_JSON_BODY = 8 * 1024 * 1024;
async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BODY) throw new ApiError("payload_too_large", `Body is larger than ${MAX_JSON_BODY} bytes`);
  const text = await request.text();
  if (text.length > MAX_JSON_BODY) throw new ApiError("payload_too_large", `Body is larger than ${MAX_JSON_BODY} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", "Body must be JSON");
  }
}

/**
 * The query string's parameters, or a 400 when a name or value does not percent-decode (a stray "%", "%zz",
 * or bytes that are not UTF-8 such as "%FF"): URLSearchParams would silently turn those into other text
 * (U+FFFD or a literal "%"), and a filter on a value nobody sent is worse than an error.
 */
export function strictSearchParams(url: string): URLSearchParams {
  const parsed = new URL(url);
  const raw = parsed.search.slice(1);
  if (raw) {
    for (const part of raw.split("&")) {
      try {
        decodeURIComponent(part.replaceAll("+", " "));
      } catch {
        const name = part.split("=")[0];
        throw new ApiError("bad_request", `The query string is not valid percent-encoding near "${name.slice(0, 40)}": encode names and values as UTF-8 (encodeURIComponent)`);
      }
    }
  }
  return parsed.searchParams;
}

/**
 * The one route wrapper: authenticates, parses the query string with the route's zod schema, runs the
 * handler, and maps every error to the one error shape. Route files stay thin: schema in, lib/ call, JSON out.
 *
 * auth "ingest": a live ingest key as `Authorization: Bearer tlk_…`; the handler gets it as `key`.
 * auth { permission }: a signed-in user (session cookie; CSRF token on changes) or an API token
 *   (`Bearer tla_…`) whose role grants the permission; the handler gets `auth` with the principal and the
 *   team scope every query must apply. "signed-in": any principal (the handler checks finer rules).
 * auth "open": no credential (health, sign-in).
 */
export type Auth = "ingest" | "open" | "signed-in" | { permission: Permission };
type Ctx<Q extends z.ZodType, B extends z.ZodType, A extends Auth> = { query: z.infer<Q>; body: z.infer<B>; request: Request; params: Record<string, string> } & (A extends "ingest"
  ? { key: VerifiedKey }
  : A extends "open"
    ? object
    : { auth: Authorized });
type NextCtx = { params?: Promise<Record<string, string | string[]>> };

/** Options: `query` parses the query string, `body` (if given) the JSON body; `auth` as above. */
export function route<Q extends z.ZodType, A extends Auth, B extends z.ZodType = z.ZodUndefined>(
  opts: { query: Q; auth: A; body?: B },
  handler: (ctx: Ctx<Q, B, A>) => Promise<unknown>,
): (request: Request, next?: NextCtx) => Promise<Response> {
  return async (request, next) => {
    try {
      let extra = {};
      if (opts.auth === "ingest") {
        extra = { key: await authenticateIngest(request.headers.get("authorization")) };
      } else if (opts.auth === "signed-in") {
        extra = { auth: await authorize(request) };
      } else if (typeof opts.auth === "object") {
        extra = { auth: await authorize(request, opts.auth.permission) };
      }
      const params = Object.fromEntries(strictSearchParams(request.url));
      const query = opts.query.parse(params);
      let body: unknown = undefined;
      if (opts.body) {
        const raw: unknown = await readJsonBody(request);
        body = opts.body.parse(raw);
      }
      const routeParams = Object.fromEntries(Object.entries((await next?.params) ?? {}).map(([k, v]) => [k, String(v)]));
      const result = await handler({ query, body, request, params: routeParams, ...extra } as Ctx<Q, B, A>);
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
