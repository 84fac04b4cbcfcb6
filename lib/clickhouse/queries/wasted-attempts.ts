import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";

/**
 * Which of these events are wasted attempts (not the last attempt of their logical request, PRODUCT.md)?
 * Reads the retry ledger (retry_waste), the same source as the summary's retry waste, so a trace shows the
 * same verdicts. `request_ids` narrows the read to the trace's requests.
 */
export const wastedAttempts: QueryDef<{ request_ids: string[]; event_ids: string[] }, z.ZodObject<{ event_id: z.ZodString }>> = {
  name: "wasted-attempts",
  sql: `SELECT DISTINCT event_id FROM retry_waste
        WHERE request_id IN {request_ids:Array(String)} AND event_id IN {event_ids:Array(String)}`,
  row: z.object({ event_id: z.string() }),
};
