import { formatDay } from "@/lib/finops/format";

export type DailyPoint = { day: string; label: string; cost: number; costText: string };

/**
 * Chart points from the API's daily rows. The chart needs numbers to draw bar heights; the exact decimal
 * string rides along for the tooltip, so no displayed amount comes from the float.
 */
export function prepareDailySeries(rows: readonly { day: string; cost_usd: string }[]): DailyPoint[] {
  return rows.map((r) => ({ day: r.day, label: formatDay(r.day), cost: Number(r.cost_usd), costText: r.cost_usd }));
}
