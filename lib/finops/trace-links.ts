import type { ContextDimension } from "./trace-context";

/**
 * Where a trace's context values lead: Explore and the trace list filtered to the value, over the trace's
 * own UTC days (from its first day to the day after its last: `to` is exclusive, as everywhere in the API).
 * Explore groups a session or user by feature, and the rest by model, the next questions one usually asks.
 */
const day = (iso: string) => iso.slice(0, 10);
const nextDay = (iso: string) => new Date(Date.parse(`${day(iso)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function traceDays(start: string, end: string): { from: string; to: string } {
  return { from: day(start), to: nextDay(end || start) };
}

export function contextLinks(start: string, end: string, dim: ContextDimension, value: string): { explore: string; traces: string } {
  const { from, to } = traceDays(start, end);
  const groupBy = dim === "session_id" || dim === "user" ? "feature" : "model";
  const explore = new URLSearchParams({ from, to, tz: "UTC", group_by: groupBy, [dim]: value });
  const traces = new URLSearchParams({ from, to, tz: "UTC", [dim]: value });
  return { explore: `/explore?${explore}`, traces: `/traces?${traces}` };
}
