import { InvalidInputError } from "@/lib/errors";
import type { TeamScope } from "@/lib/auth/roles";
import { DIMENSION_NAMES, type Dimension, type DimensionFilters } from "@/lib/clickhouse/fragments";
import type { SummaryResponse } from "@/lib/schemas/summary";
import { untilText } from "./comparison";
import { EMPTY_SUMS, measures, toMeasures } from "./measures";
import { pageOf, remainderSums, type PageSpec, type SumsGroup } from "./summary-page";
import type { MeasureSums } from "@/lib/clickhouse/queries/measures";

/**
 * Dimension filters from a query string: `DIM=VALUE` includes, `exclude_DIM=VALUE` excludes, each repeatable.
 * An unknown parameter is an error, not silently ignored.
 */
export function parseDimensionFilters(params: URLSearchParams, known: readonly string[]): DimensionFilters {
  const filters: DimensionFilters = { include: {}, exclude: {} };
  const unknown: string[] = [];
  const isDim = (n: string): n is Dimension => (DIMENSION_NAMES as string[]).includes(n);
  for (const name of new Set(params.keys())) {
    if (known.includes(name)) continue;
    const excluded = name.startsWith("exclude_") ? name.slice("exclude_".length) : null;
    if (isDim(name)) filters.include[name] = params.getAll(name);
    else if (excluded !== null && isDim(excluded)) filters.exclude[excluded] = params.getAll(name);
    else unknown.push(name);
  }
  if (unknown.length) throw new InvalidInputError(`Unknown parameter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")} (dimensions: ${DIMENSION_NAMES.join(", ")})`);
  return filters;
}

type SummaryRequest = { from: string; to: string; until?: string; tz: string; group_by?: Dimension[]; search?: string; filters: DimensionFilters; scope: TeamScope } & Partial<PageSpec>;

/** Whether a group's key (or key2) contains the search text, case-insensitively; "unattributed" finds the empty key. */
function matches(g: { key: string; key2?: string }, search: string | undefined): boolean {
  if (!search) return true;
  const needle = search.toLowerCase();
  return [g.key, g.key2].some((k) => k !== undefined && (k === "" ? "unattributed" : k.toLowerCase()).includes(needle));
}

const groupId = (key: string, key2: string | undefined) => JSON.stringify([key, key2 ?? null]);

/**
 * The summary every other tool can rely on: the total and, with group_by (one dimension, or two as "a,b"),
 * one entry per group, sorted by `sort` (default: biggest cost first). With `limit`, only that page of groups
 * is returned (from `offset`) and `other` sums the rest, so a grouping by session_id answers with 100 rows
 * instead of 10,000 and still adds up. `search` keeps the groups whose key contains it (the filter picker).
 */
export async function getSummary(q: SummaryRequest): Promise<SummaryResponse> {
  const dims = q.group_by ?? [];
  const spec = { sort: q.sort ?? "cost_usd", dir: q.dir ?? "desc", limit: q.limit, offset: q.offset ?? 0 };
  const base = { from: q.from, to: q.to, ...(q.until ? { until: untilText(q.until) } : {}), tz: q.tz, bucket: null, filters: q.filters, scope: q.scope };
  if (dims.length && spec.limit !== undefined && RANKED_SORTS.has(spec.sort)) return rankedPage(q, dims, { ...spec, limit: spec.limit }, base);
  const rows = await measures({ ...base, sets: dims.length ? [[], dims] : [[]] });
  const total = rows.find((r) => r.set === 0)?.sums ?? EMPTY_SUMS;
  const all = rows.filter((r) => r.set === 1).map((r) => ({ key: r.keys[dims[0]] ?? "", ...(dims[1] ? { key2: r.keys[dims[1]] ?? "" } : {}), sums: r.sums })).filter((g) => matches(g, q.search));
  const { page, other } = pageOf(all, total, spec);
  return respond(q, dims, total, page, all.length, other);
}

/** Sorts a page can be chosen by from cost alone. */
const RANKED_SORTS = new Set(["cost_usd", "key", "key2"]);

/**
 * A page of a big grouping in three small questions instead of one big one: the total (every measure, no
 * grouping, so from a rollup where the filters allow) and every group's cost alone (one sum, no retry ledger)
 * run together; then every measure for the page's groups only (their keys as a filter). Computing the 18
 * measures of 15,000 sessions to show 100 of them was what took seconds. The page and its order are the same
 * as pageOf's over every group (ties by key then key2), and page + other = total exactly.
 */
async function rankedPage(q: SummaryRequest, dims: Dimension[], spec: PageSpec & { limit: number }, base: Omit<Parameters<typeof measures>[0], "sets">): Promise<SummaryResponse> {
  const [totalRows, costRows] = await Promise.all([measures({ ...base, sets: [[]] }), measures({ ...base, sets: [dims], only: ["cost_usd"] })]);
  const total = totalRows[0]?.sums ?? EMPTY_SUMS;
  const ranked = costRows.map((r) => ({ key: r.keys[dims[0]] ?? "", ...(dims[1] ? { key2: r.keys[dims[1]] ?? "" } : {}), sums: r.sums })).filter((g) => matches(g, q.search));
  const chosen = pageOf(ranked, total, spec).page;
  if (!chosen.length) return respond(q, dims, total, [], ranked.length, ranked.length ? total : null);
  const include = { ...q.filters.include };
  dims.forEach((d, i) => (include[d] = [...new Set(chosen.map((g) => (i === 0 ? g.key : (g.key2 ?? ""))))]));
  const full = await measures({ ...base, sets: [dims], filters: { include, exclude: q.filters.exclude } });
  const byId = new Map(full.map((r) => [groupId(r.keys[dims[0]] ?? "", dims[1] ? (r.keys[dims[1]] ?? "") : undefined), r.sums]));
  const page = chosen.map((g) => ({ ...g, sums: byId.get(groupId(g.key, g.key2)) ?? EMPTY_SUMS }));
  return respond(q, dims, total, page, ranked.length, page.length === ranked.length ? null : remainderSums(total, page));
}

function respond(q: SummaryRequest, dims: Dimension[], total: MeasureSums, page: SumsGroup[], count: number, other: MeasureSums | null): SummaryResponse {
  return {
    from: q.from,
    to: q.to,
    tz: q.tz,
    group_by: dims.length ? dims.join(",") : null,
    total: toMeasures(total),
    groups: page.map(({ sums, ...keys }) => ({ ...keys, ...toMeasures(sums) })),
    group_count: count,
    other: other && toMeasures(other),
  };
}
