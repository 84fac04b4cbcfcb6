import { createLoader, createParser, createSerializer, parseAsNativeArrayOf, parseAsString, type inferParserType, type Nullable, type ParserMap } from "nuqs/server";
import { DIMENSION_NAMES, type Dimension } from "@/lib/dimensions";
import { isZone, type DayRange } from "./date-range";
import { completeDate } from "./range-presets";

/**
 * The URL parameters the pages share, as nuqs parsers: each page declares its parser map once (in its
 * *-state.ts) from these, reads its address with it and builds every link to itself with the same map's
 * serializer, so a link written on one page is exactly what the other page reads. Imported from "nuqs/server"
 * (no React hooks, no "use client") so the same declarations serve client pages, server code and unit tests.
 */

/** A real calendar date (YYYY-MM-DD, 2000-2099): "2026-02-30" is not read as March 2. */
export const parseAsDay = createParser({ parse: (v: string) => completeDate(v), serialize: (v: string) => v });

/** An IANA zone Intl knows ("Mars/Base" is not applied, and the page says so). */
export const parseAsZone = createParser({ parse: (v: string) => (v && isZone(v) ? v : null), serialize: (v: string) => v });

/** One of a list of names (a metric id, a sort column): anything else is not applied. */
export const parseAsOneOf = (names: readonly string[]) => createParser({ parse: (v: string) => (names.includes(v) ? v : null), serialize: (v: string) => v });

/** A flag written as "1" (compare=1); anything else is off. */
export const parseAsOne = createParser({ parse: (v: string) => (v === "1" ? true : null), serialize: () => "1" });

/** A repeated parameter (team=a&team=b); an empty value is a real filter value (the events without one). */
const repeated = () => parseAsNativeArrayOf(parseAsString);

type FilterKey = Dimension | `exclude_${Dimension}`;
/** DIM=value (include) then exclude_DIM=value, each in dimension order: the order every filtered URL is written in. */
export const filterParsers = Object.fromEntries([...DIMENSION_NAMES.map((d) => [d, repeated()]), ...DIMENSION_NAMES.map((d) => [`exclude_${d}`, repeated()])]) as Record<FilterKey, ReturnType<typeof repeated>>;

export type Filters = { include: Partial<Record<Dimension, string[]>>; exclude: Partial<Record<Dimension, string[]>> };

/** The filters held in loaded filter parameters (dimensions with no value left out). */
export function filtersOf(v: Record<FilterKey, string[]>): Filters {
  const include: Filters["include"] = {};
  const exclude: Filters["exclude"] = {};
  for (const d of DIMENSION_NAMES) {
    if (v[d].length) include[d] = v[d];
    if (v[`exclude_${d}`].length) exclude[d] = v[`exclude_${d}`];
  }
  return { include, exclude };
}

/** Filters as serializer values (every key given, so a removed filter is removed from the URL too). */
export function filterValues(f: Filters): Record<FilterKey, string[]> {
  const out = {} as Record<FilterKey, string[]>;
  for (const d of DIMENSION_NAMES) {
    out[d] = f.include[d] ?? [];
    out[`exclude_${d}`] = f.exclude[d] ?? [];
  }
  return out;
}

/**
 * A page's serializer, answering URLSearchParams encoded as URLSearchParams does ("Europe%2FParis"), so the
 * addresses and API queries written before nuqs stay byte for byte the same. Keys come in the map's order.
 */
export function queryWriter<P extends ParserMap>(parsers: P) {
  const serialize = createSerializer(parsers, { clearOnDefault: true });
  return (values: Partial<Nullable<inferParserType<P>>>): URLSearchParams => new URLSearchParams(serialize(values));
}

/** A page's reader: every parameter of its map, null where absent or not understood. */
export const queryReader = <P extends ParserMap>(parsers: P) => createLoader(parsers);

/** The range part every dated page shares. */
export const rangeParsers = { from: parseAsDay, to: parseAsDay, tz: parseAsZone };
export type RangeInZone = DayRange & { tz: string };

const writeFilters = queryWriter(filterParsers);

/** Only the filter parameters (DIM=value, exclude_DIM=value), in dimension order, after what q has. */
export function appendFilters(q: URLSearchParams, f: Filters): URLSearchParams {
  for (const [k, v] of writeFilters(filterValues(f))) q.append(k, v);
  return q;
}
