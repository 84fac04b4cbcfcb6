import { formatDay, formatWeekday } from "@/lib/finops/format";
import { colorsFor, OTHER_COLOR } from "./series-colors";

/**
 * Stacked daily bars from the overview's aligned arrays (days[], daily_cost_usd[], series[].values[]).
 * Bar heights need numbers; the exact decimal strings ride along for the tooltip and the legend, so no
 * displayed amount comes from a float, and each day's total is the API's, not a sum of floats.
 */
export type StackKey = { id: number; key: string; isOther: boolean; label: string; color: string; totalText: string };
export type StackRow = { day: string; label: string; longLabel: string; totalText: string; texts: string[]; values: (number | null)[] };

export function prepareStackedSeries(input: {
  days: readonly string[];
  dailyCost: readonly string[];
  series: readonly { key: string; kind: "group" | "other"; total: { cost_usd: string }; values: readonly (string | number | null)[] }[];
  /** The label of a group's key (the rest is labelled otherLabel). */
  label: (key: string) => string;
  otherLabel: string;
  /** Colours fixed for some keys (the organisation's teams, when the stack is by team). */
  pinned?: Readonly<Record<string, string>>;
}): { rows: StackRow[]; keys: StackKey[] } {
  const groupColors = colorsFor(input.series.filter((s) => s.kind !== "other").map((s) => s.key), undefined, input.pinned);
  let g = 0;
  // The rest of the groups is known by its flag, never by its key: a real value "(other)" is a group.
  const keys = input.series.map((s, id) => ({
    id,
    key: s.key,
    isOther: s.kind === "other",
    label: s.kind === "other" ? input.otherLabel : input.label(s.key),
    color: s.kind === "other" ? OTHER_COLOR : groupColors[g++],
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
