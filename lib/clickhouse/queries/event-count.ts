import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";

/** How many events are stored? (first-start demo check). Raw usage_events; count() reads metadata only. */
export const eventCount: QueryDef<Record<string, never>, z.ZodObject<{ n: z.ZodCoercedNumber }>> = {
  name: "event-count",
  sql: "SELECT count() AS n FROM usage_events",
  row: z.object({ n: z.coerce.number() }),
};
