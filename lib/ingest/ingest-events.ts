import { writeEvents } from "@/lib/clickhouse/events-writer";
import { listPrices } from "@/lib/db/price-book";
import { buildPriceIndex } from "@/lib/finops/price-lookup";
import { UsageEventInput } from "@/lib/schemas/event";
import { toEventRow, parseTimestamp, type EventRow } from "./to-row";

export type RejectedEvent = { index: number; errors: { path: string; message: string }[] };
export type IngestResult = { accepted: number; duplicates: number; rejected: RejectedEvent[] };

/**
 * Validates, prices and stores a batch of canonical events. Each event is judged on its own: valid ones
 * are stored even when others are rejected; ids already stored count as duplicates and change nothing.
 */
export async function ingestEvents(inputs: readonly unknown[], opts: { now?: Date } = {}): Promise<IngestResult> {
  const now = opts.now ?? new Date();
  const prices = buildPriceIndex(await listPrices());
  const rows: EventRow[] = [];
  const rejected: RejectedEvent[] = [];
  inputs.forEach((input, index) => {
    const parsed = UsageEventInput.safeParse(input);
    if (!parsed.success) {
      rejected.push({
        index,
        errors: parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(event)", message: i.message })),
      });
      return;
    }
    const ts = parseTimestamp(parsed.data.timestamp, now);
    if (typeof ts === "string") {
      rejected.push({ index, errors: [{ path: "timestamp", message: ts }] });
      return;
    }
    rows.push(toEventRow(parsed.data, ts, prices));
  });
  const { accepted, duplicates } = await writeEvents(rows);
  return { accepted, duplicates, rejected };
}
