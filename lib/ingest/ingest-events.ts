import { writeEventsReporting } from "@/lib/clickhouse/events-writer";
import { attribute } from "@/lib/finops/attribution";
import { UsageEventInput } from "@/lib/schemas/event";
import { eventsStored } from "./after-store";
import { applyProviderUsage } from "./apply-usage";
import type { EventConflict } from "./event-identity";
import { getIngestContext } from "./ingest-context";
import { Unparseable } from "./read-body";
import { toEventRow, parseTimestamp, type EventRow } from "./to-row";

export type RejectedEvent = { index: number; errors: { path: string; message: string }[] };
export type IngestResult = { accepted: number; duplicates: number; conflicts: EventConflict[]; rejected: RejectedEvent[] };
export type IngestSource = { keyId: string; defaultTeam: string | null; allowedTeams?: readonly string[] };

/**
 * Validates, attributes, prices and stores a batch of canonical events. Each event is judged on its own:
 * valid ones are stored even when others are rejected. An event_id already stored (or earlier in the batch)
 * is a duplicate when its copy agrees on every identity field, whatever its timestamp, and a conflict
 * otherwise (lib/ingest/event-identity.ts); neither changes anything. Indexes are positions in `inputs`.
 */
const YIELD_MS = 2;

export async function ingestEvents(inputs: readonly unknown[], opts: { now?: Date; source?: IngestSource } = {}): Promise<IngestResult> {
  const now = opts.now ?? new Date();
  const { prices, rules } = await getIngestContext();
  const rows: EventRow[] = [];
  const rowIndex: number[] = [];
  const rejected: RejectedEvent[] = [];
  const keyId = opts.source?.keyId ?? "";
  let slice = performance.now();
  for (const [index, input] of inputs.entries()) {
    // Yield to the event loop every YIELD_MS: a batch of thousands of events takes tens of milliseconds to
    // validate and price, and the same process answers the budget decision API, whose p99 target is 10 ms.
    if (performance.now() - slice > YIELD_MS) {
      await new Promise((r) => setImmediate(r));
      slice = performance.now();
    }
    if (input instanceof Unparseable) {
      rejected.push({ index, errors: [{ path: "(event)", message: input.message }] });
      continue;
    }
    const withUsage = applyProviderUsage(input);
    if ("errors" in withUsage) {
      rejected.push({ index, errors: withUsage.errors });
      continue;
    }
    const parsed = UsageEventInput.safeParse(withUsage.event);
    if (!parsed.success) {
      rejected.push({
        index,
        errors: parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(event)", message: i.message })),
      });
      continue;
    }
    const e = parsed.data;
    const ts = parseTimestamp(e.timestamp, now);
    if (typeof ts === "string") {
      rejected.push({ index, errors: [{ path: "timestamp", message: ts }] });
      continue;
    }
    const owner = attribute(e, keyId, rules, opts.source?.defaultTeam ?? null);
    const allowed = opts.source?.allowedTeams;
    if (allowed?.length && !allowed.includes(owner.team)) {
      const who = owner.team ? `team "${owner.team}"` : "no team";
      rejected.push({ index, errors: [{ path: "team", message: `this ingest key may only send events for ${allowed.join(", ")} (the event resolves to ${who})` }] });
      continue;
    }
    const row = toEventRow(e, ts, prices, { team: owner.team, team_source: owner.source, ingest_key_id: keyId });
    // Decimal(18, 9) holds less than $1e9 per call; one impossible cost must not fail the whole insert.
    if (String(row.cost_usd).replace("-", "").split(".")[0].length > 9) {
      rejected.push({ index, errors: [{ path: "(event)", message: `its cost (${row.cost_usd} USD) is implausible: check the token counts and the price of ${e.provider}/${e.model}` }] });
      continue;
    }
    rows.push(row);
    rowIndex.push(index);
  }
  const { accepted, duplicates, conflicts, stored } = await writeEventsReporting(rows);
  eventsStored(stored);
  return { accepted, duplicates, conflicts: conflicts.map((c) => ({ ...c, index: rowIndex[c.index] })), rejected };
}
