import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";

/**
 * Chargeback: events of a closed period that were stored after it was closed (ingested_at after the close),
 * per team: how many, their cost, and the first and last event time. Explains an adjustment line ("late
 * events dated …"). Reads raw usage_events (ingested_at is not in the rollups). Unscoped like
 * chargeback-spend.ts. Units: cost_usd a decimal string; times as ISO-like UTC strings.
 */
const Row = z.object({
  team: z.string(),
  events: z.coerce.number(),
  cost_usd: z.string(),
  first_ts: z.string(),
  last_ts: z.string(),
});

export const chargebackLateEvents: QueryDef<{ start: string; end: string; closed_at: string }, typeof Row> = {
  name: "chargeback-late-events",
  sql: `SELECT team, count() AS events, toString(sum(cost_usd)) AS cost_usd,
               formatDateTime(min(ts), '%Y-%m-%dT%H:%i:%SZ') AS first_ts,
               formatDateTime(max(ts), '%Y-%m-%dT%H:%i:%SZ') AS last_ts
        FROM usage_events
        WHERE ts >= {start:DateTime64(3, 'UTC')} AND ts < {end:DateTime64(3, 'UTC')} AND ingested_at > {closed_at:DateTime64(3, 'UTC')}
        GROUP BY team
        ORDER BY team`,
  row: Row,
};
