import type { TeamScope } from "@/lib/auth/roles";
import { currentSnapshot, currentSnapshots, getPeriodRule, PeriodStateError, saveSnapshot, setPeriodRule, supersedeSnapshot, type Snapshot } from "@/lib/db/chargeback";
import { getOrgSettings } from "@/lib/db/org-settings";
import type { ChargebackReportOut } from "@/lib/schemas/chargeback";
import { AllocationError, validatePercentages, type AllocationRule } from "./allocation";
import { adjustmentsForOpen, adjustmentTotals, parseFrozen, previousKey, type AdjustmentLine, type FrozenReport } from "./chargeback-adjustments";
import type { AttributionView } from "./chargeback-attribution";
import { liveView, loadContext, spendRows, type Context, type LiveView } from "./chargeback-live";
import { withAdjustments, type ReportCore } from "./chargeback-report";
import { canonicalJson, sha256Hex } from "./canonical-hash";
import { monthPeriod, periodContaining, type CalendarPeriod } from "./calendar";
import { Money } from "./money";

/**
 * Chargeback reports per period (issue 17). An open period is computed live from the events; a closed one is
 * served from its frozen snapshot (never recomputed), whose hash is checked on every read. See
 * chargeback-adjustments.ts for how later changes reach the next open period, and allocation.ts for rounding.
 */
export type FullReport = ChargebackReportOut & { usage: LiveView["usage"] };

export { AllocationError, PeriodStateError };

export async function currentPeriodKey(now = new Date()): Promise<string> {
  return periodContaining("month", now, await getOrgSettings()).key;
}

async function periodOf(key: string): Promise<CalendarPeriod & { timeZone: string }> {
  const cal = await getOrgSettings();
  return { ...monthPeriod(key, cal), timeZone: cal.timeZone };
}

type Built = { frozen: Omit<FrozenReport, "closed_by" | "closed_at">; views: Record<AttributionView, LiveView> };
const BOTH: AttributionView[] = ["executed", "originated"];

/** The live report of an open period, with its adjustments, in the attributions asked for (closing freezes both). */
async function buildOpen(key: string, ctx: Context, snapshots: Snapshot[], ruleOverride?: AllocationRule, wanted: AttributionView[] = BOTH): Promise<Built> {
  const p = await periodOf(key);
  const saved = await getPeriodRule(key);
  const rule = ruleOverride ?? saved.rule;
  if (rule === "fixed" && saved.rule !== "fixed") throw new AllocationError(`No fixed percentages are saved for ${key}: PUT /api/v1/chargeback/rule with them first`, "rule");
  const percentages = rule === "fixed" ? saved.percentages : {};
  const rows = await spendRows(p, wanted);
  const adjustments = await adjustmentsForOpen(key, p, snapshots, ctx);
  const totals = adjustmentTotals(adjustments);
  const views = {} as Record<AttributionView, LiveView>;
  for (const v of wanted) {
    const live = liveView(rows[v]!, ctx, rule, percentages);
    views[v] = { core: withAdjustments(live.core, totals), usage: live.usage };
  }
  const s = ctx.settings;
  return {
    views,
    frozen: { version: 1, period: key, label: p.label, from: p.from, to: p.to, time_zone: p.timeZone, rule, percentages, settings: { shared_teams: s.sharedTeams, shared_services: s.sharedServices, eval_to_pool: s.evalToPool }, views, adjustments },
  };
}

const sumTotals = (core: ReportCore) => core.teams.reduce((a, t) => a.plus(t.total_usd), new Money(0));

function present(f: Omit<FrozenReport, "closed_by" | "closed_at">, view: AttributionView, ctx: Context, closed: ChargebackReportOut["closed"], previous: ChargebackReportOut["previous"], prevTeams: Map<string, string> | null): FullReport {
  const { core, usage } = f.views[view];
  const total = sumTotals(core);
  const adjustmentsSum = f.adjustments.reduce((a, l) => a.plus(l.amount_usd), new Money(0));
  return {
    period: f.period,
    label: f.label,
    from: f.from,
    to: f.to,
    time_zone: f.time_zone,
    status: closed ? "closed" : "open",
    attribution: view,
    wording: ctx.settings.wording,
    rule: f.rule,
    applied_rule: core.applied_rule,
    rule_note: core.rule_note,
    percentages: f.percentages,
    total_usd: total.toFixed(2),
    spend_usd: core.spend_usd,
    spend_exact_usd: core.spend_exact_usd,
    pool_usd: core.pool_usd,
    unallocated_usd: core.unallocated_usd,
    adjustments_usd: adjustmentsSum.toFixed(2),
    pool: core.pool,
    teams: core.teams.map((t) => {
      const prev = prevTeams ? (prevTeams.get(t.team) ?? "0.00") : null;
      return { ...t, share: total.isZero() ? "0.0000" : new Money(t.total_usd).div(total).toFixed(4), previous_total_usd: prev, change_usd: prev === null ? null : new Money(t.total_usd).minus(prev).toFixed(2) };
    }),
    adjustments: f.adjustments,
    previous,
    closed,
    settings: f.settings,
    usage,
  };
}

function verifiedFrozen(s: Snapshot): { f: FrozenReport; closed: NonNullable<ChargebackReportOut["closed"]> } {
  return { f: parseFrozen(s), closed: { by: s.closedBy, at: s.closedAt.toISOString(), hash: s.hash, verified: sha256Hex(s.report) === s.hash } };
}

async function teamTotals(key: string, view: AttributionView, ctx: Context, snapshots: Snapshot[]): Promise<{ status: "open" | "closed"; teams: Map<string, string>; total: string }> {
  const snap = snapshots.find((s) => s.period === key);
  const core = snap ? parseFrozen(snap).views[view].core : (await buildOpen(key, ctx, snapshots, undefined, [view])).views[view].core;
  return { status: snap ? "closed" : "open", teams: new Map(core.teams.map((t) => [t.team, t.total_usd])), total: sumTotals(core).toFixed(2) };
}

/** Hides the lines of teams outside the caller's scope; the total is then the sum of what they may see. */
function scoped(r: FullReport, scope: TeamScope): FullReport {
  if (scope.all) return r;
  const ok = (team: string) => team !== "" && scope.teams.includes(team);
  const teams = r.teams.filter((t) => ok(t.team));
  return { ...r, teams, adjustments: r.adjustments.filter((a) => ok(a.team)), usage: r.usage.filter((u) => ok(u.team)), pool: [], total_usd: teams.reduce((a, t) => a.plus(t.total_usd), new Money(0)).toFixed(2) };
}

/** The report of a period: frozen if closed (rule preview ignored), live otherwise. */
export async function getChargebackReport(opts: { period?: string; rule?: AllocationRule; attribution?: AttributionView; scope: TeamScope; withPrevious?: boolean }): Promise<FullReport> {
  const key = opts.period ?? (await currentPeriodKey());
  const view = opts.attribution ?? "executed";
  const ctx = await loadContext();
  const snapshots = await currentSnapshots();
  const snap = snapshots.find((s) => s.period === key);
  const built = snap ? verifiedFrozen(snap) : { f: (await buildOpen(key, ctx, snapshots, opts.rule, [view])).frozen, closed: null };
  let previous: ChargebackReportOut["previous"] = null;
  let prevTeams: Map<string, string> | null = null;
  if (opts.withPrevious !== false) {
    const prev = await teamTotals(previousKey(key), view, ctx, snapshots);
    previous = { period: previousKey(key), total_usd: prev.total, status: prev.status };
    prevTeams = prev.teams;
  }
  return scoped(present(built.f, view, ctx, built.closed, previous, prevTeams), opts.scope);
}

/** Closes a period: freezes both attributions, the rule, the adjustments, who and when, and the SHA-256. */
export async function closePeriod(key: string, actor: string, now = new Date()): Promise<{ period: string; hash: string; total_usd: string }> {
  if (await currentSnapshot(key)) throw new PeriodStateError(`Period ${key} is already closed`);
  const p = await periodOf(key);
  if (p.end > now) throw new PeriodStateError(`Period ${key} has not ended yet (it ends ${p.end.toISOString()}); close it after its last day`);
  const ctx = await loadContext();
  const snapshots = await currentSnapshots();
  const { frozen } = await buildOpen(key, ctx, snapshots);
  const closedAt = new Date();
  const full: FrozenReport = { ...frozen, closed_by: actor, closed_at: closedAt.toISOString() };
  const report = canonicalJson(full);
  const hash = sha256Hex(report);
  const core = frozen.views.executed.core;
  const total = sumTotals(core).toFixed(2);
  const lines = [
    ...core.teams.map((t) => ({ kind: "team" as const, team: t.team, directUsd: t.direct_usd, allocatedUsd: t.allocated_usd, adjustmentsUsd: t.adjustments_usd, totalUsd: t.total_usd, sourcePeriod: "", reason: "" })),
    ...frozen.adjustments.map((a: AdjustmentLine) => ({ kind: "adjustment" as const, team: a.team, directUsd: "0.00", allocatedUsd: "0.00", adjustmentsUsd: a.amount_usd, totalUsd: a.amount_usd, sourcePeriod: a.source_period, reason: a.reason })),
  ];
  await saveSnapshot({ period: key, start: p.start, end: p.end, rule: frozen.rule, report, hash, totalUsd: total, closedBy: actor, closedAt, lines });
  return { period: key, hash, total_usd: total };
}

/** Reopens a closed period (admin): the snapshot is kept, superseded; audited with before and after. */
export async function reopenPeriod(key: string, actor: string, reason: string): Promise<{ period: string; total_usd: string }> {
  const snap = await supersedeSnapshot(key, actor, reason);
  return { period: key, total_usd: snap.totalUsd };
}

/** Chooses the allocation rule of an open period; fixed percentages are validated against its teams. */
export async function choosePeriodRule(key: string, rule: AllocationRule, percentages: Record<string, string>, actor: string) {
  if (await currentSnapshot(key)) throw new PeriodStateError(`Period ${key} is closed: its rule is frozen (reopen it first)`);
  if (rule === "fixed") {
    const ctx = await loadContext();
    const recipients = [...ctx.teams.keys()].filter((t) => !ctx.settings.sharedTeams.includes(t));
    validatePercentages(percentages, recipients);
  }
  const saved = await setPeriodRule(key, rule, percentages, actor);
  return { period: key, rule: saved.rule, percentages: saved.percentages };
}
