import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { GET as getOpenApiRoute } from "@/app/api/v1/openapi.json/route";
import { ApiError, toErrorResponse } from "@/lib/api/errors";
import { ConflictError, NotFoundError, UnavailableError } from "@/lib/errors";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import type { Operation } from "@/lib/api/operation";
import { OPERATIONS } from "@/lib/api/operations";
import { CSRF_HEADER, SESSION_COOKIE } from "@/lib/auth/authenticate";
import { DIMENSION_NAMES } from "@/lib/clickhouse/fragments";
import { ErrorResponse } from "@/lib/schemas/api";
import { SummaryMeasures, SummaryQuery } from "@/lib/schemas/summary";

/**
 * The OpenAPI document against the code: every route file is documented with the auth it really has, every
 * $ref resolves, and the spend endpoints carry their parameters. A new route without documentation fails here.
 */

type Json = { [key: string]: unknown };
type Op = { operationId: string; security: Record<string, string[]>[]; parameters?: Json[]; responses: Record<string, Json>; "x-permission"?: string };

const doc = buildOpenApiDocument();
const paths = doc.paths as Record<string, Record<string, Op>>;
const components = doc.components as Record<string, Record<string, Json>>;
const METHODS = ["get", "post", "put", "patch", "delete"];

const API_DIR = path.join(process.cwd(), "app", "api");

/** Every app/api/**\/route.ts as its URL path ([id] → {id}) and source. */
function routeFiles(): { urlPath: string; source: string; file: string }[] {
  const out: { urlPath: string; source: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const rel = path.relative(path.join(process.cwd(), "app"), dir).split(path.sep);
        out.push({ urlPath: "/" + rel.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/"), source: readFileSync(full, "utf8"), file: full });
      }
    }
  };
  walk(API_DIR);
  return out;
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** The handlers a route file exports, each with the operation route() was given (undefined: not route()). */
async function exportedHandlers(file: string): Promise<{ method: string; operation?: Operation }[]> {
  const mod = (await import(file)) as Record<string, unknown>;
  return Object.entries(mod)
    .filter(([name]) => HTTP_METHODS.includes(name))
    .map(([name, handler]) => ({ method: name.toLowerCase(), operation: (handler as { operation?: Operation }).operation }));
}

function resolve(pointer: string): unknown {
  expect(pointer.startsWith("#/")).toBe(true);
  return pointer
    .slice(2)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), doc);
}

function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, found));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

/** The names of an operation's parameters, $refs resolved. */
function parameterNames(op: Op): string[] {
  return (op.parameters ?? []).map((p) => String(((typeof p.$ref === "string" ? resolve(p.$ref) : p) as Json).name));
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with info, paths and components", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(paths).length).toBeGreaterThan(20);
    expect(Object.keys(components.schemas).length).toBeGreaterThan(10);
    expect(Object.keys(components.securitySchemes).sort()).toEqual(["apiToken", "csrfHeader", "ingestKey", "sessionCookie"]);
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(paths)) {
      expect(p.startsWith("/api/")).toBe(true);
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS).toContain(method);
        expect(ids.has(op.operationId), `duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const status of Object.keys(op.responses)) expect(status).toMatch(/^[1-5]\d\d$/);
        // Every {name} in the path is a required path parameter.
        for (const [, name] of p.matchAll(/\{(\w+)\}/g)) expect(op.parameters?.some((q) => q.in === "path" && q.name === name && q.required === true)).toBe(true);
        // Every JSON schema in the document: no per-schema $id/$schema (they would re-base $refs).
        expect(JSON.stringify(op)).not.toMatch(/"\$(id|schema)"/);
      }
    }
    expect(JSON.stringify(components.schemas)).not.toMatch(/"\$(id|schema)"/);
  });

  it("documents every route file under app/api: each handler serves the operation of its path, with that operation's auth", async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(20);
    const documented = new Set(Object.entries(paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m} ${p}`)));
    const implemented = new Set<string>();
    const served = new Set<string>();
    for (const { urlPath, source, file } of files) {
      const handlers = await exportedHandlers(file);
      expect(handlers.length, `${file} exports no handler`).toBeGreaterThan(0);
      for (const { method, operation } of handlers) {
        const key = `${method} ${urlPath}`;
        implemented.add(key);
        expect(operation, `${key} (${file}) is not route(operation, …)`).toBeDefined();
        if (!operation) continue;
        expect(`${operation.method} ${operation.path}`, `${file} exports ${method.toUpperCase()} serving ${operation.id}`).toBe(key);
        served.add(operation.id);
        expect(documented.has(key), `${key} (${file}) is not in the OpenAPI document`).toBe(true);
        const op = paths[urlPath][method];
        expect(op.operationId).toBe(operation.id);
        const auth = operation.auth;
        if (typeof auth === "object") {
          expect(op["x-permission"], key).toBe(auth.permission);
          expect(op.security.map((s) => Object.keys(s).join("+")), key).toEqual(["apiToken", method === "get" ? "sessionCookie" : "sessionCookie+csrfHeader"]);
        } else if (auth === "signed-in") {
          expect(op["x-permission"], key).toBeUndefined();
          expect(op.security[0], key).toEqual({ apiToken: [] });
        } else if (auth === "ingest") {
          expect(op.security, key).toEqual([{ ingestKey: [] }]);
        } else {
          expect(auth, key).toBe("open");
          expect(op.security, key).toEqual([]);
        }
        // Routes that read dimension filters document them, and only those.
        const filters = parameterNames(op).filter((n) => n.startsWith("exclude_"));
        expect(filters.length, `${key} dimension filters`).toBe(source.includes("parseDimensionFilters") ? DIMENSION_NAMES.length : 0);
      }
    }
    expect([...documented].filter((k) => !implemented.has(k)), "documented without a route").toEqual([]);
    expect(OPERATIONS.map((o) => o.id).filter((id) => !served.has(id)), "operations no route serves").toEqual([]);
  }, 180_000);

  it("builds the document from the operations alone: one operation per id, each at its path", () => {
    expect(new Set(OPERATIONS.map((o) => o.id)).size).toBe(OPERATIONS.length);
    for (const o of OPERATIONS) expect(paths[o.path]?.[o.method]?.operationId, o.id).toBe(o.id);
    expect(Object.values(paths).reduce((n, item) => n + Object.keys(item).length, 0)).toBe(OPERATIONS.length);
  });

  it("resolves every $ref", () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) expect(resolve(ref), ref).toBeTypeOf("object");
  });

  it("lists the summary's range, grouping and every dimension filter", () => {
    const op = paths["/api/v1/summary"].get;
    const names = parameterNames(op);
    for (const p of ["from", "to", "tz", "group_by"]) expect(names).toContain(p);
    for (const dim of DIMENSION_NAMES) {
      expect(names).toContain(dim);
      expect(names).toContain(`exclude_${dim}`);
    }
    // Every property of the route's query schema is a parameter.
    const required = (op.parameters ?? []).filter((p) => p.required === true).map((p) => p.name);
    expect(required.sort()).toEqual(["from", "to"]);
    const queryProps = Object.keys((z.toJSONSchema(SummaryQuery, { io: "input", unrepresentable: "any" }) as Json).properties as Json);
    for (const p of queryProps) expect(names).toContain(p);
    const filter = resolve("#/components/parameters/filter.team") as Json;
    expect(filter).toMatchObject({ name: "team", in: "query", explode: true, schema: { type: "array" } });
    expect(op["x-permission"]).toBe("spend:read");
    expect(op.responses["200"]).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/SummaryResponse" } } } });
  });

  it("has SummaryMeasures with exactly the 18 measures, money described as 9-decimal strings", () => {
    const schema = components.schemas.SummaryMeasures as { properties: Record<string, Json>; required: string[] };
    const measures = Object.keys(SummaryMeasures.shape);
    expect(measures).toHaveLength(18);
    expect(Object.keys(schema.properties).sort()).toEqual([...measures].sort());
    expect([...schema.required].sort()).toEqual([...measures].sort());
    expect(schema.properties.cost_usd).toMatchObject({ type: "string", pattern: "^-?\\d+\\.\\d{9}$" });
    expect(String(schema.properties.cost_usd.description)).toMatch(/9 decimals/);
    expect(schema.properties.input_tokens).toMatchObject({ type: "integer" });
    // Shared, not inlined: the summary, overview and series point at it.
    const uses = refsIn(doc).filter((r) => r === "#/components/schemas/SummaryMeasures");
    expect(uses.length).toBeGreaterThanOrEqual(4);
  });

  it("uses the cookie and header names the server reads", () => {
    expect(components.securitySchemes.sessionCookie).toMatchObject({ in: "cookie", name: SESSION_COOKIE });
    expect(components.securitySchemes.csrfHeader).toMatchObject({ in: "header", name: CSRF_HEADER });
  });

  it("describes the error body the server sends", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const zodError = z.object({ n: z.number() }).safeParse({ n: "x" }).error;
    for (const err of [new ApiError("not_found", "nope"), new NotFoundError("nope"), new ConflictError("exists"), new UnavailableError("busy", 5), zodError, new Error("boom (logged on purpose by this test)")]) {
      const res = toErrorResponse(err);
      expect(ErrorResponse.safeParse(await res.json()).success).toBe(true);
    }
    expect(paths["/api/v1/teams"].post.responses["409"]).toEqual({ $ref: "#/components/responses/Conflict" });
  });

  it("is served by GET /api/v1/openapi.json without credentials", async () => {
    const res = await getOpenApiRoute(new Request("http://t/api/v1/openapi.json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = await res.json();
    expect(body).toEqual(JSON.parse(JSON.stringify(doc)));
    // Built once: the second answer is the same text.
    expect(await (await getOpenApiRoute(new Request("http://t/api/v1/openapi.json"))).text()).toBe(JSON.stringify(body));
  });
});
