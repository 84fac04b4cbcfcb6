import { addDays } from "./date-range";
import { exploreHref } from "./explorer-state";
import { tracesListHref } from "./trace-list-state";
import type { ContextDimension } from "./trace-context";

/**
 * Where a trace's context values lead: Explore and the trace list filtered to the value, over the trace's
 * own UTC days (from its first day to the day after its last: `to` is exclusive, as everywhere in the API).
 * Explore groups a session or user by feature, and the rest by model, the next questions one usually asks.
 */
const day = (iso: string) => iso.slice(0, 10);

export function traceDays(start: string, end: string): { from: string; to: string } {
  return { from: day(start), to: addDays(day(end || start), 1) };
}

export function contextLinks(start: string, end: string, dim: ContextDimension, value: string): { explore: string; traces: string } {
  const range = { ...traceDays(start, end), tz: "UTC" };
  const groupBy = dim === "session_id" || dim === "user" ? "feature" : "model";
  const filters = { include: { [dim]: [value] }, exclude: {} };
  return { explore: exploreHref({ ...range, groupBy, ...filters }), traces: tracesListHref({ ...range, ...filters }) };
}
