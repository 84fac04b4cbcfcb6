import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineOperations, json } from "@/lib/api/operation";
import { route } from "@/lib/api/route";
import { setLogOutput } from "@/lib/log/logger";

/**
 * Under test, route() parses every JSON answer with the response schema its operation declares for the status
 * (so the integration tests, which call the real route handlers, check the OpenAPI document's promises too).
 */
const Out = z.object({ total: z.string().regex(/^\d+\.\d{9}$/), rows: z.array(z.object({ key: z.string() })) });
const ops = defineOperations({
  probe: { method: "get", path: "/probe", tag: "Test", summary: "A probe", auth: "open", responses: { "200": json("Rows.", "ProbeOut", Out) } },
  created: { method: "post", path: "/probe", tag: "Test", summary: "Creates", auth: "open", responses: { "201": json("Rows.", "ProbeOut", Out) } },
});
afterEach(() => setLogOutput());
const call = (handler: (r: Request) => Promise<Response>) => handler(new Request("http://t/probe"));

describe("route() checks answers against the declared response schema under test", () => {
  it("runs with NODE_ENV=test", () => expect(process.env.NODE_ENV).toBe("test"));

  it("passes a body that matches, through JSON as the client sees it", async () => {
    const res = await call(route(ops.probe, () => ({ total: "1.000000000", rows: [{ key: "a", extra: new Date(0) }] })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ total: "1.000000000", rows: [{ key: "a", extra: "1970-01-01T00:00:00.000Z" }] });
  });

  it("turns a body that breaks its schema into a 500 naming the operation and the field", async () => {
    const lines: string[] = [];
    setLogOutput((l) => lines.push(l), "error");
    const res = await call(route(ops.probe, () => ({ total: 1.5, rows: [] })));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/probe \(GET \/probe\).*ProbeOut/s);
    expect(body.error.message).toMatch(/total/);
    expect(lines.some((l) => l.includes("breaks its declaration"))).toBe(true);
  });

  it("checks a Response the handler built, by its status", async () => {
    setLogOutput(() => {}, "error");
    const good = await call(route(ops.created, () => Response.json({ total: "0.000000000", rows: [] }, { status: 201 })));
    expect(good.status).toBe(201);
    const bad = await call(route(ops.created, () => Response.json({ rows: [] }, { status: 201 })));
    expect(bad.status).toBe(500);
    // A success status the operation does not declare is a broken promise too.
    const undeclared = await call(route(ops.created, () => Response.json({ total: "0.000000000", rows: [] })));
    expect(undeclared.status).toBe(500);
    expect(((await undeclared.json()) as { error: { message: string } }).error.message).toMatch(/status 200 is not declared/);
  });

  it("leaves error answers to the one error shape", async () => {
    const res = await route(ops.probe, () => ({}))(new Request("http://t/probe?x=%zz"));
    expect(res.status).toBe(400);
  });
});
