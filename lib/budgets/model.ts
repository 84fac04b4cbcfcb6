import type { BudgetRow } from "@/lib/db/budgets";
import { addDays, daysBetween } from "@/lib/finops/date-range";
import { localDate, periodContaining, startOfLocalDay, type Calendar } from "@/lib/finops/calendar";
import type { BudgetFilter } from "@/lib/clickhouse/queries/budget-filter";
import { ACTIONS, DEFAULT_THRESHOLDS, PERIODS, SCOPE_TYPES, type BudgetPeriodKind, type ScopeType, type Threshold } from "@/lib/schemas/budget";

/** A budget as the domain sees it (wire names), parsed from its stored row. */
export type Budget = {
  id: string;
  name: string;
  scope_type: ScopeType;
  scope_value: string;
  team: string | null;
  period: BudgetPeriodKind;
  custom_from: string | null;
  custom_to: string | null;
  amount_usd: string;
  thresholds: Threshold[];
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** Thresholds as stored: the JSON list of {percent, action}; the schema's first form ([80,100,120]) still reads. */
export function parseThresholds(json: string): Threshold[] {
  try {
    const raw = JSON.parse(json) as unknown;
    if (!Array.isArray(raw)) return DEFAULT_THRESHOLDS;
    const list = raw.map((t): Threshold =>
      typeof t === "number" ? { percent: t, action: t >= 120 ? "block" : t >= 100 ? "require_approval" : "notify" } : { percent: Number(t.percent), action: ACTIONS.includes(t.action) ? t.action : "notify" },
    );
    return list.sort((a, b) => a.percent - b.percent);
  } catch {
    return DEFAULT_THRESHOLDS;
  }
}

export function toBudget(r: BudgetRow): Budget {
  return {
    id: r.id,
    name: r.name,
    scope_type: (SCOPE_TYPES as readonly string[]).includes(r.scopeType) ? (r.scopeType as ScopeType) : "org",
    scope_value: r.scopeValue,
    team: r.team,
    period: (PERIODS as readonly string[]).includes(r.period) ? (r.period as BudgetPeriodKind) : "month",
    custom_from: r.customFrom,
    custom_to: r.customTo,
    amount_usd: r.amountUsd,
    thresholds: parseThresholds(r.thresholds),
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/** "team:search", "repo:acme/api (team search)", "org". */
export function scopeLabel(b: Pick<Budget, "scope_type" | "scope_value" | "team">): string {
  if (b.scope_type === "org") return "org";
  const value = b.scope_type === "team" ? b.scope_value || b.team || "" : b.scope_value;
  const team = b.scope_type !== "team" && b.team ? ` (team ${b.team})` : "";
  return `${b.scope_type}:${value}${team}`;
}

/** The events a budget counts: its scope dimension, and its team when it has one. */
export function filterOf(b: Pick<Budget, "scope_type" | "scope_value" | "team">): BudgetFilter {
  const f: BudgetFilter = {};
  if (b.team) f.team = b.team;
  switch (b.scope_type) {
    case "org":
      break;
    case "team":
      f.team = b.scope_value || b.team || "";
      break;
    case "ingest_key":
      f.ingest_key = b.scope_value;
      break;
    default:
      f[b.scope_type] = b.scope_value;
  }
  return f;
}

/** The team a budget belongs to for permissions: its team, or the team it covers. null = org-level. */
export function ownerTeam(b: Pick<Budget, "scope_type" | "scope_value" | "team">): string | null {
  return b.team ?? (b.scope_type === "team" ? b.scope_value || null : null);
}

export type BudgetPeriod = { key: string; label: string; from: string; to: string; start: Date; end: Date };

/** The budget's period containing `at` (custom: its fixed range, whether or not `at` is inside it). */
export function budgetPeriod(b: Pick<Budget, "period" | "custom_from" | "custom_to">, at: Date, cal: Calendar): BudgetPeriod {
  if (b.period === "custom" && b.custom_from && b.custom_to) {
    return { key: `${b.custom_from}/${b.custom_to}`, label: `${b.custom_from} – ${addDays(b.custom_to, -1)}`, from: b.custom_from, to: b.custom_to, start: startOfLocalDay(b.custom_from, cal.timeZone), end: startOfLocalDay(b.custom_to, cal.timeZone) };
  }
  const p = periodContaining(b.period === "custom" ? "month" : b.period, at, cal);
  return { key: `${p.from}/${p.to}`, label: p.label, from: p.from, to: p.to, start: p.start, end: p.end };
}

// Calendar arithmetic on YYYY-MM-DD dates has one home (lib/finops/date-range.ts); re-exported for budget callers.
export { addDays, daysBetween };

export { localDate };
