import { stringify } from "csv-stringify/browser/esm/sync";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import { METRICS } from "./explorer-metrics";

/**
 * Exactly what the explorer table shows, as CSV: one row per group in the shown order, then the total.
 * Money stays the exact decimal (not the rounded display), ratios as fractions.
 */
export function explorerCsv(groupLabel: string, rows: readonly ({ key: string } & SummaryMeasures)[], total: SummaryMeasures): string {
  const header = [groupLabel, ...METRICS.map((m) => m.id)];
  const line = (key: string, m: SummaryMeasures) => [key, ...METRICS.map((d) => String(m[d.id]))];
  return stringify([header, ...rows.map((r) => line(r.key, r)), line("(total)", total)]);
}
