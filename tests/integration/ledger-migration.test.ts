import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * A store written before migration 0006 holds a ledger judged by the old rule (request_id across teams,
 * within a day). Applying 0006 rebuilds it by the new one, whoever runs the migration.
 */
const store = useTempStore();
const { migrate, MIGRATIONS_DIR } = await import("@/lib/clickhouse/migrate");
const { chCommand, chQuery } = await import("@/lib/clickhouse/client");
const { z } = await import("zod");

afterAll(() => store.cleanup());

describe("migration 0006", () => {
  it("rebuilds a ledger judged by the old rule", async () => {
    const old = mkdtempSync(path.join(os.tmpdir(), "tokenledger-migrations-"));
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f < "0006")) cpSync(path.join(MIGRATIONS_DIR, f), path.join(old, f));
    await migrate({ dir: old });
    const { toEventRow } = await import("@/lib/ingest/to-row");
    const { buildPriceIndex } = await import("@/lib/finops/price-lookup");
    const { UsageEventInput } = await import("@/lib/schemas/event");
    const row = (p: Parameters<typeof makeUsageEvent>[0]) => {
      const e = UsageEventInput.parse(makeUsageEvent(p));
      return toEventRow(e, new Date(String(e.timestamp)), buildPriceIndex([]));
    };
    const { chInsert } = await import("@/lib/clickhouse/client");
    // Two teams' attempts of one request_id (the old rule made search's the last, growth's wasted), and one
    // request whose attempts are nine days apart (the old rule never matched them).
    await chInsert("usage_events", [
      row({ event_id: "g1", team: "growth", request_id: "R", attempt: 1, timestamp: "2026-03-10T10:00:00Z" }),
      row({ event_id: "s2", team: "search", request_id: "R", attempt: 2, timestamp: "2026-03-10T10:00:01Z" }),
      row({ event_id: "f1", team: "search", request_id: "F", attempt: 1, timestamp: "2026-03-01T10:00:00Z" }),
      row({ event_id: "f2", team: "search", request_id: "F", attempt: 2, timestamp: "2026-03-10T10:00:00Z" }),
    ]);
    await chCommand("INSERT INTO retry_waste (event_id, request_id, ts, attempt, team, cost_usd) VALUES ('g1', 'R', '2026-03-10 10:00:00', 1, 'growth', 0)");
    const { ran } = await migrate();
    expect(ran).toEqual([6]);
    const ledger = { name: "t-ledger", sql: "SELECT event_id FROM retry_waste ORDER BY event_id", row: z.object({ event_id: z.string() }) };
    expect(await chQuery(ledger, {})).toEqual([{ event_id: "f1" }]);
  });
});
