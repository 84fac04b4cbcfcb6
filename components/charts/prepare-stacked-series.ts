import { formatDay, formatWeekday } from "@/lib/finops/format";
import { colorsFor } from "./series-colors";

/**
 * Stacked daily bars from the overview's aligned arrays (days[], daily_cost_usd[], series[].values[]).
 * Bar heights need numbers; the exact decimal strings ride along for the tooltip and the legend, so no
 * displayed amount comes from a float, and each day's total is the API's, not a sum of floats.
 */
export type StackKey = { id: number; key: string; label: string; color: string; totalText: string };
export type StackRow = { day: string; label: string; longLabel: string; totalText: string; texts: string[]; values: (number | null)[] };

export function prepareStackedSeries(input: {
  days: readonly string[];
  dailyCost: readonly string[];
  series: readonly { key: string; total: { cost_usd: string }; values: readonly (string | number)[] }[];
  label: (key: string) => string;
  otherKey: string;
}): { rows: StackRow[]; keys: StackKey[] } {
  const colors = colorsFor(input.series.map((s) => s.key), input.otherKey);
  const keys = input.series.map((s, id) => ({
    id,
    key: s.key,
    label: input.label(s.key),
    color: colors[id],
    totalText: s.total.cost_usd,
  }));
  const rows = input.days.map((day, i) => {
    const texts = input.series.map((s) => String(s.values[i] ?? "0"));
    // Zero segments are left out (null) rather than drawn zero-high, so every drawn segment is clickable spend.
    const values = texts.map((t) => (Number(t) === 0 ? null : Number(t)));
    return { day, label: formatDay(day), longLabel: formatWeekday(day), totalText: input.dailyCost[i] ?? "0", texts, values };
  });
  return { rows, keys };
}
