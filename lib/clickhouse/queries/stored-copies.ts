import "server-only";
import { z } from "zod";
import { COMPARED_COLUMNS } from "@/lib/ingest/event-identity";
import type { QueryDef } from "../client";

/**
 * The stored copy of each of these event ids, with the fields that make its identity (ingest idempotency:
 * a re-sent id is a duplicate when they agree, a conflict when they differ). No time bound: an event may be
 * re-sent with any timestamp. Reads raw usage_events; the bloom filter on event_id skips granules. Should an
 * id be stored twice (a store written before ids were checked regardless of time), the first copy stands.
 */
const Row = z.object({ event_id: z.string() }).catchall(z.unknown());

export const storedCopies: QueryDef<{ ids: string[] }, typeof Row> = {
  name: "stored-copies",
  sql: `SELECT event_id, ${COMPARED_COLUMNS.map((f) => `\`${f}\``).join(", ")}
        FROM usage_events
        WHERE event_id IN {ids:Array(String)}
        ORDER BY ingested_at, ts
        LIMIT 1 BY event_id`,
  row: Row,
};

/** Every stored event_id (streamed once per process to fill the in-memory id filter). */
export const ALL_EVENT_IDS_SQL = "SELECT event_id FROM usage_events";
/** How many events are stored (sizes the filter). */
export const EVENT_COUNT_SQL = "SELECT count() AS n FROM usage_events";
