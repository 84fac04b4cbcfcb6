import Decimal from "decimal.js";
import type { Sensitivity } from "@/lib/anomaly/detect";
import type { AlertScopeType } from "@/lib/clickhouse/queries/alert-series";
import { createAlert, findContinuedAlert, listRules, updateAlert, wakeSnoozed } from "@/lib/db/alerts";
import { logger } from "@/lib/log/logger";
import { notifyAll } from "@/lib/notify/send";
import { classifyScored, NO_ANNOTATION, outlyingChildren, type Annotation } from "./annotate";
import { describeKind, describeOutliers } from "./describe";
import { groupIncidents } from "./incidents";
import { isAlertMetric, METRICS, type AlertMetric } from "./metrics";
import { flaggedRequests, requestIncidents } from "./request-outliers";
import { scoreRule, STEP_MS, type RuleSpec } from "./series";

/**
 * One evaluation: every enabled rule, every series of its scope, scored over the last `lookbackDays`
 * (complete buckets only). Each incident above the rule's minimum impact becomes one alert, or updates the
 * alert it continues (same rule, scope and series, windows touching). New alerts are notified through
 * every channel, except those that ended long ago (a first backfill must not page about last month).
 */
/** `query_ms`: reading the rollups; `detect_ms`: fitting and scoring (the rest is storing alerts and notifying). */
/** `annotate_ms`: augurs' changepoint and outlier annotations of the alerts created or updated (annotate.ts). */
export type EvaluationSummary = { rules: number; series: number; incidents: number; created: number; updated: number; notified: number; ms: number; query_ms: number; detect_ms: number; annotate_ms: number };

type Rule = Awaited<ReturnType<typeof listRules>>[number];
type Found = { scopeValue: string; team: string; start: number; end: number; lastFlagged: number; peak: { value: number; expected: number; score: number }; impact: Decimal; points: number; classify?: () => Omit<Annotation, "outliers"> };

export async function evaluateAlerts(opts: { now?: Date; lookbackDays?: number; ruleIds?: string[]; publicUrl?: string; notify?: boolean } = {}): Promise<EvaluationSummary> {
  const started = Date.now();
  const now = (opts.now ?? new Date()).getTime();
  const lookback = (opts.lookbackDays ?? 3) * 86_400_000;
  await wakeSnoozed(new Date(now));
  const rules = (await listRules()).filter((r) => r.enabled && (!opts.ruleIds || opts.ruleIds.includes(r.id)));
  const s: EvaluationSummary = { rules: rules.length, series: 0, incidents: 0, created: 0, updated: 0, notified: 0, ms: 0, query_ms: 0, detect_ms: 0, annotate_ms: 0 };
  const timing = { queryMs: 0, detectMs: 0, annotateMs: 0 };

  /** Creates the incident's alert, or grows the alert it continues; notifies new, recent ones. */
  async function raise(rule: Rule, metric: AlertMetric, grain: "hour" | "day", f: Found) {
    const def = METRICS[metric];
    s.incidents++;
    const scopeType = rule.scopeType;
    const seriesKey = `${rule.id}|${metric}|${grain}|${scopeType}=${f.scopeValue}`;
    const windowStart = new Date(f.start);
    const windowEnd = new Date(f.end);
    const data = {
      ruleId: rule.id, seriesKey, metric, grain, scopeType, scopeValue: f.scopeValue, team: f.team,
      windowStart, windowEnd, lastFlaggedAt: new Date(f.lastFlagged),
      peakValue: f.peak.value, peakExpected: f.peak.expected, peakScore: f.peak.score, impactUsd: f.impact.toFixed(2), points: f.points,
    };
    // augurs' annotations (kind of incident, outlying children): only for alerts created or updated here.
    const annotate = async (start: Date, end: Date): Promise<Annotation> => {
      if (metric === "request_outlier") return NO_ANNOTATION;
      const t0 = performance.now();
      // An annotation that fails leaves the alert unannotated; it never stops the alert.
      let kind: Omit<Annotation, "outliers"> = NO_ANNOTATION;
      let outliers: Awaited<ReturnType<typeof outlyingChildren>> = null;
      try {
        kind = f.classify?.() ?? NO_ANNOTATION;
        outliers = await outlyingChildren({ metric, grain, scopeType: scopeType as AlertScopeType, scopeValue: f.scopeValue, windowStart: start, windowEnd: end });
      } catch (e) {
        logger.warn({ err: e, seriesKey }, "alert annotation failed");
      }
      timing.annotateMs += performance.now() - t0;
      return { ...kind, outliers: outliers ? JSON.stringify(outliers) : "" };
    };
    const existing = await findContinuedAlert(seriesKey, windowStart, windowEnd);
    if (existing) {
      // The incident as now seen (it may have grown); an earlier start is kept.
      const start = existing.windowStart < windowStart ? existing.windowStart : windowStart;
      const end = existing.windowEnd > windowEnd ? existing.windowEnd : windowEnd;
      if (+existing.windowEnd !== +end || +existing.windowStart !== +start || existing.impactUsd !== data.impactUsd) {
        await updateAlert(existing.id, { ...data, windowStart: start, windowEnd: end, ...(await annotate(start, end)) });
        s.updated++;
      }
      return;
    }
    const ann = await annotate(windowStart, windowEnd);
    const alert = await createAlert({ ...data, ...ann });
    s.created++;
    const recent = now - windowEnd.getTime() < 2 * 86_400_000;
    if (opts.notify === false || !recent) return;
    const scope = scopeType === "org" ? "organisation" : `${scopeType}=${f.scopeValue}`;
    const kind = describeKind({ metric, ...ann, shiftAt: ann.shiftAt?.toISOString() ?? null, peakValue: f.peak.value, peakExpected: f.peak.expected });
    const off = describeOutliers(ann.outliers ? (JSON.parse(ann.outliers) as { dimension: string; values: string[] }) : null);
    const what = def.unit === "usd" ? `$${f.peak.value.toFixed(2)} vs expected $${f.peak.expected.toFixed(2)}` : `${f.peak.value.toFixed(3)} vs expected ${f.peak.expected.toFixed(3)}`;
    const unit = metric === "request_outlier" ? "request(s)" : `${grain}(s)`;
    await notifyAll(
      {
        kind: "alert",
        title: `${def.label} anomaly: ${scope}`,
        text: `${what} at the peak; $${f.impact.toFixed(2)} at stake over ${f.points} ${unit} since ${windowStart.toISOString().slice(0, 16)}Z (rule "${rule.name}")${kind ? `. ${kind}` : ""}${off ? `. ${off}` : ""}`,
        url: `${opts.publicUrl ?? ""}/alerts/${alert.id}`,
        severity: f.impact.gte(new Decimal(rule.minImpactUsd).times(10)) ? "critical" : "warning",
      },
      { alertId: alert.id },
    );
    s.notified++;
  }

  for (const rule of rules) {
    if (!isAlertMetric(rule.metric)) continue;
    const grain = rule.grain === "day" ? "day" : "hour";
    const step = STEP_MS[grain];
    const to = Math.floor(now / step) * step; // the current bucket is incomplete: never scored
    const minImpact = new Decimal(rule.minImpactUsd);
    if (rule.metric === "request_outlier") {
      // Per request, from raw events of the window (request identity is not in the rollups): see request-outliers.ts.
      const t0 = performance.now();
      const flagged = await flaggedRequests({ feature: rule.scopeType === "feature" ? rule.scopeValue : "", from: to - lookback, to: Math.floor(now / 3_600_000) * 3_600_000, sensitivity: rule.sensitivity as Sensitivity, minCostUsd: rule.minImpactUsd, minVolume: rule.minVolume, scope: { all: true } });
      timing.queryMs += performance.now() - t0;
      const incidents = requestIncidents(flagged);
      s.series += new Set(incidents.map((i) => i.feature)).size;
      for (const inc of incidents) {
        if (inc.impact.lt(minImpact)) continue;
        const peak = { value: Number(inc.peak.cost_usd), expected: inc.peak.expectedUsd, score: inc.peak.score };
        await raise(rule, "request_outlier", "hour", { scopeValue: inc.feature, team: inc.team, start: inc.startMs, end: inc.endMs, lastFlagged: inc.requests[inc.requests.length - 1].atMs, peak, impact: inc.impact, points: inc.requests.length });
      }
      continue;
    }
    const spec: RuleSpec = { metric: rule.metric, scopeType: rule.scopeType as AlertScopeType, scopeValue: rule.scopeValue, grain, sensitivity: rule.sensitivity as Sensitivity, minVolume: rule.minVolume };
    const def = METRICS[rule.metric];
    for (const series of await scoreRule(spec, to - lookback, to, timing)) {
      s.series++;
      // Hourly incidents of some metrics bridge more quiet hours (MetricDef.bridgeHours).
      const incidents = groupIncidents(series.verdicts, (v) => (series.rows[v.index] ? def.impact(series.rows[v.index]!, v.expected) : new Decimal(0)), grain === "hour" ? (def.bridgeHours ?? 1) : 1);
      for (const inc of incidents) {
        if (inc.impact.lt(minImpact)) continue;
        const team = rule.scopeType === "team" ? series.scopeValue : series.teams.size === 1 ? [...series.teams][0] : "";
        const peak = { value: inc.peak.value, expected: inc.peak.expected, score: inc.peak.score };
        const classify = () => classifyScored(series, spec.metric, inc.startIndex, inc.endIndex, grain);
        await raise(rule, rule.metric, grain, { scopeValue: series.scopeValue, team, start: series.times[inc.startIndex], end: series.times[inc.endIndex] + step, lastFlagged: series.times[inc.endIndex], peak, impact: inc.impact, points: inc.points, classify });
      }
    }
  }
  s.ms = Date.now() - started;
  s.query_ms = Math.round(timing.queryMs);
  s.detect_ms = Math.round(timing.detectMs);
  s.annotate_ms = Math.round(timing.annotateMs);
  return s;
}
