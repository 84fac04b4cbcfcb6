import type { TeamScope } from "@/lib/auth/roles";
import type { DimensionFilters } from "@/lib/clickhouse/fragments";
import type { GroupKey, MeasuresRow } from "@/lib/clickhouse/queries/measures";
import { listPrices } from "@/lib/db/price-book";
import { CONTRIBUTOR_DIMENSIONS, type ChangeContributor, type ChangeResponse, type ContributorDimension } from "@/lib/schemas/change";
import type { SummedMeasureId } from "@/lib/measures/registry";
import { decompose, DRIVERS, type CellSums, type Decomposition, type ReferenceRates } from "./change-decomposition";
import { DRIVER_INFO } from "./change-drivers";
import { getOrgSettings } from "@/lib/db/org-settings";
import { comparisonFor, untilText } from "./comparison";
import { measures } from "./measures";
import { formatScaled, parseScaled } from "./fixed-point";
import { Money, MONEY_SCALE } from "./money";
import type { PriceRow } from "./price-lookup";

/** Contributors listed per driver and dimension (the largest by amount). */
const TOP_PER_DIMENSION = 5;
/** Slices decomposed per dimension: the values whose cost moved most, then the dearest (each costs a decomposition). */
const SLICES_BY_CHANGE = 20;
const SLICES_BY_COST = 10;

const SEP = "\u0000";
const cellKey = (provider: string, model: string) => `${provider}${SEP}${model}`;

/**
 * Reference rates per provider × model: the base price row (standard tier, no long-context threshold) in
 * force when the current period starts, else the earliest one. Only used to weigh token classes against each
 * other; the decomposition is exact whatever they are (see change-decomposition.ts).
 */
export function referenceRates(prices: readonly PriceRow[], at: Date): (cell: string) => ReferenceRates | undefined {
  const best = new Map<string, PriceRow>();
  for (const p of prices) {
    if (p.serviceTier !== "" || p.longContextAbove !== 0) continue;
    const k = cellKey(p.provider.toLowerCase(), p.model.toLowerCase());
    const cur = best.get(k);
    const inForce = (r: PriceRow) => r.validFrom.getTime() <= at.getTime();
    const better = !cur || (inForce(p) ? !inForce(cur) || p.validFrom > cur.validFrom : !inForce(cur) && p.validFrom < cur.validFrom);
    if (better) best.set(k, p);
  }
  // One rates object per cell for the whole question (its slices ask for the same cells again and again).
  const byCell = new Map<string, ReferenceRates | undefined>();
  return (cell) => {
    if (byCell.has(cell)) return byCell.get(cell);
    const [provider, model] = cell.split(SEP);
    const p = best.get(cellKey(provider.toLowerCase(), model.toLowerCase()));
    const rates = p && { input: p.inputPerToken, cache_read: p.cacheReadPerToken ?? p.inputPerToken, cache_write: p.cacheWritePerToken ?? p.inputPerToken, output: p.outputPerToken, reasoning: p.reasoningPerToken ?? p.outputPerToken };
    byCell.set(cell, rates);
    return rates;
  };
}

type Slices = Map<string, Map<string, CellSums>>;
const SETS: GroupKey[][] = [["provider", "model"], ...CONTRIBUTOR_DIMENSIONS.filter((d) => d !== "model").map((d): GroupKey[] => [d, "provider", "model"])];

/** Per dimension value, its cells' sums ("" = the whole scope under dimension ""). */
function slicesOf(rows: MeasuresRow[], dim: ContributorDimension | null): Slices {
  const set = dim === null || dim === "model" ? 0 : SETS.findIndex((s) => s[0] === dim);
  const out: Slices = new Map();
  for (const r of rows) {
    if (r.set !== set) continue;
    const value = dim === null ? "" : (r.keys[dim] ?? "");
    const cells = out.get(value) ?? new Map<string, CellSums>();
    cells.set(cellKey(r.keys.provider ?? "", r.keys.model ?? ""), r.sums);
    out.set(value, cells);
  }
  return out;
}

/** A stored amount (at most 9 decimals, as the store and the decomposition print them) in nano-dollars. */
function nano(v: string): bigint {
  const units = parseScaled(v, MONEY_SCALE);
  if (units === null) throw new Error(`Not a stored amount: ${v}`);
  return units;
}
const abs = (v: bigint) => (v < 0n ? -v : v);
const cmp = (a: bigint, b: bigint) => (a > b ? 1 : a < b ? -1 : 0);
// Integer nano-dollars, not decimal.js: a question ranks thousands of slices (~20 ms of decimal.js).
const costOf = (cells: Map<string, CellSums> | undefined) => [...(cells?.values() ?? [])].reduce((s, c) => s + nano(c.cost_usd), 0n);

/** The slices worth decomposing: the values whose cost moved most, and the dearest ones. */
function chosenValues(base: Slices, cur: Slices): string[] {
  const values = [...new Set([...base.keys(), ...cur.keys()])];
  const moved = values.map((v) => {
    const [b, c] = [costOf(base.get(v)), costOf(cur.get(v))];
    return { v, change: abs(c - b), cost: b > c ? b : c };
  });
  const byChange = [...moved].sort((a, b) => cmp(b.change, a.change) || a.v.localeCompare(b.v)).slice(0, SLICES_BY_CHANGE);
  const byCost = [...moved].sort((a, b) => cmp(b.cost, a.cost) || a.v.localeCompare(b.v)).slice(0, SLICES_BY_COST);
  return [...new Set([...byChange, ...byCost].map((m) => m.v))];
}

/**
 * Contributors. For models: each model's own part of the scope's decomposition (the Shapley value is additive over
 * the cells of the identity), so a model's amounts add up exactly to the scope's driver and a traffic move shows as
 * mix on both models, − where it left and + where it went. For team, repo, feature and customer (not factors of the
 * identity): each chosen value's slice of the scope is decomposed on its own, and its amount is that slice's own
 * amount for the driver. Within a slice the drivers add up exactly to the slice's change, but a driver's amounts
 * across slices need not add up to the scope's (traffic moving from one team on a cheap model to another team on a
 * dear one is mix for the scope but volume inside each team). share = amount / the scope's amount for the driver.
 * Listed in the driver's direction first: for an increase, the largest increases.
 */
function contributors(base: MeasuresRow[], cur: MeasuresRow[], rates: (cell: string) => ReferenceRates | undefined, total: Decomposition): Map<string, ChangeContributor[]> {
  const out = new Map<string, ChangeContributor[]>(DRIVERS.map((d) => [d, []]));
  for (const dim of CONTRIBUTOR_DIMENSIONS) {
    let perValue: { value: string; drivers: Record<string, string> }[];
    if (dim === "model") {
      const byModel = new Map<string, Record<string, bigint>>();
      for (const [cell, amounts] of total.cells ?? []) {
        const model = cell.split(SEP)[1];
        const acc = byModel.get(model) ?? Object.fromEntries(DRIVERS.map((d) => [d, 0n]));
        for (const d of DRIVERS) acc[d] += nano(amounts[d]);
        byModel.set(model, acc);
      }
      perValue = [...byModel].map(([value, acc]) => ({ value, drivers: Object.fromEntries(DRIVERS.map((d) => [d, formatScaled(acc[d], MONEY_SCALE)])) }));
    } else {
      const b = slicesOf(base, dim);
      const c = slicesOf(cur, dim);
      perValue = chosenValues(b, c).map((value) => ({ value, drivers: decompose({ baseline: b.get(value) ?? new Map(), current: c.get(value) ?? new Map(), rates }).drivers }));
    }
    for (const driver of DRIVERS) {
      const scopeAmount = nano(total.drivers[driver]);
      const direction = scopeAmount < 0n ? -1n : 1n;
      const list = perValue
        .map(({ value, drivers }) => ({ value, amount: nano(drivers[driver]) }))
        .filter((x) => x.amount !== 0n)
        .sort((x, y) => cmp(y.amount * direction, x.amount * direction) || x.value.localeCompare(y.value))
        .slice(0, TOP_PER_DIMENSION)
        .map((x) => ({ dimension: dim, value: x.value, amount_usd: formatScaled(x.amount, MONEY_SCALE), share: scopeAmount === 0n ? 0 : new Money(x.amount.toString()).div(scopeAmount.toString()).toDecimalPlaces(6).toNumber() }));
      out.get(driver)!.push(...list);
    }
  }
  for (const [driver, list] of out) {
    const direction = nano(total.drivers[driver as keyof Decomposition["drivers"]]) < 0n ? -1n : 1n;
    list.sort((x, y) => cmp(nano(y.amount_usd) * direction, nano(x.amount_usd) * direction) || x.dimension.localeCompare(y.dimension) || x.value.localeCompare(y.value));
  }
  return out;
}

/** The scope's decomposition and each driver's contributors, from both periods' cell rows (pure: no I/O). */
export function explainChange(baseRows: MeasuresRow[], curRows: MeasuresRow[], rates: (cell: string) => ReferenceRates | undefined): { whole: Decomposition; carriers: Map<string, ChangeContributor[]> } {
  const whole = decompose({ baseline: slicesOf(baseRows, null).get("") ?? new Map(), current: slicesOf(curRows, null).get("") ?? new Map(), rates, perCell: true });
  return { whole, carriers: contributors(baseRows, curRows, rates, whole) };
}

export type ChangeRequest = { from: string; to: string; base_from?: string; base_to?: string; tz: string; filters: DimensionFilters; scope: TeamScope };

/**
 * Why spend changed between the baseline and the current period, for the caller's teams and the given
 * filters: two queries (one per period) of the same grouping sets — provider × model, and each contributor
 * dimension × provider × model — from the rollups and the retry ledger; then the decomposition.
 */
/** The sums the decomposition reads (CellSums): only these are asked of the store (thousands of cells). */
const CELL_SUMS = ["cost_usd", "attempts", "requests", "input_tokens", "cache_read_tokens", "cache_write_tokens", "output_tokens", "reasoning_tokens", "cancellation_waste_usd"] as const satisfies readonly (keyof CellSums & SummedMeasureId)[];

export async function getChange(q: ChangeRequest, now = new Date()): Promise<ChangeResponse> {
  // The default baseline is the overview's (lib/finops/comparison.ts): a month against the month before, a
  // partial period against the same elapsed time. A baseline named explicitly that is that period (its cut
  // dates, or its whole dates) is measured the same way; any other baseline is taken whole.
  const pricesRead = listPrices(); // read beside the calendar and the two queries, not after them
  pricesRead.catch(() => {}); // its failure is thrown where it is awaited, not as an unhandled rejection first
  const comparison = comparisonFor(q.from, q.to, q.tz, now, await getOrgSettings());
  const named = q.base_from && q.base_to ? { from: q.base_from, to: q.base_to } : null;
  const isDefault = !named || (named.from === comparison.previous.from && (named.to === comparison.previous.to || (comparison.until !== null && named.to === q.from)));
  const base = isDefault ? comparison.previous : named;
  const until = isDefault ? comparison.until : null;
  const common = { tz: q.tz, bucket: null, sets: SETS, filters: q.filters, scope: q.scope, only: CELL_SUMS };
  const [baseRows, curRows, prices] = await Promise.all([measures({ ...common, ...base, ...(until ? { until: untilText(until) } : {}) }), measures({ ...common, from: q.from, to: q.to }), pricesRead]);
  const { whole, carriers } = explainChange(baseRows, curRows, referenceRates(prices, new Date(`${q.from}T00:00:00Z`)));
  return {
    baseline: { ...base, cost_usd: whole.baseline_usd, until, label: isDefault ? comparison.label : `vs ${base.from} – ${base.to} (to exclusive)` },
    current: { from: q.from, to: q.to, cost_usd: whole.current_usd },
    change_usd: whole.change_usd,
    drivers: DRIVERS.map((id) => ({ id, ...DRIVER_INFO[id], amount_usd: whole.drivers[id], contributors: carriers.get(id)! })),
    residual_usd: whole.residual_usd,
  };
}
