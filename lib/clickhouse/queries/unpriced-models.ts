import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";
import { SCOPE_SQL, type ScopeParams } from "../fragments";

/**
 * Which (provider, model) pairs have unpriced events in the caller's teams, how many, and when? Reads the
 * usage_hourly rollup.
 * first_seen/last_seen are hour buckets (UTC).
 */
const Row = z.object({
  provider: z.string(),
  model: z.string(),
  events: z.coerce.number(),
  first_seen: z.string(),
  last_seen: z.string(),
});

export const unpricedModels: QueryDef<ScopeParams, typeof Row> = {
  name: "unpriced-models",
  sql: `SELECT provider, model, sum(attempts) AS events,
               toString(min(hour)) AS first_seen, toString(max(hour)) AS last_seen
        FROM usage_hourly
        WHERE NOT priced AND ${SCOPE_SQL}
        GROUP BY provider, model
        ORDER BY events DESC`,
  row: Row,
};
