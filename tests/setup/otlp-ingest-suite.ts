import { afterAll, beforeAll } from "vitest";
import { z } from "zod";
import { startFakeProvider, startIngestBridge, type FakeProvider, type IngestBridge } from "./instrumented-llm-harness";
import { useTempStore } from "./temp-store";

/**
 * The shared frame of the instrumentation tests: a real temp store with prices, an ingest key, the fake
 * provider API and the bridge into the real OTLP route, set up before and torn down after the file's tests.
 * Call at the top of a test file, before importing anything that reads env(). `storedEvents(team)` reads
 * back what TokenLedger stored for a team, with the cost as exact text.
 */
const StoredEvent = z.object({
  provider: z.string(),
  model: z.string(),
  input_tokens: z.coerce.number(),
  cache_read_tokens: z.coerce.number(),
  cache_write_tokens: z.coerce.number(),
  output_tokens: z.coerce.number(),
  reasoning_tokens: z.coerce.number(),
  cost: z.string(),
});

export function useOtlpIngestSuite(keyName: string) {
  const store = useTempStore();
  const suite = { fake: undefined as unknown as FakeProvider, bridge: undefined as unknown as IngestBridge, secret: "" };
  beforeAll(async () => {
    const { migrate } = await import("@/lib/clickhouse/migrate");
    const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
    const { createIngestKey } = await import("@/lib/db/ingest-keys");
    const { POST } = await import("@/app/api/v1/otlp/v1/traces/route");
    await migrate();
    await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
    suite.secret = (await createIngestKey({ name: keyName })).secret;
    suite.fake = await startFakeProvider();
    suite.bridge = await startIngestBridge((request) => POST(request));
  });
  afterAll(async () => {
    await suite.fake?.close();
    await suite.bridge?.close();
    await store.cleanup();
  });
  async function storedEvents(team: string) {
    const { chQuery } = await import("@/lib/clickhouse/client");
    return chQuery(
      {
        name: `t-${keyName}-stored`,
        sql: "SELECT provider, model, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens, toString(cost_usd) AS cost FROM usage_events WHERE team = {team:String} ORDER BY input_tokens DESC",
        row: StoredEvent,
      },
      { team },
    );
  }
  return { suite, storedEvents };
}
