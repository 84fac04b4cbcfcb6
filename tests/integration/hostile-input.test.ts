import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/** Hostile input never breaks the server, is never interpreted, and never costs an accepted event. */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { chQuery } = await import("@/lib/clickhouse/client");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { createIngestKey } = await import("@/lib/db/ingest-keys");
const { POST } = await import("@/app/api/v1/events/route");
const { z } = await import("zod");

let key = "";
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  POST(new Request("http://t/api/v1/events", { method: "POST", body, headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers } }));
const count = { name: "t-count", sql: "SELECT count() AS n FROM usage_events", row: z.object({ n: z.coerce.number() }) };
const dims = {
  name: "t-dims",
  sql: "SELECT team, repo, feature, model, customer, tags FROM usage_events WHERE event_id = {id:String}",
  row: z.object({ team: z.string(), repo: z.string(), feature: z.string(), model: z.string(), customer: z.string(), tags: z.record(z.string(), z.string()) }),
};

const SQL = "x'); DROP TABLE usage_events; --";
const HTML = '<script>alert("x")</script><img src=x onerror=alert(1)>';
// NUL and bidi controls are rejected (tests/integration/input-checks.test.ts); everything else is kept verbatim.
const WEIRD = "名前 — ünïcödé \u200b zero-width tab\tnewline\n {name:String} $1 %s";

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  key = (await createIngestKey({ name: "hostile" })).secret;
  expect((await post(JSON.stringify([makeUsageEvent({ event_id: "baseline" })]))).status).toBe(200);
});
afterAll(() => store.cleanup());

describe("hostile input", () => {
  it("stores SQL, HTML and odd Unicode in every dimension verbatim", async () => {
    const res = await post(JSON.stringify([makeUsageEvent({ event_id: "evil", team: SQL, repo: HTML, feature: WEIRD, model: HTML, customer: SQL, tags: { [SQL]: HTML, "{x:String}": WEIRD } })]));
    expect((await res.json()).accepted).toBe(1);
    expect(await chQuery(dims, { id: "evil" })).toEqual([{ team: SQL, repo: HTML, feature: WEIRD, model: HTML, customer: SQL, tags: { [SQL]: HTML, "{x:String}": WEIRD } }]);
  });

  it("rejects NaN, Infinity and huge numbers per event, keeping the valid ones", async () => {
    const body = `[${JSON.stringify(makeUsageEvent({ event_id: "ok-next-to-huge" }))}, ${JSON.stringify(makeUsageEvent({ event_id: "huge" })).replace('"input_tokens":1000', '"input_tokens":1e400')}, ${JSON.stringify(makeUsageEvent({ event_id: "big" })).replace('"input_tokens":1000', '"input_tokens":99999999999999999999')}]`;
    const json = await (await post(body)).json();
    expect(json.accepted).toBe(1);
    expect(json.rejected.map((r: { index: number; errors: { path: string }[] }) => [r.index, r.errors[0].path])).toEqual([[1, "input_tokens"], [2, "input_tokens"]]);
    const nan = await post(`[${JSON.stringify(makeUsageEvent()).replace('"input_tokens":1000', '"input_tokens":NaN')}]`);
    expect(nan.status).toBe(400);
    expect((await nan.json()).error.message).toMatch(/not valid JSON/);
  });

  it("survives a barrage of malformed requests and loses nothing accepted", async () => {
    const before = (await chQuery(count, {}))[0].n;
    const barrage: [BodyInit, Record<string, string>][] = [
      ["[".repeat(100_000) + "]".repeat(100_000), {}],
      [JSON.stringify([{ a: { b: { c: { d: { e: { f: { g: 1 } } } } } } }]), {}],
      [gzipSync("[]").subarray(0, 10), { "content-encoding": "gzip" }],
      [Buffer.from([0xc3, 0x28]), {}],
      ["", {}],
      ["null", {}],
      [JSON.stringify([null, 1, "x", [], true]), {}],
      [JSON.stringify([{ ...makeUsageEvent(), tags: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`t${i}`, "v"])) }]), {}],
    ];
    for (const [body, headers] of barrage) {
      const res = await post(body, headers);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect((await res.json()).error ?? (await Promise.resolve({}))).toBeDefined();
    }
    // Prototype-pollution keys are plain data: ignored, the event's own fields stand.
    const proto = `[${JSON.stringify(makeUsageEvent({ event_id: "proto", team: "" })).slice(0, -1)}, "__proto__": {"team": "polluted"}, "constructor": {"prototype": {"team": "polluted"}}}]`;
    expect((await (await post(proto)).json()).accepted).toBe(1);
    expect(({} as Record<string, unknown>).team).toBeUndefined();
    expect((await chQuery(dims, { id: "proto" }))[0].team).toBe("");
    const ok = await post(JSON.stringify([makeUsageEvent({ event_id: "after-barrage" })]));
    expect((await ok.json()).accepted).toBe(1);
    expect((await chQuery(count, {}))[0].n).toBe(before + 2);
  });

  it("accepts many distinct tag names across events", async () => {
    const events = Array.from({ length: 2000 }, (_, i) => makeUsageEvent({ event_id: `tags-${i}`, tags: Object.fromEntries(Array.from({ length: 50 }, (_, j) => [`k-${i}-${j}`, `v${j}`])) }));
    expect((await (await post(JSON.stringify(events))).json()).accepted).toBe(2000);
  });
});
