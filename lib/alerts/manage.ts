import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { requirePermission, type TeamScope } from "@/lib/auth/roles";
import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { createRule, deleteRule, getAlert, getRule, listAlerts, updateAlert, updateRule, type AlertRow, type RuleInput } from "@/lib/db/alerts";
import { deliveriesOfAlert } from "@/lib/db/notification-channels";
import { inScope } from "@/lib/auth/roles";
import { METRICS, isAlertMetric } from "./metrics";
import { parseOutliers } from "./annotate";
import { describeKind, describeOutliers } from "./describe";
import { scoreRule, STEP_MS } from "./series";
import { flaggedRequests } from "./request-outliers";
import type { AlertScopeType } from "@/lib/clickhouse/queries/alert-series";
import type { Sensitivity } from "@/lib/anomaly/detect";

/** Rules CRUD and alert transitions, permission-checked and audited. Routes call these. */
const ruleOut = (r: RuleInput & { id: string }) => ({ id: r.id, name: r.name, metric: r.metric, scopeType: r.scopeType, scopeValue: r.scopeValue, grain: r.grain, sensitivity: r.sensitivity, minImpactUsd: r.minImpactUsd, minVolume: r.minVolume, enabled: r.enabled });

/** A rule scoped to one team may be managed by that team's lead; any other rule needs an all-teams grant. */
function checkRuleWrite(p: Principal, r: { scopeType: string; scopeValue: string }): void {
  requirePermission(p, "budgets:write", r.scopeType === "team" && r.scopeValue ? { team: r.scopeValue } : undefined);
}

export async function addAlertRule(p: Principal, input: RuleInput, actor: string) {
  checkRuleWrite(p, input);
  if (input.scopeType === "org" && input.scopeValue) throw new InvalidInputError("scopeValue: must be empty when scopeType is org");
  const rule = await createRule(input);
  await recordAudit({ actor, action: "alert_rule.create", entity: "alert_rule", entityId: rule.id, after: ruleOut(rule) });
  return ruleOut(rule);
}

export async function editAlertRule(p: Principal, id: string, patch: Partial<RuleInput>, actor: string) {
  const before = await getRule(id);
  if (!before) throw new NotFoundError("No such alert rule");
  checkRuleWrite(p, before);
  const merged = { ...before, ...patch };
  checkRuleWrite(p, merged);
  if (merged.scopeType === "org" && merged.scopeValue) throw new InvalidInputError("scopeValue: must be empty when scopeType is org");
  const after = await updateRule(id, patch);
  await recordAudit({ actor, action: "alert_rule.update", entity: "alert_rule", entityId: id, before: ruleOut(before), after: ruleOut(after) });
  return ruleOut(after);
}

export async function removeAlertRule(p: Principal, id: string, actor: string) {
  const before = await getRule(id);
  if (!before) throw new NotFoundError("No such alert rule");
  checkRuleWrite(p, before);
  await deleteRule(id);
  await recordAudit({ actor, action: "alert_rule.delete", entity: "alert_rule", entityId: id, before: ruleOut(before) });
  return { deleted: ruleOut(before) };
}

export function alertOut(a: Omit<AlertRow, "rule"> & { rule: { name: string } }) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const incidentKind = a.incidentKind === "level_shift" || a.incidentKind === "spike" ? a.incidentKind : "";
  const outliers = parseOutliers(a.outliers);
  const kind = { metric: a.metric, incidentKind, shiftAt: iso(a.shiftAt), levelBefore: a.levelBefore, levelAfter: a.levelAfter, peakValue: a.peakValue, peakExpected: a.peakExpected };
  return {
    id: a.id, ruleId: a.ruleId, ruleName: a.rule.name, metric: a.metric, grain: a.grain, scopeType: a.scopeType, scopeValue: a.scopeValue, team: a.team,
    windowStart: a.windowStart.toISOString(), windowEnd: a.windowEnd.toISOString(), peakValue: a.peakValue, peakExpected: a.peakExpected, peakScore: a.peakScore,
    impactUsd: a.impactUsd, points: a.points, status: a.status as "open" | "acknowledged" | "snoozed" | "resolved",
    snoozedUntil: iso(a.snoozedUntil), acknowledgedBy: a.acknowledgedBy, acknowledgedAt: iso(a.acknowledgedAt), resolvedBy: a.resolvedBy, resolvedAt: iso(a.resolvedAt),
    incidentKind, shiftAt: kind.shiftAt, levelBefore: a.levelBefore, levelAfter: a.levelAfter, outliers, kindSummary: describeKind(kind), outliersSummary: describeOutliers(outliers),
  };
}

/** An alert the caller may see (a lead: alerts of their teams only), else 404 (never "exists but forbidden"). */
export async function visibleAlert(scope: TeamScope, id: string): Promise<AlertRow> {
  const a = await getAlert(id);
  if (!a || (!scope.all && !inScope(scope, a.team))) throw new NotFoundError("No such alert");
  return a;
}

export async function listVisibleAlerts(scope: TeamScope, status: string[]) {
  return (await listAlerts(scope, { status })).map(alertOut);
}

/** The alert's series around its window (a week before, a day after), with the expected band, for the chart. */
export async function alertDetail(scope: TeamScope, id: string) {
  const a = await visibleAlert(scope, id);
  const grain = a.grain === "day" ? "day" : "hour";
  const step = STEP_MS[grain];
  const from = a.windowStart.getTime() - (grain === "hour" ? 7 : 28) * 86_400_000;
  const to = Math.min(Date.now() - (Date.now() % step), a.windowEnd.getTime() + (grain === "hour" ? 1 : 7) * 86_400_000);
  const metric = isAlertMetric(a.metric) ? a.metric : "spend";
  const rule = a.rule;
  // A costly-request rule's minimum volume counts baseline requests, not requests per hour: its chart (the
  // hourly cost per request) uses the hourly rules' usual 3, or quiet hours would show no band.
  const chartMinVolume = a.metric === "request_outlier" ? 3 : rule.minVolume;
  const [series] = await scoreRule({ metric, scopeType: a.scopeType as AlertScopeType, scopeValue: a.scopeValue, grain, sensitivity: (rule.sensitivity as Sensitivity) ?? "medium", minVolume: chartMinVolume }, from, to).then((all) => all.filter((s) => s.scopeValue === a.scopeValue));
  const points = series
    ? series.times.flatMap((t, i) => {
        if (t < from) return [];
        const v = series.verdicts[i];
        const r = series.rows[i];
        const value = r ? METRICS[metric].value(r) : null;
        return [{ t: new Date(t).toISOString(), value: value !== null && Number.isFinite(value) ? value : null, expected: v?.expected ?? null, lower: v?.lower ?? null, upper: v?.upper ?? null, flagged: v?.flagged ?? false }];
      })
    : [];
  // A costly-request alert lists its requests, each one click from its trace.
  const requests =
    a.metric === "request_outlier"
      ? (await flaggedRequests({ feature: a.scopeValue, from: a.windowStart.getTime(), to: a.windowEnd.getTime(), sensitivity: (rule.sensitivity as Sensitivity) ?? "medium", minCostUsd: rule.minImpactUsd, minVolume: rule.minVolume, scope, limit: 50 }))
          .sort((x, y) => y.score - x.score)
          .slice(0, 20)
          .map((r) => ({ at: new Date(r.atMs).toISOString(), cost_usd: r.cost_usd, expected_usd: r.expectedUsd.toFixed(6), score: r.score, trace_id: r.trace_id, request_id: r.request_id, attempts: r.attempts }))
      : [];
  const deliveries = (await deliveriesOfAlert(a.id)).map((d) => ({ channel: d.channel, ok: d.ok, attempts: d.attempts, error: d.error, at: d.at.toISOString() }));
  return { alert: alertOut(a), series: points, unit: METRICS[metric].unit, requests, deliveries };
}

type Transition = "ack" | "resolve" | "snooze";
/** open → acknowledged → resolved, or snoozed until a time; who and when recorded on the alert and in the audit log. */
export async function transitionAlert(p: Principal, scope: TeamScope, id: string, action: Transition, actor: string, until?: Date) {
  const a = await visibleAlert(scope, id);
  requirePermission(p, "budgets:write", a.team ? { team: a.team } : undefined);
  const now = new Date();
  if (a.status === "resolved" && action !== "resolve") throw new ConflictError("This alert is resolved; a new incident on the same series raises a new alert");
  if (action === "snooze" && (!until || until <= now)) throw new InvalidInputError("until: must be in the future");
  const data =
    action === "ack"
      ? { status: "acknowledged", acknowledgedBy: actor, acknowledgedAt: now }
      : action === "resolve"
        ? { status: "resolved", resolvedBy: actor, resolvedAt: now, snoozedUntil: null }
        : { status: "snoozed", snoozedUntil: until! };
  const updated = await updateAlert(id, data);
  await recordAudit({ actor, action: `alert.${action}`, entity: "alert", entityId: id, before: { status: a.status }, after: { status: updated.status, ...(until ? { snoozedUntil: until.toISOString() } : {}) } });
  return alertOut({ ...updated, rule: a.rule });
}

export async function rulesList() {
  const { listRules } = await import("@/lib/db/alerts");
  return (await listRules()).map(ruleOut);
}
