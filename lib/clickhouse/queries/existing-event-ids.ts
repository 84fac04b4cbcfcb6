import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";

/**
 * Which of these event ids are already stored? (ingest idempotency)
 * Reads raw usage_events; the ts bounds prune partitions and the primary key, the bloom filter on
 * event_id skips granules.
 */
export const existingEventIds: QueryDef<{ ids: string[]; from: string; to: string }, z.ZodObject<{ event_id: z.ZodString }>> = {
  name: "existing-event-ids",
  sql: `SELECT DISTINCT event_id
        FROM usage_events
        WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts <= {to:DateTime64(3, 'UTC')}
          AND event_id IN {ids:Array(String)}`,
  row: z.object({ event_id: z.string() }),
};
