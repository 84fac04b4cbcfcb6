import Decimal from "decimal.js";
import type { Snapshot } from "@/lib/db/chargeback";
import type { ChargebackReportOut } from "@/lib/schemas/chargeback";
import { type AllocationRule } from "./allocation";
import { chargedTotals, type ReportCore } from "./chargeback-report";
import { lateEvents, liveView, spendRows, type Context } from "./chargeback-live";
import { Money } from "./money";

/**
 * Adjustment lines: how a closed period's frozen report is corrected without ever changing it.
 *
 * For a closed period S, everything billed for S is its frozen charge per team (direct + allocated) plus every
 * adjustment line that names S as its source in a currently closed period's report. What S's events say now
 * is its live report, recomputed with S's frozen rule (and the current settings, so marking a team as shared
 * platform after the close also lands here). The difference, per team, is pending: it appears in the first
 * open period after S, with S's dates and a reason (late events, with their dates, when events were stored
 * after the close; otherwise "recomputed difference"). Closing that period freezes the line, so it is billed
 * once.
 *
 * Reopening S makes its live report visible again, which includes whatever later periods already billed as
 * adjustments for S: those are taken back by negative lines in S itself ("already charged in …"), so no cent
 * is billed twice. Σ adjustments = Σ live − Σ billed, exactly (all amounts are cents).
 */
export type AdjustmentLine = ChargebackReportOut["adjustments"][number];
export type FrozenReport = {
  version: 1;
  period: string;
  label: string;
  from: string;
  to: string;
  time_zone: string;
  rule: AllocationRule;
  percentages: Record<string, string>;
  settings: { shared_teams: string[]; shared_services: string[]; eval_to_pool: boolean };
  views: Record<"executed" | "originated", { core: ReportCore; usage: import("./chargeback-usage").UsageLine[] }>;
  adjustments: AdjustmentLine[];
  closed_by: string;
  closed_at: string;
};

export const parseFrozen = (s: Snapshot) => JSON.parse(s.report) as FrozenReport;

function shiftKey(key: string, n: number): string {
  const [y, m] = key.split("-").map(Number);
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, "0")}`;
}
export const previousKey = (key: string) => shiftKey(key, -1);

/** The first period after `key` that is not closed. */
export function nextOpenKey(key: string, closed: ReadonlySet<string>): string {
  let k = shiftKey(key, 1);
  while (closed.has(k)) k = shiftKey(k, 1);
  return k;
}

/** Σ adjustment lines per team sourced from `period`, over the current snapshots, and where they were billed. */
function billedAdjustments(period: string, snapshots: readonly Snapshot[]) {
  const perTeam = new Map<string, Decimal>();
  const where = new Map<string, { in: string; amount: Decimal }[]>();
  for (const s of snapshots)
    for (const l of s.lines)
      if (l.kind === "adjustment" && l.sourcePeriod === period) {
        perTeam.set(l.team, (perTeam.get(l.team) ?? new Money(0)).plus(l.totalUsd));
        if (s.period !== period) where.set(l.team, [...(where.get(l.team) ?? []), { in: s.period, amount: new Money(l.totalUsd) }]);
      }
  return { perTeam, where };
}

const fmtDay = (iso: string) => iso.slice(0, 10);

async function pendingFor(s: Snapshot, snapshots: readonly Snapshot[], ctx: Context): Promise<AdjustmentLine[]> {
  const frozen = parseFrozen(s);
  const range = { start: s.start, end: s.end, timeZone: frozen.time_zone };
  const live = chargedTotals(liveView((await spendRows(range)).executed!, ctx, frozen.rule, frozen.percentages).core);
  const billed = chargedTotals(frozen.views.executed.core);
  const adj = billedAdjustments(s.period, snapshots).perTeam;
  const late = new Map((await lateEvents(range, s.closedAt)).map((l) => [l.team, l]));
  const poolLate = [...late.values()].some((l) => l.team === "" || ctx.settings.sharedTeams.includes(l.team));
  const out: AdjustmentLine[] = [];
  for (const team of [...new Set([...live.keys(), ...billed.keys(), ...adj.keys()])].sort()) {
    const diff = new Money(live.get(team) ?? 0).minus(billed.get(team) ?? 0).minus(adj.get(team) ?? 0);
    if (diff.isZero()) continue;
    const l = late.get(team);
    const reason = l
      ? `late events: ${l.events} event${l.events === 1 ? "" : "s"} dated ${fmtDay(l.first_ts)} to ${fmtDay(l.last_ts)} received after ${s.period} was closed`
      : poolLate
        ? `shared pool of ${s.period} changed by late events: re-allocated`
        : `recomputed difference for ${s.period} (reprice, re-attribution or settings change since the close)`;
    out.push({ team, source_period: s.period, source_from: frozen.from, source_to: frozen.to, amount_usd: diff.toFixed(2), reason, late_events: l?.events ?? 0, first_event_at: l?.first_ts ?? null, last_event_at: l?.last_ts ?? null });
  }
  return out;
}

/** Every adjustment line of an open period `key` (its range given for the take-back lines). */
export async function adjustmentsForOpen(key: string, range: { from: string; to: string }, snapshots: readonly Snapshot[], ctx: Context): Promise<AdjustmentLine[]> {
  const closed = new Set(snapshots.map((s) => s.period));
  const out: AdjustmentLine[] = [];
  for (const s of snapshots) if (nextOpenKey(s.period, closed) === key) out.push(...(await pendingFor(s, snapshots, ctx)));
  const { where } = billedAdjustments(key, snapshots);
  for (const [team, list] of [...where.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const w of list) {
      if (w.amount.isZero()) continue;
      out.push({ team, source_period: key, source_from: range.from, source_to: range.to, amount_usd: w.amount.neg().toFixed(2), reason: `already charged as an adjustment in ${w.in}`, late_events: 0, first_event_at: null, last_event_at: null });
    }
  }
  return out;
}

/** Per-team sums of adjustment lines. */
export function adjustmentTotals(lines: readonly AdjustmentLine[]): Map<string, Decimal> {
  const m = new Map<string, Decimal>();
  for (const l of lines) m.set(l.team, (m.get(l.team) ?? new Money(0)).plus(l.amount_usd));
  return m;
}
