import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * PRODUCT.md event identity: event_id alone is the idempotency key, whatever timestamp or batch it comes
 * with (the first stored copy stands); the same id with other token counts, model or attribution is a
 * conflict reported for that event, in one batch or across batches, through the HTTP ingest path.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { chQuery } = await import("@/lib/clickhouse/client");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { createIngestKey } = await import("@/lib/db/ingest-keys");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { POST } = await import("@/app/api/v1/events/route");
const { z } = await import("zod");

let key = "";
const post = async (events: unknown[], secret = key) => {
  const res = await POST(new Request("http://test/api/v1/events", { method: "POST", body: JSON.stringify(events), headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" } }));
  return { status: res.status, body: await res.json() };
};
const copies = {
  name: "t-copies",
  sql: "SELECT event_id, toString(ts) AS ts, input_tokens, team FROM usage_events WHERE event_id IN {ids:Array(String)} ORDER BY event_id, ts",
  row: z.object({ event_id: z.string(), ts: z.string(), input_tokens: z.coerce.number(), team: z.string() }),
};

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams([{ slug: "search", name: "Search" }]);
  key = (await createIngestKey({ name: "gateway" })).secret;
});
afterAll(() => store.cleanup());

describe("event identity", () => {
  it("an event re-sent with a re-stamped timestamp, another precision or epoch ms is a duplicate; the first copy stands", async () => {
    const first = makeUsageEvent({ event_id: "stamp-1", timestamp: "2026-03-10T12:00:00Z" });
    expect((await post([first])).body).toMatchObject({ accepted: 1, duplicates: 0 });
    // Re-stamped by a retrying gateway (days later, another month), another precision, epoch milliseconds.
    for (const timestamp of ["2026-03-14T08:30:00Z", "2026-04-02T00:00:00Z", "2026-03-10T12:00:00.000Z", Date.parse("2026-03-10T12:00:00Z") + 1]) {
      const again = await post([{ ...first, timestamp }]);
      expect(again).toEqual({ status: 200, body: { accepted: 0, duplicates: 1, conflicts: [], rejected: [] } });
    }
    expect(await chQuery(copies, { ids: ["stamp-1"] })).toEqual([{ event_id: "stamp-1", ts: "2026-03-10 12:00:00.000", input_tokens: 1000, team: "platform" }]);
  });

  it("the same id with other token counts, model or attribution is a conflict naming the fields, across batches", async () => {
    const base = makeUsageEvent({ event_id: "conf-1", timestamp: "2026-03-10T12:00:00Z", request_id: "R", attempt: 1 });
    expect((await post([base])).body.accepted).toBe(1);
    const changed = [
      { ...base, timestamp: "2026-03-11T00:00:00Z", input_tokens: 2000 },
      { ...base, model: "gpt-4o-mini" },
      { ...base, team: "search" },
      { ...base, attempt: 2, repo: "labs/x" },
      { ...base },
    ];
    const res = await post(changed);
    // Nothing stored and something conflicts: 409, whatever else was a duplicate.
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      accepted: 0,
      duplicates: 1,
      conflicts: [
        { index: 0, event_id: "conf-1", fields: ["input_tokens"] },
        { index: 1, event_id: "conf-1", fields: ["model"] },
        { index: 2, event_id: "conf-1", fields: ["team"] },
        { index: 3, event_id: "conf-1", fields: ["attempt", "repo"] },
      ],
      rejected: [],
    });
    expect(await chQuery(copies, { ids: ["conf-1"] })).toEqual([{ event_id: "conf-1", ts: "2026-03-10 12:00:00.000", input_tokens: 1000, team: "platform" }]);
  });

  it("within one batch: the first copy is stored, a re-stamped copy is a duplicate, a changed one a conflict", async () => {
    const a = makeUsageEvent({ event_id: "batch-1", timestamp: "2026-03-10T13:00:00Z", output_tokens: 10 });
    const res = await post([a, { ...a, timestamp: "2026-03-12T13:00:00Z" }, { ...a, output_tokens: 11 }, makeUsageEvent({ event_id: "batch-2" })]);
    expect(res).toEqual({ status: 200, body: { accepted: 2, duplicates: 1, conflicts: [{ index: 2, event_id: "batch-1", fields: ["output_tokens"] }], rejected: [] } });
    expect(await chQuery(copies, { ids: ["batch-1"] })).toEqual([{ event_id: "batch-1", ts: "2026-03-10 13:00:00.000", input_tokens: 1000, team: "platform" }]);
  });

  it("a batch of nothing but conflicts answers 409, listing each", async () => {
    const res = await post([{ ...makeUsageEvent({ event_id: "stamp-1" }), input_tokens: 5 }]);
    expect(res).toEqual({ status: 409, body: { accepted: 0, duplicates: 0, conflicts: [{ index: 0, event_id: "stamp-1", fields: ["input_tokens"] }], rejected: [] } });
  });

  it("the lib ingest path reports the same (CLI import, demo)", async () => {
    const r = await ingestEvents([makeUsageEvent({ event_id: "stamp-1", timestamp: "2026-05-01T00:00:00Z" }), makeUsageEvent({ event_id: "stamp-1", provider: "anthropic", model: "claude-sonnet-4-5" })], {
      now: new Date("2026-06-01T00:00:00Z"),
    });
    expect(r).toEqual({ accepted: 0, duplicates: 1, conflicts: [{ index: 1, event_id: "stamp-1", fields: ["provider", "model"] }], rejected: [] });
  });
});
