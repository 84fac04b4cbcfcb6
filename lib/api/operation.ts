import type { z } from "zod";
import type { ErrorCode } from "@/lib/api/errors";
import type { Permission } from "@/lib/auth/roles";

/**
 * One API operation, declared once: what route() needs to serve it (auth, the query and body schemas) and what
 * the OpenAPI document says about it (path, id, texts, response schemas). Route files pass the operation to
 * route(); lib/api/openapi builds the document from the same objects (lib/api/operations), so a path, a schema
 * or an auth rule cannot say one thing in the code and another in the document. Plain data, no store: the
 * document is built without opening anything.
 *
 * auth "ingest": a live ingest key as `Authorization: Bearer tlk_…`.
 * auth { permission }: a signed-in user (session cookie; CSRF token on changes) or an API token (`Bearer
 *   tla_…`) whose role grants the permission. "signed-in": any principal (the handler checks finer rules).
 * auth "open": no credential (health, sign-in).
 */
export type Auth = "ingest" | "open" | "signed-in" | { readonly permission: Permission };
export type Method = "get" | "post" | "put" | "patch" | "delete";

/** A JSON Schema (2020-12, which OpenAPI 3.1 uses as is) or any other JSON object of the document. */
export type Json = { [key: string]: unknown };
export type Ref = { $ref: string };
export type Parameter = { name: string; in: "query" | "path" | "header"; required?: boolean; description: string; schema: Json; style?: "form"; explode?: boolean };
export type MediaType = { schema?: Json | Ref; example?: unknown };
export type RequestBody = { required: boolean; description?: string; content: Record<string, MediaType> };
/** A JSON body route() parses with `schema`, documented as the component `name`. */
export type JsonBody = { readonly name: string; readonly schema: z.ZodType; readonly description?: string };

/**
 * One response. `json`: a JSON body that is the component `name` generated from `schema` (and, in tests, every
 * such body the route sends is parsed with `schema`: see route()); `content`: other media types, written out.
 */
export type ResponseDef = {
  readonly description: string;
  readonly json?: { readonly name: string; readonly schema: z.ZodType };
  readonly content?: Readonly<Record<string, MediaType>>;
  readonly headers?: Readonly<Record<string, { description: string; schema: Json }>>;
};

/** An operation as declared (its id is its key in defineOperations). */
export type OperationSpec = {
  readonly method: Method;
  /** The URL path with {name} placeholders: app/api/<path>/route.ts serves it. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly auth: Auth;
  /** The query string's schema (absent: parameters are ignored); every property needs a text in `queryDocs`. */
  readonly query?: z.ZodType;
  readonly queryDocs?: Readonly<Record<string, string>>;
  /** Accepts DIM=VALUE and exclude_DIM=VALUE (the route calls parseDimensionFilters). */
  readonly filters?: boolean;
  /** One entry per {name} in the path. */
  readonly pathParams?: Readonly<Record<string, { readonly schema: z.ZodType; readonly description: string }>>;
  /** Header parameters the handler reads itself (Content-Encoding of the ingest endpoints). */
  readonly headers?: readonly Parameter[];
  /** A JSON body route() parses (JsonBody), or one the handler reads itself, described by hand (RequestBody). */
  readonly body?: JsonBody | RequestBody;
  readonly responses: Readonly<Record<string, ResponseDef>>;
  /** Errors beyond the ones every operation of this kind can answer. */
  readonly errors?: readonly ErrorCode[];
};
export type Operation = OperationSpec & { readonly id: string };

/** A JSON response whose body is the component `name` (the schema the handler's result must match). */
export function json(description: string, name: string, schema: z.ZodType): ResponseDef {
  return { description, json: { name, schema } };
}

/** Whether a body is parsed by route() (a zod schema) rather than read by the handler. */
export function isJsonBody(body: JsonBody | RequestBody | undefined): body is JsonBody {
  return body !== undefined && "schema" in body;
}

/**
 * A group of operations keyed by operationId. `const` keeps each auth literal, so route() types the handler's
 * context (a `key` for ingest, `auth` for signed-in callers) from the operation alone.
 */
export function defineOperations<const T extends Record<string, OperationSpec>>(defs: T): { [K in keyof T]: T[K] & { readonly id: K & string } } {
  return Object.fromEntries(Object.entries(defs).map(([id, def]) => [id, { ...def, id }])) as { [K in keyof T]: T[K] & { readonly id: K & string } };
}
