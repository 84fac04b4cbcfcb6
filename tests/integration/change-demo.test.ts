import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

/**
 * The demo's injected incidents, each attributed to the right driver: the incident's days (its scope, UTC) against
 * the same number of days just before. Generated with the demo's own generator and ingested into a real store.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { generateDemoEvents, demoIncidentWindows } = await import("@/lib/demo/generate");
const { getChange } = await import("@/lib/finops/change");
const { isoDay, DAY_MS } = await import("@/lib/finops/date-range");

const END = new Date("2026-06-15T18:00:00Z");
// The earliest incident starts 47 days before the end day, and its baseline 5 days earlier still.
const DAYS = 56;

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2025-01-01T00:00:00Z"));
  const events = generateDemoEvents({ seed: 7, days: DAYS, end: END });
  for (let i = 0; i < events.length; i += 20_000) {
    const r = await ingestEvents(events.slice(i, i + 20_000), { now: END });
    expect(r.rejected).toEqual([]);
  }
}, 600_000);
afterAll(() => store.cleanup());

async function explain(id: string) {
  const w = demoIncidentWindows(END).find((x) => x.id === id)!;
  const from = w.start.slice(0, 10);
  const to = isoDay(Date.parse(w.end.slice(0, 10)) + DAY_MS);
  const include = Object.fromEntries(Object.entries(w.scope).map(([k, v]) => [k, [v]]));
  const c = await getChange({ from, to, tz: "UTC", filters: { include, exclude: {} }, scope: { all: true } });
  const amounts = Object.fromEntries(c.drivers.map((d) => [d.id, new Decimal(d.amount_usd)]));
  const ranked = c.drivers.map((d) => d.id).sort((a, b) => amounts[b].cmp(amounts[a]));
  const sum = c.drivers.reduce((s, d) => s.plus(d.amount_usd), new Decimal(c.residual_usd));
  expect(sum.toFixed(9)).toBe(c.change_usd);
  expect(c.residual_usd).toBe("0.000000000");
  return { c, amounts, ranked };
}

describe("demo incidents, each under its driver", () => {
  it("retry storm on rag-api → retries", async () => {
    const { ranked, amounts } = await explain("retry-storm");
    expect(ranked[0]).toBe("retries");
    expect(amounts.retries.gt(0)).toBe(true);
  });

  it("cache collapse for northwind's in-app assistant → cache rate", async () => {
    const { ranked, amounts } = await explain("cache-collapse");
    // The launch also brings extra Northwind sessions (volume) and 1.6× longer prompts (tokens per request),
    // as injected; of what the collapse itself does, the cache rate is the largest part.
    expect(amounts.cache_rate.gt(0)).toBe(true);
    expect(ranked.filter((d) => d !== "volume")[0]).toBe("cache_rate");
  });

  it("ticket-triage's switch to o3 → model mix and reasoning", async () => {
    const { ranked, amounts } = await explain("reasoning-blowup");
    expect(amounts.mix.gt(0)).toBe(true);
    expect(amounts.reasoning.gt(0)).toBe(true);
    expect(ranked.slice(0, 2).sort()).toEqual(["mix", "reasoning"]);
  });

  it("the streaming UI's stop button on support-chat → cancellations", async () => {
    const { ranked, amounts } = await explain("cancellation-tax");
    expect(amounts.cancellations.gt(0)).toBe(true);
    expect(ranked[0]).toBe("cancellations");
  });
});
