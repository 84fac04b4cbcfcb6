import type { inferParserType } from "nuqs/server";
import { appendFilters, filtersOf, filterParsers, filterValues, queryReader, queryWriter, rangeParsers, type Filters, type RangeInZone } from "./url-state";
import { addDays, lastDays } from "./date-range";

/**
 * The /traces page's address: from, to, tz, DIM=VALUE, exclude_DIM=VALUE, the explorer's parameters of the same
 * names (so the explorer links to it with its own range and filters). tracesParsers reads it and writes every
 * link to it (the explorer's, the trace view's, the alerts').
 */
export type TraceListState = RangeInZone & Filters;

export const tracesParsers = { ...rangeParsers, ...filterParsers };
const readTraces = queryReader(tracesParsers);
const writeTraces = queryWriter(tracesParsers);

/** The state of an address; a missing or bad range falls back to the last 30 days (in the zone). */
export const parseTraceListState = (params: URLSearchParams, now: Date): TraceListState => traceListStateOf(readTraces(params), now);

/** The state of the parsed parameters (what useQueryStates(tracesParsers) or the reader gives). */
export function traceListStateOf(v: inferParserType<typeof tracesParsers>, now: Date): TraceListState {
  const tz = v.tz ?? "UTC";
  const fallback = lastDays(30, tz, now);
  const from = v.from ?? fallback.from;
  let to = v.to ?? fallback.to;
  if (to <= from) to = addDays(from, 1);
  return { from, to, tz, ...filtersOf(v) };
}

/** A state's parameter values (every filter key given, so a removed filter leaves the address). */
export const traceValues = (s: TraceListState) => ({ from: s.from, to: s.to, tz: s.tz, ...filterValues(s) });

export const tracesQuery = (s: TraceListState): URLSearchParams => writeTraces(traceValues(s));

/** `/traces?…`: the one writer of links to the trace list. */
export const tracesListHref = (s: TraceListState) => `/traces?${tracesQuery(s)}`;

/** GET /api/v1/traces query for a state. */
export function topTracesApiQuery(s: TraceListState, limit: number): string {
  const q = appendFilters(new URLSearchParams({ from: s.from, to: s.to, tz: s.tz }), s);
  q.set("limit", String(limit));
  return q.toString();
}

export const hasFilters = (s: Filters) => Object.keys(s.include).length + Object.keys(s.exclude).length > 0;
