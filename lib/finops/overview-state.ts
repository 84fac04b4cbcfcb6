import { parseAsStringLiteral, type inferParserType } from "nuqs/server";
import { STACK_DIMENSIONS } from "@/lib/schemas/overview";
import { daysBetween, lastDays } from "./date-range";
import { completeDate } from "./range-presets";
import { queryReader, queryWriter, rangeParsers } from "./url-state";

/**
 * The overview's view lives in the URL (?from&to&tz&stack, `to` exclusive like every API range), so a copied
 * link reproduces exactly what was on screen, and the same parameters go to GET /api/v1/overview.
 * overviewParsers is the page's one declaration: it reads the address and writes every link to /overview.
 */
export type StackDimension = (typeof STACK_DIMENSIONS)[number];
export type OverviewState = { from: string; to: string; tz: string; stack: StackDimension };

export const overviewParsers = { ...rangeParsers, stack: parseAsStringLiteral(STACK_DIMENSIONS) };
const readOverview = queryReader(overviewParsers);
const writeOverview = queryWriter(overviewParsers);

/** The API refuses longer ranges; the picker checks first so the user gets a reason, not an error page. */
export const MAX_RANGE_DAYS = 400;

// A real calendar date: Date.parse takes "2026-02-30" as March 2.
const isDate = (s: string | null): s is string => !!s && completeDate(s) !== null;

/** The state a URL describes; missing or malformed parts fall back to the last 30 days in UTC, stacked by team. */
export const parseOverviewState = (params: URLSearchParams, now: Date): OverviewState => overviewStateOf(readOverview(params), now);

/** The state of the parsed parameters (what useQueryStates(overviewParsers) or the reader gives). */
export function overviewStateOf(v: inferParserType<typeof overviewParsers>, now: Date): OverviewState {
  const tz = v.tz ?? "UTC";
  const range = v.from && v.to && v.from < v.to ? { from: v.from, to: v.to } : lastDays(30, tz, now);
  return { ...range, tz, stack: v.stack ?? "team" };
}

/** The URL query of a state: the page's address and the API's parameters at once. */
export function overviewQuery(s: OverviewState): URLSearchParams {
  return writeOverview({ from: s.from, to: s.to, tz: s.tz, stack: s.stack });
}

/** `/overview?…` of a state: the one way any page links to the overview. */
export const overviewHref = (s: OverviewState) => `/overview?${overviewQuery(s)}`;

/** Why a custom range cannot be shown, or null when it can. */
export function rangeProblem(from: string, to: string): string | null {
  if (!isDate(from) || !isDate(to)) return "Pick both dates.";
  if (from >= to) return "The end date must not be before the start date.";
  if (daysBetween(from, to) > MAX_RANGE_DAYS) return `A range may span at most ${MAX_RANGE_DAYS} days.`;
  return null;
}
