import { appendFilters, type ExplorerState } from "./explorer-state";

/**
 * The /traces page reads the explorer's URL (from, to, tz, DIM=VALUE, exclude_DIM=VALUE; parseExplorerState),
 * so the explorer can link to it with its own query string. The explorer's view-only parameters (group_by,
 * metric, sort, dir) are ignored here and dropped from the traces URL.
 */
export type TraceListState = Pick<ExplorerState, "from" | "to" | "tz" | "include" | "exclude">;

export function tracesQuery(s: TraceListState): URLSearchParams {
  return appendFilters(new URLSearchParams({ from: s.from, to: s.to, tz: s.tz }), s);
}

/** GET /api/v1/traces query for a state. */
export function topTracesApiQuery(s: TraceListState, limit: number): string {
  const q = tracesQuery(s);
  q.set("limit", String(limit));
  return q.toString();
}

export const hasFilters = (s: TraceListState) => Object.keys(s.include).length + Object.keys(s.exclude).length > 0;
