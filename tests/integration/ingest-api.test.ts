import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { chQuery } = await import("@/lib/clickhouse/client");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { createIngestKey, revokeIngestKey, listIngestKeys } = await import("@/lib/db/ingest-keys");
const { createOwnershipRule } = await import("@/lib/db/ownership-rules");
const { POST } = await import("@/app/api/v1/events/route");
const { z } = await import("zod");

let key = "";
let supportKey = "";
const post = (body: BodyInit, headers: Record<string, string> = {}, secret = key) =>
  POST(new Request("http://test/api/v1/events", { method: "POST", body, headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...headers } }));
const teamOf = {
  name: "test-team-of",
  sql: "SELECT event_id, team, team_source, ingest_key_id FROM usage_events WHERE event_id IN {ids:Array(String)} ORDER BY event_id",
  row: z.object({ event_id: z.string(), team: z.string(), team_source: z.string(), ingest_key_id: z.string() }),
};

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams([{ slug: "search", name: "Search" }, { slug: "support-ai", name: "Support AI" }]);
  key = (await createIngestKey({ name: "gateway" })).secret;
  supportKey = (await createIngestKey({ name: "support bot", teamSlug: "support-ai" })).secret;
  await createOwnershipRule({ field: "repo", matchType: "prefix", pattern: "search/", priority: 10, teamSlug: "search" });
});
afterAll(() => store.cleanup());

describe("POST /api/v1/events", () => {
  it("refuses a missing, unknown or revoked key with 401 and the error shape", async () => {
    const noKey = await POST(new Request("http://test/api/v1/events", { method: "POST", body: "[]" }));
    expect(noKey.status).toBe(401);
    expect((await noKey.json()).error.code).toBe("unauthorized");
    expect((await post("[]", {}, "tlk_not-a-key")).status).toBe(401);
    const k = await createIngestKey({ name: "to revoke" });
    await revokeIngestKey(k.id);
    const revoked = await post("[]", {}, k.secret);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.message).toContain("revoked");
  });

  it("accepts a JSON array, records the key's last use, and counts duplicates on re-send", async () => {
    const events = [makeUsageEvent({ event_id: "j1" }), makeUsageEvent({ event_id: "j2" })];
    const first = await post(JSON.stringify(events));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0, conflicts: [], rejected: [] });
    const again = await post(JSON.stringify(events));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 2, conflicts: [], rejected: [] });
    expect((await listIngestKeys()).find((k) => k.name === "gateway")?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("accepts gzip-compressed NDJSON; a line that is not JSON is rejected at its position", async () => {
    const ndjson = [JSON.stringify(makeUsageEvent({ event_id: "n1" })), "{not json", "", JSON.stringify(makeUsageEvent({ event_id: "n2" }))].join("\n");
    const res = await post(gzipSync(ndjson), { "content-type": "application/x-ndjson", "content-encoding": "gzip" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0].index).toBe(1);
    expect(body.rejected[0].errors[0].message).toMatch(/^not valid JSON \(line 2 of the body\)/);
  });

  it("answers 400 when nothing was accepted, naming each event's fields", async () => {
    const res = await post(JSON.stringify([makeUsageEvent({ status: "exploded" as never }), { event_id: "x" }]));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.accepted).toBe(0);
    expect(body.rejected[0]).toEqual({ index: 0, errors: [{ path: "status", message: expect.stringContaining("success") }] });
    expect(body.rejected[1].errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["timestamp", "provider", "model", "input_tokens", "output_tokens"]));
  });

  it("rejects bodies it cannot read, with a message naming the problem", async () => {
    const cases: [BodyInit, Record<string, string>, number, RegExp][] = [
      [Buffer.from("not gzip"), { "content-encoding": "gzip" }, 400, /not valid gzip/],
      [Buffer.from([0x5b, 0xff, 0xfe, 0x5d]), {}, 400, /not valid UTF-8/],
      ["{\"a\":1}", {}, 400, /must be a JSON array/],
      ["[]", {}, 400, /The body holds no events/],
      ["\n\n", { "content-type": "application/x-ndjson" }, 400, /The body holds no events/],
      ["[".repeat(200_000), {}, 400, /not valid JSON/],
      ["[]", { "content-type": "text/plain" }, 400, /Content-Type "text\/plain" is not supported/],
      ["[]", { "content-encoding": "br" }, 400, /Content-Encoding "br" is not supported/],
      [JSON.stringify(Array.from({ length: 10_001 }, () => ({}))), {}, 413, /maxEvents/],
      ["x".repeat(16 * 1024 * 1024 + 1), {}, 413, /maxBodyBytes/],
      [gzipSync(Buffer.alloc(70 * 1024 * 1024, 0x20)), { "content-encoding": "gzip" }, 413, /maxDecompressedBytes/],
    ];
    for (const [body, headers, status, message] of cases) {
      const res = await post(body, headers);
      const json = await res.json();
      expect({ status: res.status, message: json.error?.message }).toEqual({ status, message: expect.stringMatching(message) });
    }
  });

  it("fills a missing team from ownership rules first, then the key's default team", async () => {
    await post(JSON.stringify([makeUsageEvent({ event_id: "t-own", team: "growth" }), makeUsageEvent({ event_id: "t-rule", team: "", repo: "search/rag-api" }), makeUsageEvent({ event_id: "t-none", team: "", repo: "labs/x" })]));
    await post(JSON.stringify([makeUsageEvent({ event_id: "t-key", team: "", repo: "labs/y" }), makeUsageEvent({ event_id: "t-key-rule", team: "", repo: "search/x" })]), {}, supportKey);
    const rows = await chQuery(teamOf, { ids: ["t-own", "t-rule", "t-none", "t-key", "t-key-rule"] });
    expect(rows.map((r) => [r.event_id, r.team, r.team_source.replace(/:.*/, "")])).toEqual([
      ["t-key", "support-ai", "key"],
      ["t-key-rule", "search", "rule"],
      ["t-none", "", ""],
      ["t-own", "growth", "event"],
      ["t-rule", "search", "rule"],
    ]);
  });
});

describe("per-event limits", () => {
  it("rejects too many tags and too-long values, naming the field", async () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const res = await post(JSON.stringify([makeUsageEvent({ tags }), makeUsageEvent({ repo: "r".repeat(257) }), makeUsageEvent({ event_id: "e".repeat(129) })]));
    const body = await res.json();
    expect(body.rejected).toEqual([
      { index: 0, errors: [{ path: "tags", message: "at most 50 tags per event" }] },
      { index: 1, errors: [{ path: "repo", message: "must be at most 256 characters" }] },
      { index: 2, errors: [{ path: "event_id", message: "must be at most 128 characters" }] },
    ]);
  });
});

describe("values that do not fit", () => {
  it("rejects an impossible cost per event instead of failing the batch, and keeps delivered = 0 as 0", async () => {
    const { upsertPrices } = await import("@/lib/db/price-book");
    // A price typed per token instead of per million, and wrong by 10 again: $150 a token (the call stays
    // under the 10M-token plausibility limit, so it is the cost that is refused).
    await upsertPrices([{ provider: "typo", model: "per-token", serviceTier: "", longContextAbove: 0, validFrom: new Date("2026-01-01T00:00:00Z"), inputPerToken: "150", cacheReadPerToken: null, cacheWritePerToken: null, cacheWrite1hPerToken: null, outputPerToken: "150", reasoningPerToken: null, batchDiscount: "0", source: "test" }]);
    const res = await post(JSON.stringify([
      makeUsageEvent({ event_id: "fits", cost_usd: "12.5" }),
      makeUsageEvent({ event_id: "huge-reported", cost_usd: "10000000000" }),
      makeUsageEvent({ event_id: "huge-computed", input_tokens: 9_000_000, output_tokens: 0, model: "per-token", provider: "typo" }),
      makeUsageEvent({ event_id: "zero-delivered", status: "cancelled", output_tokens: 100, delivered_output_tokens: 0 }),
    ]));
    const body = await res.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r: { index: number; errors: { path: string }[] }) => [r.index, r.errors[0].path])).toEqual([[1, "cost_usd"], [2, "(event)"]]);
    const delivered = { name: "t-delivered", sql: "SELECT delivered_output_tokens AS d FROM usage_events WHERE event_id = 'zero-delivered'", row: z.object({ d: z.coerce.number().nullable() }) };
    expect(await chQuery(delivered, {})).toEqual([{ d: 0 }]);
  });
});
