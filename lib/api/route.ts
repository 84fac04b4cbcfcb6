import { randomUUID } from "node:crypto";
import { z } from "zod";
import { isJsonBody, type Operation } from "@/lib/api/operation";
import { authorize, type Authorized } from "@/lib/auth/guard";
import type { VerifiedKey } from "@/lib/db/ingest-keys";
import { logger } from "@/lib/log/logger";
import { runInRequest, type QueryNote } from "@/lib/log/request-context";
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

/** What a handler gets: the parsed query, body and path parameters, and the caller (by the operation's auth). */
type QueryOf<O> = O extends { query: infer Q extends z.ZodType } ? z.output<Q> : Record<string, never>;
type BodyOf<O> = O extends { body: { schema: infer B extends z.ZodType } } ? z.output<B> : undefined;
type CallerOf<O> = O extends { auth: "ingest" } ? { key: VerifiedKey } : O extends { auth: "open" } ? object : { auth: Authorized };
export type Ctx<O extends Operation> = { query: QueryOf<O>; body: BodyOf<O>; request: Request; params: Record<string, string> } & CallerOf<O>;
type NextCtx = { params?: Promise<Record<string, string | string[]>> };
/** A Next.js route handler that also carries the operation it serves (the coverage test reads it). */
export type RouteHandler = ((request: Request, next?: NextCtx) => Promise<Response>) & { operation: Operation };

/** Operations without a query schema ignore the query string (but it must still percent-decode). */
const NO_QUERY = z.object({});

/**
 * The one route wrapper: serves one operation of lib/api/operations. Authenticates as the operation's `auth`
 * says (see lib/api/operation.ts), parses the query string and the JSON body with its schemas, runs the
 * handler, and maps every error to the one error shape. Route files stay thin: operation in, lib/ call out.
 * Under test (NODE_ENV=test) every JSON answer is also parsed with the response schema the operation
 * declares for its status, so the document cannot promise what a route does not send; production skips it.
 */
export function route<O extends Operation>(op: O, handler: (ctx: Ctx<O>) => Promise<unknown> | unknown): RouteHandler {
  const answer = async (request: Request, next?: NextCtx): Promise<Response> => {
    try {
      let extra = {};
      if (op.auth === "ingest") {
        extra = { key: await authenticateIngest(request.headers.get("authorization")) };
      } else if (op.auth === "signed-in") {
        extra = { auth: await authorize(request) };
      } else if (typeof op.auth === "object") {
        extra = { auth: await authorize(request, op.auth.permission) };
      }
      const params = Object.fromEntries(strictSearchParams(request.url));
      const query: unknown = (op.query ?? NO_QUERY).parse(params);
      let body: unknown = undefined;
      if (isJsonBody(op.body)) {
        const raw: unknown = await readJsonBody(request);
        body = op.body.schema.parse(raw);
      }
      const routeParams = Object.fromEntries(Object.entries((await next?.params) ?? {}).map(([k, v]) => [k, String(v)]));
      const result = await handler({ query, body, request, params: routeParams, ...extra } as Ctx<O>);
      const response = result instanceof Response ? result : Response.json(result);
      return CHECK_RESPONSES ? await checkedResponse(op, response) : response;
    } catch (err) {
      return toErrorResponse(err);
    }
  };
  const serve = (request: Request, next?: NextCtx): Promise<Response> => {
    const context = { requestId: requestIdOf(request), operation: op.id, queries: [] };
    const started = performance.now();
    return runInRequest(context, async () => {
      const response = withHeader(await answer(request, next), "x-request-id", context.requestId);
      logRequest(op, request, response, performance.now() - started, context.queries);
      return response;
    });
  };
  return Object.assign(serve, { operation: op });
}

/**
 * The request's id: the caller's X-Request-Id when it is a plausible one (a proxy or client correlating its own
 * logs), a new UUID otherwise. Returned as X-Request-Id and on every log line of the request.
 */
function requestIdOf(request: Request): string {
  const sent = request.headers.get("x-request-id");
  return sent && /^[A-Za-z0-9._:-]{1,128}$/.test(sent) ? sent : randomUUID();
}

/** Sets a header, copying the response when its headers are immutable (a Response from fetch). */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
    copy.headers.set(name, value);
    return copy;
  }
}

/**
 * One line per request: operation, method, route (the path template, never the ids in the URL), status,
 * duration and the ClickHouse queries it ran with their query_id and time (they run concurrently: the slowest
 * one against the duration is the API's own cost). 5xx at error, the rest at info; health checks at debug, as
 * load balancers call them all day.
 */
function logRequest(op: Operation, request: Request, response: Response, ms: number, queries: QueryNote[]): void {
  const level = response.status >= 500 ? "error" : op.id === "health" ? "debug" : "info";
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      operation: op.id,
      method: request.method,
      route: op.path,
      status: response.status,
      duration_ms: Math.round(ms * 10) / 10,
      ...(queries.length ? { ch_queries: queries, ch_slowest_ms: Math.round(queries.reduce((t, q) => Math.max(t, q.ms), 0) * 10) / 10 } : {}),
    },
    "request",
  );
}

/** Inlined as false by the production build: the checks below cost nothing there. */
const CHECK_RESPONSES = process.env.NODE_ENV === "test";

/**
 * The response, when its JSON body matches the schema the operation declares for its status; otherwise a 500
 * saying what differs (tests then fail on the status). Only JSON bodies of declared statuses are checked:
 * files, protobuf and the hand-described ones (ingest's 400) are not.
 */
async function checkedResponse(op: Operation, response: Response): Promise<Response> {
  const status = String(response.status);
  const declared = op.responses[status];
  if (!declared) {
    if (response.status < 400) return mismatch(op, `status ${status} is not declared`);
    return response;
  }
  if (!declared.json || !(response.headers.get("content-type") ?? "").includes("application/json")) return response;
  const parsed = declared.json.schema.safeParse(await response.clone().json());
  return parsed.success ? response : mismatch(op, `the body does not match ${declared.json.name}: ${z.prettifyError(parsed.error)}`);
}

function mismatch(op: Operation, what: string): Response {
  const message = `Response of ${op.id} (${op.method.toUpperCase()} ${op.path}) breaks its declaration: ${what}`;
  logger.error({ operation: op.id }, message);
  return Response.json({ error: { code: "internal_error", message } }, { status: 500 });
}
