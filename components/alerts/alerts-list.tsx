"use client";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { ALERT_STATUS_FILTERS, alertsParsers } from "@/lib/finops/alerts-state";
import { Card, StatusMessage } from "@/components/ui/card";
import { FormError } from "@/components/ui/form";
import { formatUsd } from "@/lib/finops/format";
import { useAlerts, useEvaluate } from "@/lib/hooks/use-alerts";
import { KIND_LABEL } from "@/lib/alerts/describe";
import { formatMetric, formatWindow, metricLabel, scopeLabel, STATUS_LABEL } from "./alert-format";

export function AlertsList({ canEvaluate }: { canEvaluate: boolean }) {
  const [{ status }, setValues] = useQueryStates(alertsParsers, { history: "replace", scroll: false });
  const alerts = useAlerts(ALERT_STATUS_FILTERS.find((f) => f.id === status)?.api ?? "open,acknowledged");
  const evaluate = useEvaluate();
  return (
    <Card title="Alerts" subtitle="One alert per incident: consecutive anomalous hours (or days) of one rule and scope.">
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Status">
          {ALERT_STATUS_FILTERS.map((f) => (
            <button key={f.id} className={`button small ${status === f.id ? "primary" : ""}`} aria-pressed={status === f.id} onClick={() => void setValues({ status: f.id })}>
              {f.label}
            </button>
          ))}
        </div>
        {canEvaluate && (
          <button className="button" disabled={evaluate.isPending} onClick={() => evaluate.mutate(90)} title="Runs every rule over the last 90 days (the hourly schedule looks at the last 3)">
            {evaluate.isPending ? "Evaluating…" : "Evaluate now"}
          </button>
        )}
        {evaluate.data && <span className="muted">{evaluate.data.series} series, {evaluate.data.created} new, {evaluate.data.updated} updated in {(evaluate.data.ms / 1000).toFixed(1)} s</span>}
      </div>
      <FormError error={evaluate.error} />
      {alerts.isPending ? (
        <StatusMessage kind="loading" title="Loading alerts…" />
      ) : alerts.error ? (
        <StatusMessage kind="error" title="Could not load alerts">{alerts.error.message}</StatusMessage>
      ) : alerts.data.alerts.length === 0 ? (
        <StatusMessage kind="empty" title="No alerts here">Nothing anomalous with this status. Rules run every hour.</StatusMessage>
      ) : (
        <div className="table-scroll">
          <table className="table alerts-table">
            <thead>
              <tr><th>Status</th><th>What</th><th>Window</th><th className="num">Peak vs expected</th><th className="num">Impact</th></tr>
            </thead>
            <tbody>
              {alerts.data.alerts.map((a) => (
                <tr key={a.id}>
                  <td><span className={`badge badge-${a.status}`}>{STATUS_LABEL[a.status]}</span></td>
                  <td className="alert-what">
                    <Link href={`/alerts/${a.id}`}>{metricLabel(a.metric)}</Link>
                    {KIND_LABEL[a.incidentKind] && <> <span className={`badge badge-kind-${a.incidentKind}`} title={a.kindSummary}>{KIND_LABEL[a.incidentKind]}</span></>}
                    <div className="muted truncate" title={scopeLabel(a.scopeType, a.scopeValue)}>{scopeLabel(a.scopeType, a.scopeValue)}</div>
                  </td>
                  <td className="nowrap">{formatWindow(a.windowStart, a.windowEnd)}<div className="muted">{a.points} {a.grain}{a.points === 1 ? "" : "s"}</div></td>
                  <td className="num nowrap">{formatMetric(a.metric, a.peakValue)} <span className="muted">vs {formatMetric(a.metric, a.peakExpected)}</span></td>
                  <td className="num">{formatUsd(a.impactUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
