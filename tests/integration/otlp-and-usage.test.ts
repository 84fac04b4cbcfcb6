import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { chQuery } = await import("@/lib/clickhouse/client");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { createIngestKey } = await import("@/lib/db/ingest-keys");
const { POST: postEvents } = await import("@/app/api/v1/events/route");
const { POST: postOtlp } = await import("@/app/api/v1/otlp/v1/traces/route");
const { z } = await import("zod");

let key = "";
const req = (url: string, body: unknown, contentType = "application/json") =>
  new Request(url, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { authorization: `Bearer ${key}`, "content-type": contentType } });
const stored = {
  name: "t-stored",
  sql: "SELECT event_id, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens, toString(cost_usd) AS cost, team, service, status FROM usage_events WHERE event_id IN {ids:Array(String)} ORDER BY event_id",
  row: z.object({ event_id: z.string(), input_tokens: z.coerce.number(), cache_read_tokens: z.coerce.number(), cache_write_tokens: z.coerce.number(), output_tokens: z.coerce.number(), reasoning_tokens: z.coerce.number(), cost: z.string(), team: z.string(), service: z.string(), status: z.string() }),
};

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  key = (await createIngestKey({ name: "otel" })).secret;
});
afterAll(() => store.cleanup());

describe("provider-native usage objects on POST /api/v1/events", () => {
  it("normalizes Anthropic and OpenAI usage before pricing", async () => {
    const base = { timestamp: "2026-03-10T12:00:00Z", team: "platform" };
    const res = await postEvents(
      req("http://t/api/v1/events", [
        // Anthropic input_tokens EXCLUDES cache reads and writes.
        { ...base, event_id: "u-anthropic", provider: "anthropic", model: "claude-sonnet-4-5", usage: { input_tokens: 100, cache_read_input_tokens: 20_000, cache_creation_input_tokens: 1_000, output_tokens: 500 } },
        // OpenAI prompt_tokens INCLUDE cached tokens; completion_tokens include reasoning.
        { ...base, event_id: "u-openai", provider: "openai", model: "o3", usage: { prompt_tokens: 2_000, completion_tokens: 800, total_tokens: 2_800, prompt_tokens_details: { cached_tokens: 1_024 }, completion_tokens_details: { reasoning_tokens: 640 } } },
        { ...base, event_id: "u-both", provider: "openai", model: "o3", input_tokens: 5, output_tokens: 5, usage: { prompt_tokens: 5, completion_tokens: 5 } },
      ]),
    );
    const body = await res.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([{ index: 2, errors: [{ path: "usage", message: expect.stringContaining("not both") }] }]);
    const rows = await chQuery(stored, { ids: ["u-anthropic", "u-openai"] });
    expect(rows.map(({ event_id, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens }) => ({ event_id, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens }))).toEqual([
      { event_id: "u-anthropic", input_tokens: 21_100, cache_read_tokens: 20_000, cache_write_tokens: 1_000, output_tokens: 500, reasoning_tokens: 0 },
      { event_id: "u-openai", input_tokens: 2_000, cache_read_tokens: 1_024, cache_write_tokens: 0, output_tokens: 800, reasoning_tokens: 640 },
    ]);
    // Anthropic: 100·3e-6 + 20000·3e-7 + 1000·3.75e-6 + 500·15e-6 = 0.0003 + 0.006 + 0.00375 + 0.0075
    expect(rows[0].cost).toBe("0.01755");
    // o3: 976·2e-6 + 1024·5e-7 + 160·8e-6 + 640·8e-6 = 0.001952 + 0.000512 + 0.00128 + 0.00512
    expect(rows[1].cost).toBe("0.008864");
  });
});

describe("POST /api/v1/otlp/v1/traces", () => {
  const span = (id: string, extra: { key: string; value: Record<string, unknown> }[], status = 0) => ({
    traceId: "72ce5fb667f665619322590c1c4063d1",
    spanId: id,
    parentSpanId: "aaaaaaaaaaaaaaaa",
    name: "chat gpt-4.1",
    kind: 3,
    startTimeUnixNano: "1773144000000000000",
    endTimeUnixNano: "1773144001250000000",
    attributes: [
      { key: "gen_ai.provider.name", value: { stringValue: "openai" } },
      { key: "gen_ai.request.model", value: { stringValue: "gpt-4.1" } },
      ...extra,
    ],
    status: { code: status },
  });
  const body = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "review-bot" } }, { key: "tokenledger.team", value: { stringValue: "platform" } }] },
        scopeSpans: [
          {
            scope: { name: "test" },
            spans: [
              span("0c52ab43a5a9de0a", [{ key: "gen_ai.usage.input_tokens", value: { intValue: "3200" } }, { key: "gen_ai.usage.output_tokens", value: { intValue: 410 } }, { key: "gen_ai.usage.cache_read.input_tokens", value: { intValue: 3072 } }]),
              span("0c52ab43a5a9de0b", [{ key: "gen_ai.usage.input_tokens", value: { intValue: 10 } }, { key: "gen_ai.usage.output_tokens", value: { intValue: 0 } }, { key: "error.type", value: { stringValue: "timeout" } }], 2),
              { traceId: "72ce5fb667f665619322590c1c4063d1", spanId: "0c52ab43a5a9de0c", name: "GET /search", kind: 2, startTimeUnixNano: "1773144000000000000", endTimeUnixNano: "1773144000100000000", attributes: [{ key: "http.method", value: { stringValue: "GET" } }] },
              span("0c52ab43a5a9de0d", [{ key: "gen_ai.usage.input_tokens", value: { intValue: 5 } }, { key: "gen_ai.usage.output_tokens", value: { intValue: 9 } }]),
            ],
          },
        ],
      },
    ],
  };

  it("turns GenAI spans into priced events, ignores other spans, and is idempotent", async () => {
    const res = await postOtlp(req("http://t/api/v1/otlp/v1/traces", body));
    expect(res.status).toBe(200);
    const json = await res.json();
    // the last span's output (9) exceeds nothing: it is valid; input 5 < output fine
    expect(json.tokenledger).toEqual({ accepted: 3, duplicates: 0, rejected_spans: 0, ignored_spans: 1, spans_without_usage: 0 });
    expect(json.partialSuccess).toBeUndefined();
    const rows = await chQuery(stored, { ids: ["otlp-72ce5fb667f665619322590c1c4063d1-0c52ab43a5a9de0a", "otlp-72ce5fb667f665619322590c1c4063d1-0c52ab43a5a9de0b"] });
    expect(rows.map((r) => [r.input_tokens, r.cache_read_tokens, r.output_tokens, r.team, r.service, r.status, r.cost])).toEqual([
      [3200, 3072, 410, "platform", "review-bot", "success", "0.005072"], // 128·2e-6 + 3072·5e-7 + 410·8e-6
      [10, 0, 0, "platform", "review-bot", "error", "0.00002"],
    ]);
    const again = await (await postOtlp(req("http://t/api/v1/otlp/v1/traces", body))).json();
    expect(again.tokenledger).toEqual({ accepted: 0, duplicates: 3, rejected_spans: 0, ignored_spans: 1, spans_without_usage: 0 });
  });

  it("reports rejected spans as OTLP partial success, and answers protobuf with protobuf", async () => {
    const bad = structuredClone(body);
    bad.resourceSpans[0].scopeSpans[0].spans = [span("0c52ab43a5a9de0e", [{ key: "gen_ai.usage.input_tokens", value: { intValue: 10 } }, { key: "gen_ai.usage.output_tokens", value: { intValue: 5 } }, { key: "gen_ai.usage.reasoning.output_tokens", value: { intValue: 50 } }])];
    const json = await (await postOtlp(req("http://t/api/v1/otlp/v1/traces", bad))).json();
    expect(json.partialSuccess).toEqual({ rejectedSpans: 1, errorMessage: expect.stringContaining("reasoning") });
    // An empty ExportTraceServiceRequest is valid protobuf: 200 with an (empty) protobuf response.
    const proto = await postOtlp(new Request("http://t/api/v1/otlp/v1/traces", { method: "POST", body: new Uint8Array([0x0a, 0x00]), headers: { authorization: `Bearer ${key}`, "content-type": "application/x-protobuf" } }));
    expect(proto.status).toBe(200);
    expect(proto.headers.get("content-type")).toBe("application/x-protobuf");
    const garbage = await postOtlp(new Request("http://t/api/v1/otlp/v1/traces", { method: "POST", body: new Uint8Array([0x0a, 0xff, 0xff]), headers: { authorization: `Bearer ${key}`, "content-type": "application/x-protobuf" } }));
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).error.message).toContain("not a valid OTLP protobuf");
  });
});
