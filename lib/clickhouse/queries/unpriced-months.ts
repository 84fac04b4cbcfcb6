import "server-only";
import { z } from "zod";
import type { QueryDef } from "../client";

/**
 * The months (YYYYMM, UTC) that hold unpriced events: where a model's first price has work to do. Reads the
 * usage_hourly rollup (a few rows per month), not the raw events.
 */
const Row = z.object({ m: z.coerce.number() });

export const unpricedMonths: QueryDef<Record<string, never>, typeof Row> = {
  name: "unpriced-months",
  sql: "SELECT DISTINCT toYYYYMM(hour) AS m FROM usage_hourly WHERE NOT priced ORDER BY m",
  row: Row,
};
