import type Decimal from "decimal.js";
import { allocatePool, apportion, centsToUsd, toCents, type AllocationRule } from "./allocation";
import { Money } from "./money";

/**
 * One period's chargeback report from its spend rows (PRODUCT.md "Chargeback"). Pure: no I/O.
 *
 * Every event lands in exactly one place:
 * - the shared pool, when it has no team (unattributed), its team is marked as shared platform, its service is
 *   marked as shared platform, or (setting `evalToPool`) its environment is `eval`; checked in that order;
 * - otherwise its team's direct cost.
 * The pool is then distributed to the recipient teams (every listed team that is not shared platform) by the
 * period's rule (lib/finops/allocation.ts). All splits use the largest-remainder rule documented there:
 *   period total (cents, half-even) = Σ direct (cents) + pool (cents); pool = Σ allocated (+ unallocated);
 *   each team total = direct + allocated (+ adjustments, added later by withAdjustments).
 * A team's breakdowns (repo, feature, model, environment) split its direct cents the same way, so each adds up.
 */
export type SpendRow = {
  team: string;
  repo: string;
  feature: string;
  model: string;
  provider: string;
  environment: string;
  service: string;
  day: string;
  cost_usd: string;
  tokens: number;
  events: number;
};

export type ChargebackSettings = { sharedTeams: string[]; sharedServices: string[]; evalToPool: boolean; wording: "chargeback" | "showback" };

export type BreakdownLine = { key: string; amount_usd: string };
export const BREAKDOWN_DIMS = ["repo", "feature", "model", "environment"] as const;
export type BreakdownDim = (typeof BREAKDOWN_DIMS)[number];

export type PoolPart = { kind: "unattributed" | "shared_team" | "shared_service" | "eval"; name: string; amount_usd: string };

export type TeamLine = {
  team: string;
  name: string;
  direct_usd: string;
  allocated_usd: string;
  adjustments_usd: string;
  total_usd: string;
  breakdown: Record<BreakdownDim, BreakdownLine[]>;
};

export type ReportCore = {
  rule: AllocationRule;
  applied_rule: AllocationRule | "none";
  rule_note: string;
  percentages: Record<string, string>;
  /** Σ cost of the period's events, exact (9 decimals as stored). */
  spend_exact_usd: string;
  /** The period's spend in cents: Σ team direct + pool. */
  spend_usd: string;
  pool_usd: string;
  unallocated_usd: string;
  pool: PoolPart[];
  teams: TeamLine[];
};

type PoolKey = `${PoolPart["kind"]}:${string}`;

function poolKeyOf(row: SpendRow, s: ChargebackSettings): PoolKey | null {
  if (row.team === "") return "unattributed:";
  if (s.sharedTeams.includes(row.team)) return `shared_team:${row.team}`;
  if (row.service !== "" && s.sharedServices.includes(row.service)) return `shared_service:${row.service}`;
  if (s.evalToPool && row.environment === "eval") return `eval:${row.team}`;
  return null;
}

const add = (m: Map<string, Decimal>, k: string, v: Decimal.Value) => m.set(k, (m.get(k) ?? new Money(0)).plus(v));
const sortedAmounts = (cents: Map<string, Decimal>) =>
  [...cents.entries()].filter(([, c]) => !c.isZero()).sort(([ka, a], [kb, b]) => b.comparedTo(a) || (ka < kb ? -1 : ka > kb ? 1 : 0));

export function buildReportCore(input: {
  rows: readonly SpendRow[];
  settings: ChargebackSettings;
  rule: AllocationRule;
  percentages?: Record<string, string>;
  /** Known teams (slug → display name): listed even without spend. */
  teams: ReadonlyMap<string, string>;
}): ReportCore {
  const { rows, settings } = input;
  const direct = new Map<string, Decimal>();
  const pool = new Map<string, Decimal>();
  const dims = new Map<string, Record<BreakdownDim, Map<string, Decimal>>>();
  let spend = new Money(0);
  for (const r of rows) {
    spend = spend.plus(r.cost_usd);
    const pk = poolKeyOf(r, settings);
    if (pk) {
      add(pool, pk, r.cost_usd);
      continue;
    }
    add(direct, r.team, r.cost_usd);
    const d = dims.get(r.team) ?? { repo: new Map(), feature: new Map(), model: new Map(), environment: new Map() };
    dims.set(r.team, d);
    for (const dim of BREAKDOWN_DIMS) add(d[dim], r[dim], r.cost_usd);
  }
  const recipients = [...new Set([...input.teams.keys(), ...direct.keys()])].filter((t) => t !== "" && !settings.sharedTeams.includes(t)).sort();
  const poolExact = [...pool.values()].reduce((s, v) => s.plus(v), new Money(0));
  const spendCents = toCents(spend);
  const poolCents = toCents(poolExact);
  const directCents = apportion(spendCents.minus(poolCents), new Map(recipients.map((t) => [t, direct.get(t) ?? new Money(0)] as const)));
  const alloc = allocatePool({ poolCents, rule: input.rule, recipients, directExact: direct, percentages: input.percentages });
  const allocatedSum = [...alloc.allocated.values()].reduce((s, v) => s.plus(v), new Money(0));
  const poolParts = poolExact.isZero() ? new Map<string, Decimal>() : apportion(poolCents, pool);

  const teams: TeamLine[] = recipients.map((team) => {
    const dc = directCents.get(team) ?? new Money(0);
    const ac = alloc.allocated.get(team) ?? new Money(0);
    const d = dims.get(team);
    const breakdown = Object.fromEntries(
      BREAKDOWN_DIMS.map((dim) => {
        const exact = d?.[dim] ?? new Map<string, Decimal>();
        const parts = dc.isZero() || exact.size === 0 ? new Map<string, Decimal>() : apportion(dc, exact);
        return [dim, sortedAmounts(parts).map(([key, c]) => ({ key, amount_usd: centsToUsd(c) }))];
      }),
    ) as Record<BreakdownDim, BreakdownLine[]>;
    return { team, name: input.teams.get(team) ?? team, direct_usd: centsToUsd(dc), allocated_usd: centsToUsd(ac), adjustments_usd: "0.00", total_usd: centsToUsd(dc.plus(ac)), breakdown };
  });
  const unallocated = poolCents.minus(allocatedSum);
  // No team could take the pool (no recipients): it stays visible as its own line so the lines still add up.
  if (!unallocated.isZero()) teams.push({ team: "", name: "Unallocated shared cost", direct_usd: "0.00", allocated_usd: centsToUsd(unallocated), adjustments_usd: "0.00", total_usd: centsToUsd(unallocated), breakdown: { repo: [], feature: [], model: [], environment: [] } });
  return {
    rule: input.rule,
    applied_rule: alloc.applied,
    rule_note: alloc.note,
    percentages: input.rule === "fixed" ? { ...(input.percentages ?? {}) } : {},
    spend_exact_usd: spend.toFixed(9),
    spend_usd: centsToUsd(spendCents),
    pool_usd: centsToUsd(poolCents),
    unallocated_usd: centsToUsd(unallocated),
    pool: sortedAmounts(poolParts).map(([k, c]) => {
      const [kind, name] = k.split(/:(.*)/s) as [PoolPart["kind"], string];
      return { kind, name, amount_usd: centsToUsd(c) };
    }),
    teams: teams.sort((a, b) => new Money(b.total_usd).comparedTo(a.total_usd) || (a.team < b.team ? -1 : 1)),
  };
}

/** Per-team adjustment cents added to a report's lines (a team only in `adjustments` gets a line of its own). */
export function withAdjustments(core: ReportCore, adjustments: ReadonlyMap<string, Decimal.Value>): ReportCore {
  const teams = core.teams.map((t) => ({ ...t }));
  for (const [team, usd] of adjustments) {
    let line = teams.find((t) => t.team === team);
    if (!line) {
      line = { team, name: team === "" ? "Unallocated shared cost" : team, direct_usd: "0.00", allocated_usd: "0.00", adjustments_usd: "0.00", total_usd: "0.00", breakdown: { repo: [], feature: [], model: [], environment: [] } };
      teams.push(line);
    }
    line.adjustments_usd = new Money(line.adjustments_usd).plus(usd).toFixed(2);
    line.total_usd = new Money(line.direct_usd).plus(line.allocated_usd).plus(line.adjustments_usd).toFixed(2);
  }
  return { ...core, teams };
}

/** Each line's charge before adjustments (direct + allocated), USD with two decimals; the unallocated pool under "". */
export function chargedTotals(core: ReportCore): Map<string, string> {
  return new Map(core.teams.map((t) => [t.team, new Money(t.direct_usd).plus(t.allocated_usd).toFixed(2)]));
}
