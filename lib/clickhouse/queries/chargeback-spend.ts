import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";

/**
 * Chargeback: the cost of one period's events summed per (executing) team and the dimensions a chargeback
 * report breaks down by (repo, feature, model, provider, environment, service) and per local day in the
 * organisation's zone (FOCUS rows are per team, model and day). The originating-team view corrects these
 * rows with the events of cross-team traces (chargeback-traced-events.ts).
 *
 * Reads raw usage_events: a period starts at local midnight of any zone (not always a whole UTC hour), and
 * the rollups have no service column. Not restricted to a team scope: allocating shared cost needs every
 * team's spend; lib/finops/chargeback.ts filters the lines a caller sees.
 * Units: cost_usd a decimal string (Decimal(38, 9)); tokens and events integers as strings.
 */
/** The columns a chargeback line is cut by, with its day, cost and tokens: shared with chargeback-traced-events.ts. */
export const CHARGE_FIELDS = {
  team: z.string(),
  repo: z.string(),
  feature: z.string(),
  model: z.string(),
  provider: z.string(),
  environment: z.string(),
  service: z.string(),
  day: z.string(),
  cost_usd: z.string(),
  tokens: z.coerce.number(),
};
const Row = z.object({ ...CHARGE_FIELDS, events: z.coerce.number() });

export const chargebackSpend: QueryDef<{ start: string; end: string; tz: string }, typeof Row> = {
  name: "chargeback-spend",
  sql: `SELECT team, repo, feature, model, provider, environment, service,
               toString(toDate(ts, {tz:String})) AS day,
               toString(sum(cost_usd)) AS cost_usd,
               sum(input_tokens + output_tokens) AS tokens,
               count() AS events
        FROM usage_events
        WHERE ts >= {start:DateTime64(3, 'UTC')} AND ts < {end:DateTime64(3, 'UTC')}
        GROUP BY team, repo, feature, model, provider, environment, service, day
        ORDER BY team, repo, feature, model, provider, environment, service, day`,
  row: Row,
};
