import { InvalidInputError } from "@/lib/errors";
import type { TeamScope } from "@/lib/auth/roles";
import { DIMENSION_NAMES, type Dimension, type DimensionFilters } from "@/lib/clickhouse/fragments";
import type { SummaryResponse } from "@/lib/schemas/summary";
import { untilText } from "./comparison";
import { EMPTY_SUMS, measures, toMeasures } from "./measures";
import { pageOf, type PageSpec } from "./summary-page";

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

/**
 * The summary every other tool can rely on: the total and, with group_by (one dimension, or two as "a,b"),
 * one entry per group, sorted by `sort` (default: biggest cost first). Total and groups come from one query,
 * so they always agree. With `limit`, only that page of groups is returned (from `offset`) and `other` sums
 * the rest, so a grouping by session_id answers with 100 rows instead of 10,000 and still adds up.
 */
export async function getSummary(q: { from: string; to: string; until?: string; tz: string; group_by?: Dimension[]; filters: DimensionFilters; scope: TeamScope } & Partial<PageSpec>): Promise<SummaryResponse> {
  const dims = q.group_by ?? [];
  const rows = await measures({ from: q.from, to: q.to, ...(q.until ? { until: untilText(q.until) } : {}), tz: q.tz, bucket: null, sets: dims.length ? [[], dims] : [[]], filters: q.filters, scope: q.scope });
  const total = rows.find((r) => r.set === 0)?.sums ?? EMPTY_SUMS;
  const all = rows.filter((r) => r.set === 1).map((r) => ({ key: r.keys[dims[0]] ?? "", ...(dims[1] ? { key2: r.keys[dims[1]] ?? "" } : {}), sums: r.sums }));
  const { page, other } = pageOf(all, total, { sort: q.sort ?? "cost_usd", dir: q.dir ?? "desc", limit: q.limit, offset: q.offset ?? 0 });
  return {
    from: q.from,
    to: q.to,
    tz: q.tz,
    group_by: dims.length ? dims.join(",") : null,
    total: toMeasures(total),
    groups: page.map(({ sums, ...keys }) => ({ ...keys, ...toMeasures(sums) })),
    group_count: all.length,
    other: other && toMeasures(other),
  };
}
