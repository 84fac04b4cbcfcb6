import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * Structured request logs through the real route wrapper, real chDB and real SQLite: one JSON line per request
 * with its id (also the X-Request-Id header), operation, route template, status, duration and the ClickHouse
 * queries it ran with their query_id; LOG_LEVEL decides what is written; credentials never appear.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { createApiToken } = await import("@/lib/db/api-tokens");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { setLogOutput } = await import("@/lib/log/logger");
const { GET: getSummaryRoute } = await import("@/app/api/v1/summary/route");
const { GET: getTraceRoute } = await import("@/app/api/v1/traces/[id]/route");

let token = "";
let lines: Record<string, unknown>[] = [];
const capture = (level: "debug" | "info" | "warn" | "error") => {
  lines = [];
  setLogOutput((line) => lines.push(JSON.parse(line) as Record<string, unknown>), level);
};
const raw = () => JSON.stringify(lines);

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  token = (await createApiToken({ name: "logs", role: "admin", createdBy: "test" })).secret;
  await ingestEvents([makeUsageEvent({ timestamp: "2026-03-10T10:00:00Z", trace_id: "T1", span_id: "a" })], { now: new Date("2026-03-11T00:00:00Z") });
});
afterEach(() => setLogOutput());
afterAll(() => store.cleanup());

const summary = (headers: Record<string, string> = {}) =>
  getSummaryRoute(new Request("http://t/api/v1/summary?from=2026-03-10&to=2026-03-11&group_by=model", { headers: { authorization: `Bearer ${token}`, cookie: "tl_session=s3cr3t-cookie", ...headers } }));

describe("request logs", () => {
  it("writes one line per request with its id, route, status, duration and ClickHouse query ids", async () => {
    capture("info");
    const res = await summary();
    expect(res.status).toBe(200);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toHaveLength(1);
    const line = lines[0];
    expect(line).toMatchObject({ level: 30, msg: "request", request_id: id, operation: "getSummary", method: "GET", route: "/api/v1/summary", status: 200 });
    expect(line.time).toBeTypeOf("number");
    expect(line.duration_ms).toBeTypeOf("number");
    const queries = line.ch_queries as { query_id: string; name: string; ms: number }[];
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      expect(q.query_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(q.name).toMatch(/\w/);
      expect(q.ms).toBeGreaterThanOrEqual(0);
    }
    expect(new Set(queries.map((q) => q.query_id)).size).toBe(queries.length);
    // Credentials of the request are nowhere in the line.
    expect(raw()).not.toContain(token);
    expect(raw()).not.toContain("s3cr3t-cookie");
  });

  it("keeps a caller's plausible X-Request-Id and replaces an implausible one", async () => {
    capture("info");
    expect((await summary({ "x-request-id": "lb-7f3a.42" })).headers.get("x-request-id")).toBe("lb-7f3a.42");
    const replaced = (await summary({ "x-request-id": "bad id\u0001<script>" })).headers.get("x-request-id");
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.map((l) => l.request_id)).toEqual(["lb-7f3a.42", replaced]);
  });

  it("logs the route template, not the ids in the URL, and errors at their status", async () => {
    capture("info");
    const res = await getTraceRoute(new Request("http://t/api/v1/traces/no-such-trace", { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id: "no-such-trace" }) });
    expect(res.status).toBe(404);
    expect(lines[0]).toMatchObject({ route: "/api/v1/traces/{id}", status: 404, operation: "getTrace" });
    expect(raw()).not.toContain("no-such-trace");
  });

  it("honours the level: at error, a successful request writes nothing; a 401 at info still names no secret", async () => {
    capture("error");
    expect((await summary()).status).toBe(200);
    expect(lines).toEqual([]);
    capture("info");
    const res = await getSummaryRoute(new Request("http://t/api/v1/summary?from=2026-03-10&to=2026-03-11", { headers: { authorization: "Bearer tla_notARealTokenButSecret" } }));
    expect(res.status).toBe(401);
    expect(lines[0]).toMatchObject({ status: 401 });
    expect(raw()).not.toContain("notARealTokenButSecret");
  });
});
