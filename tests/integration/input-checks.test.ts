import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * What ingest refuses (impossible dates, implausible calls, values that display as other text) and how it
 * names models (one spelling per model; dated snapshots priced by their undated row).
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { chQuery } = await import("@/lib/clickhouse/client");
const { seedPricesIfEmpty, listPrices } = await import("@/lib/db/price-book");
const { createIngestKey } = await import("@/lib/db/ingest-keys");
const { POST } = await import("@/app/api/v1/events/route");
const { getSummary } = await import("@/lib/finops/summary");

let key = "";
type Result = { accepted: number; rejected: { index: number; errors: { path: string; message: string }[] }[] };
const post = async (events: unknown[]): Promise<Result> => {
  const res = await POST(new Request("http://t/api/v1/events", { method: "POST", body: JSON.stringify(events), headers: { authorization: `Bearer ${key}`, "content-type": "application/json" } }));
  expect(res.status).toBe(200);
  return res.json();
};
const stored = { name: "t-stored", sql: "SELECT model, provider, priced, price_id FROM usage_events WHERE event_id = {id:String}", row: z.object({ model: z.string(), provider: z.string(), priced: z.coerce.boolean(), price_id: z.string() }) };

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  key = (await createIngestKey({ name: "inputs" })).secret;
});
afterAll(() => store.cleanup());

describe("impossible dates", () => {
  it("are rejected in RFC 3339 timestamps, naming the date; real leap days pass", async () => {
    const r = await post([
      makeUsageEvent({ event_id: "feb30", timestamp: "2026-02-30T10:00:00Z" }),
      makeUsageEvent({ event_id: "feb29", timestamp: "2026-02-29T10:00:00Z" }),
      makeUsageEvent({ event_id: "apr31", timestamp: "2026-04-31T10:00:00+02:00" }),
      makeUsageEvent({ event_id: "h24", timestamp: "2026-03-01T24:30:00Z" }),
      makeUsageEvent({ event_id: "leap", timestamp: "2024-02-29T10:00:00Z" }),
    ]);
    expect(r.accepted).toBe(1);
    expect(r.rejected.map((x) => [x.index, x.errors[0].path])).toEqual([[0, "timestamp"], [1, "timestamp"], [2, "timestamp"], [3, "timestamp"]]);
    expect(r.rejected[0].errors[0].message).toContain("2026-02-30 is not a calendar date");
  });
});

describe("implausible calls", () => {
  it("are rejected with the reason and the limit (10M tokens in one event by default)", async () => {
    const r = await post([
      makeUsageEvent({ event_id: "huge", input_tokens: 9_000_000, output_tokens: 1_000_001 }),
      makeUsageEvent({ event_id: "big-but-real", input_tokens: 1_000_000, output_tokens: 100_000 }),
    ]);
    expect(r.accepted).toBe(1);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0].errors[0].message).toMatch(/10000001 is implausible for one call \(the limit is 10000000, set by TOKENLEDGER_MAX_TOKENS_PER_EVENT\)/);
  });
});

describe("control characters", () => {
  it("NUL and bidi controls in any dimension, tag or id are rejected, naming the field", async () => {
    const cases: [string, Record<string, unknown>][] = [
      ["team", { team: "plat\u0000form" }],
      ["repo", { repo: "acme/\u202egnp.exe" }],
      ["feature", { feature: "a\u2066b\u2069" }],
      ["model", { model: "gpt-4.1\u200f" }],
      ["customer", { customer: "x\u202ay" }],
      ["tags.k", { tags: { k: "v\u2067" } }],
      ["event_id", { event_id: "id\u0000" }],
    ];
    const r = await post([...cases.map(([, over], i) => makeUsageEvent({ event_id: `ctl-${i}`, ...over })), makeUsageEvent({ event_id: "ctl-ok", repo: "זה בסדר — mixed RTL text is fine" })]);
    expect(r.accepted).toBe(1);
    expect(r.rejected.map((x) => x.errors[0].path)).toEqual(cases.map(([p]) => p));
    expect(r.rejected[0].errors[0].message).toContain("bidirectional");
  });
});

describe("model and provider names", () => {
  it("GPT-4.1 and gpt-4.1 are one model, priced and grouped as one", async () => {
    const at = "2026-05-02T10:00:00Z";
    const r = await post([
      makeUsageEvent({ event_id: "up", timestamp: at, provider: "OpenAI", model: "GPT-4.1", team: "names" }),
      makeUsageEvent({ event_id: "low", timestamp: at, provider: "openai", model: " gpt-4.1 ", team: "names" }),
    ]);
    expect(r.accepted).toBe(2);
    const s = await getSummary({ from: "2026-05-02", to: "2026-05-03", tz: "UTC", group_by: ["model"], filters: { include: { team: ["names"] }, exclude: {} }, scope: { all: true } });
    expect(s.groups.map((g) => [g.key, g.attempts, g.unpriced_events])).toEqual([["gpt-4.1", 2, 0]]);
    const [up] = await chQuery(stored, { id: "up" });
    expect(up).toMatchObject({ provider: "openai", model: "gpt-4.1", priced: true });
  });
  it("the price book stores names the same way", async () => {
    const { upsertPrices } = await import("@/lib/db/price-book");
    await upsertPrices([{ provider: " Acme ", model: "Big-Model", serviceTier: "", longContextAbove: 0, validFrom: new Date("2026-01-01T00:00:00Z"), inputPerToken: "0.000001", cacheReadPerToken: null, cacheWritePerToken: null, cacheWrite1hPerToken: null, outputPerToken: "0.000002", reasoningPerToken: null, batchDiscount: "0", source: "test" }]);
    expect((await listPrices()).filter((p) => p.model.toLowerCase() === "big-model").map((p) => [p.provider, p.model])).toEqual([["acme", "big-model"]]);
  });
});

describe("dated model snapshots", () => {
  it("are priced by the undated row (recorded on the event) and grouped under the name reported", async () => {
    const prices = await listPrices();
    const mini = prices.find((p) => p.provider === "openai" && p.model === "gpt-5-mini")!;
    const sonnet = prices.find((p) => p.provider === "anthropic" && p.model === "claude-sonnet-4-5" && p.longContextAbove === 0)!;
    const at = "2026-05-03T10:00:00Z";
    const r = await post([
      makeUsageEvent({ event_id: "snap-openai", timestamp: at, model: "gpt-5-mini-2025-08-07", team: "snap" }),
      makeUsageEvent({ event_id: "snap-anthropic", timestamp: at, provider: "anthropic", model: "claude-sonnet-4-5-20250929", team: "snap" }),
    ]);
    expect(r.accepted).toBe(2);
    expect(await chQuery(stored, { id: "snap-openai" })).toEqual([{ provider: "openai", model: "gpt-5-mini-2025-08-07", priced: true, price_id: mini.id }]);
    expect(await chQuery(stored, { id: "snap-anthropic" })).toEqual([{ provider: "anthropic", model: "claude-sonnet-4-5-20250929", priced: true, price_id: sonnet.id }]);
    const s = await getSummary({ from: "2026-05-03", to: "2026-05-04", tz: "UTC", group_by: ["model"], filters: { include: { team: ["snap"] }, exclude: {} }, scope: { all: true } });
    expect(s.groups.map((g) => g.key).sort()).toEqual(["claude-sonnet-4-5-20250929", "gpt-5-mini-2025-08-07"]);
    expect(s.total.unpriced_events).toBe(0);
    // 1000 input + 100 output at gpt-5-mini's $0.25 / $2 per M, and sonnet's $3 / $15.
    expect(s.total.cost_usd).toBe("0.004950000");
  });
});

describe("labels the app adds", () => {
  it("a real value '(other)' stays a group: the rest of a split is flagged kind 'other', not named", async () => {
    const { getTimeseries } = await import("@/lib/finops/timeseries");
    const { TimeseriesQuery, TimeseriesResponse } = await import("@/lib/schemas/timeseries");
    const at = "2026-05-04T10:00:00Z";
    const teams = ["(other)", "(none)", "(total)", "t1", "t2"];
    expect((await post(teams.map((team, i) => makeUsageEvent({ event_id: `lbl-${i}`, timestamp: at, team, input_tokens: 1000 * (5 - i), output_tokens: 0 })))).accepted).toBe(5);
    const q = TimeseriesQuery.parse({ from: "2026-05-04", to: "2026-05-05", metric: "input_tokens", group_by: "team", top: "1" });
    const t = TimeseriesResponse.parse(await getTimeseries(q, { include: { team: teams }, exclude: {} }, { all: true }));
    expect(t.series.map((s) => [s.key, s.kind, s.total.input_tokens])).toEqual([["(other)", "group", 5000], ["(other)", "other", 4000 + 3000 + 2000 + 1000]]);
    expect(t.series.reduce((a, s) => a + s.total.input_tokens, 0)).toBe(15000);
  });
});
