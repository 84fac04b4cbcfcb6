import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { useTempStore } from "../setup/temp-store";

/**
 * Engine limits are "not now", not bugs: a real query that hits max_memory_usage or max_execution_time (set
 * tiny in the query's SETTINGS) comes out of the gateway as an UnavailableError, and out of the route wrapper
 * as a 503 in the one error shape with a Retry-After header. Any other engine error stays a 500.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { chQuery } = await import("@/lib/clickhouse/client");
const { UnavailableError } = await import("@/lib/errors");
const { route } = await import("@/lib/api/route");
const { defineOperations } = await import("@/lib/api/operation");
const { ErrorResponse } = await import("@/lib/schemas/api");

const MEMORY = "SELECT length(groupArray(number)) AS n FROM numbers(10000000) SETTINGS max_memory_usage = 1000000";
const TIMEOUT = "SELECT count() AS n FROM numbers(100000000000) SETTINGS max_execution_time = 0.2, timeout_overflow_mode = 'throw'";
const run = (sql: string) => chQuery({ name: "engine-limit-test", sql, row: z.object({ n: z.coerce.number() }) }, {});

beforeAll(async () => {
  await migrate();
});
afterAll(() => store.cleanup());

describe("engine limits", () => {
  it("a memory limit is an UnavailableError with a retry hint", async () => {
    const err = await run(MEMORY).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as InstanceType<typeof UnavailableError>).message).toMatch(/MEMORY_LIMIT_EXCEEDED.*memory limit/);
    expect((err as InstanceType<typeof UnavailableError>).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("a time limit is an UnavailableError too", async () => {
    const err = await run(TIMEOUT).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as Error).message).toMatch(/TIMEOUT_EXCEEDED.*time limit/);
  });

  it("the route wrapper answers 503 with Retry-After; a wrong query stays a 500", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { probe } = defineOperations({
      probe: { method: "get", path: "/x", tag: "Test", summary: "Runs a query that hits a limit", auth: "open", query: z.object({ q: z.enum(["memory", "timeout", "broken"]) }), responses: {} },
    });
    const handler = route(probe, async ({ query }) =>
      run(query.q === "memory" ? MEMORY : query.q === "timeout" ? TIMEOUT : "SELECT no_such_column AS n"),
    );
    for (const q of ["memory", "timeout"]) {
      const res = await handler(new Request(`http://t/x?q=${q}`));
      expect(res.status, q).toBe(503);
      expect(Number(res.headers.get("retry-after")), q).toBeGreaterThan(0);
      const body = ErrorResponse.parse(await res.json());
      expect(body.error.code).toBe("unavailable");
      expect(body.error.message).toMatch(/narrow the range or filters, or retry later/);
    }
    const broken = await handler(new Request("http://t/x?q=broken"));
    expect(broken.status).toBe(500);
    expect(broken.headers.get("retry-after")).toBeNull();
  });
});
