import Decimal from "decimal.js";
import type { Sensitivity } from "@/lib/anomaly/detect";
import type { AlertScopeType } from "@/lib/clickhouse/queries/alert-series";
import { createAlert, findContinuedAlert, listRules, updateAlert, wakeSnoozed } from "@/lib/db/alerts";
import { notifyAll } from "@/lib/notify/send";
import { groupIncidents } from "./incidents";
import { isAlertMetric, METRICS } from "./metrics";
import { scoreRule, STEP_MS, type RuleSpec } from "./series";

/**
 * One evaluation: every enabled rule, every series of its scope, scored over the last `lookbackDays`
 * (complete buckets only). Each incident above the rule's minimum impact becomes one alert, or updates the
 * alert it continues (same rule, scope and series, windows touching). New alerts are notified through
 * every channel, except those that ended long ago (a first backfill must not page about last month).
 */
export type EvaluationSummary = { rules: number; series: number; incidents: number; created: number; updated: number; notified: number; ms: number };

export async function evaluateAlerts(opts: { now?: Date; lookbackDays?: number; ruleIds?: string[]; publicUrl?: string; notify?: boolean } = {}): Promise<EvaluationSummary> {
  const started = Date.now();
  const now = (opts.now ?? new Date()).getTime();
  const lookback = (opts.lookbackDays ?? 3) * 86_400_000;
  await wakeSnoozed(new Date(now));
  const rules = (await listRules()).filter((r) => r.enabled && (!opts.ruleIds || opts.ruleIds.includes(r.id)));
  const s: EvaluationSummary = { rules: rules.length, series: 0, incidents: 0, created: 0, updated: 0, notified: 0, ms: 0 };
  for (const rule of rules) {
    if (!isAlertMetric(rule.metric)) continue;
    const grain = rule.grain === "day" ? "day" : "hour";
    const step = STEP_MS[grain];
    const to = Math.floor(now / step) * step; // the current bucket is incomplete: never scored
    const spec: RuleSpec = { metric: rule.metric, scopeType: rule.scopeType as AlertScopeType, scopeValue: rule.scopeValue, grain, sensitivity: rule.sensitivity as Sensitivity, minVolume: rule.minVolume };
    const def = METRICS[rule.metric];
    const minImpact = new Decimal(rule.minImpactUsd);
    for (const series of await scoreRule(spec, to - lookback, to)) {
      s.series++;
      // Hourly incidents bridge up to 3 quiet hours: a waste that shows in most hours of a 4-day incident
      // (cancellations, cache misses) is one alert whose impact adds up, not fifty below the minimum impact.
      const incidents = groupIncidents(series.verdicts, (v) => (series.rows[v.index] ? def.impact(series.rows[v.index]!, v.expected) : new Decimal(0)), grain === "hour" ? 3 : 1);
      for (const inc of incidents) {
        if (inc.impact.lt(minImpact)) continue;
        s.incidents++;
        const scopeType = rule.scopeType;
        const team = scopeType === "team" ? series.scopeValue : series.teams.size === 1 ? [...series.teams][0] : "";
        const seriesKey = `${rule.id}|${rule.metric}|${grain}|${scopeType}=${series.scopeValue}`;
        const windowStart = new Date(series.times[inc.startIndex]);
        const windowEnd = new Date(series.times[inc.endIndex] + step);
        const data = {
          ruleId: rule.id, seriesKey, metric: rule.metric, grain, scopeType, scopeValue: series.scopeValue, team,
          windowStart, windowEnd, lastFlaggedAt: new Date(series.times[inc.endIndex]),
          peakValue: inc.peak.value, peakExpected: inc.peak.expected, peakScore: inc.peak.score, impactUsd: inc.impact.toFixed(2), points: inc.points,
        };
        const existing = await findContinuedAlert(seriesKey, windowStart, windowEnd);
        if (existing) {
          // The incident as now seen (it may have grown); an earlier start is kept.
          const start = existing.windowStart < windowStart ? existing.windowStart : windowStart;
          const end = existing.windowEnd > windowEnd ? existing.windowEnd : windowEnd;
          if (+existing.windowEnd !== +end || +existing.windowStart !== +start || existing.impactUsd !== data.impactUsd) {
            await updateAlert(existing.id, { ...data, windowStart: start, windowEnd: end });
            s.updated++;
          }
          continue;
        }
        const alert = await createAlert(data);
        s.created++;
        const recent = now - windowEnd.getTime() < 2 * 86_400_000;
        if (opts.notify !== false && recent) {
          const scope = scopeType === "org" ? "organisation" : `${scopeType}=${series.scopeValue}`;
          const what = def.unit === "usd" ? `$${inc.peak.value.toFixed(2)} vs expected $${inc.peak.expected.toFixed(2)}` : `${inc.peak.value.toFixed(3)} vs expected ${inc.peak.expected.toFixed(3)}`;
          await notifyAll(
            {
              kind: "alert",
              title: `${def.label} anomaly: ${scope}`,
              text: `${what} at the peak; $${inc.impact.toFixed(2)} at stake over ${inc.points} ${grain}(s) since ${windowStart.toISOString().slice(0, 16)}Z (rule "${rule.name}")`,
              url: `${opts.publicUrl ?? ""}/alerts/${alert.id}`,
              severity: inc.impact.gte(minImpact.times(10)) ? "critical" : "warning",
            },
            { alertId: alert.id },
          );
          s.notified++;
        }
      }
    }
  }
  s.ms = Date.now() - started;
  return s;
}
