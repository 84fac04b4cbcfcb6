"use client";
import Link from "next/link";
import { useState } from "react";
import { BandChart } from "@/components/charts/band-chart";
import { Card, StatusMessage } from "@/components/ui/card";
import { FormError } from "@/components/ui/form";
import { changeQuery, exploreLink, tracesLink } from "@/lib/alerts/links";
import { formatUsd, formatUsdSigned, formatUtcMinute } from "@/lib/finops/format";
import { useAlert, useChange, useTransition } from "@/lib/hooks/use-alerts";
import { formatMetric, formatWindow, metricLabel, scopeLabel, STATUS_LABEL } from "./alert-format";
import { AlertAnnotations } from "./alert-annotations";

export function AlertDetailView({ id, canAct }: { id: string; canAct: boolean }) {
  const q = useAlert(id);
  const act = useTransition(id);
  const [snoozeHours, setSnoozeHours] = useState(24);
  const change = useChange(q.data ? changeQuery(q.data.alert) : null);
  if (q.isPending) return <StatusMessage kind="loading" title="Loading alert…" />;
  if (q.error) return <StatusMessage kind="error" title="Could not load this alert">{q.error.message}</StatusMessage>;
  const { alert: a, series, deliveries, requests } = q.data;
  const fmt = (v: number) => formatMetric(a.metric, v);
  return (
    <div className="stack">
      <Card>
        <div className="alert-head">
          <div className="min0">
            <p className="muted"><Link href="/alerts">Alerts</Link> / {a.ruleName}</p>
            <h1 className="alert-title">{metricLabel(a.metric)} anomaly · <span className="truncate">{scopeLabel(a.scopeType, a.scopeValue)}</span></h1>
            <p className="muted">{formatWindow(a.windowStart, a.windowEnd)} · {a.points} anomalous {a.grain}{a.points === 1 ? "" : "s"}</p>
          </div>
          <span className={`badge badge-${a.status}`}>{STATUS_LABEL[a.status]}{a.status === "snoozed" && a.snoozedUntil ? ` until ${formatUtcMinute(a.snoozedUntil)}` : ""}</span>
        </div>
        <div className="trace-kpis">
          <div><div className="muted">Peak</div><div className="waste-value">{fmt(a.peakValue)}</div></div>
          <div><div className="muted">Expected at the peak</div><div className="waste-value">{fmt(a.peakExpected)}</div></div>
          <div><div className="muted">Score</div><div className="waste-value">{a.peakScore > 1e6 ? "≫ 1,000" : a.peakScore.toFixed(1)}</div></div>
          <div><div className="muted">Impact</div><div className="waste-value">{formatUsd(a.impactUsd)}</div></div>
        </div>
        <AlertAnnotations alert={a} />
        <p className="muted">
          {a.acknowledgedBy && <>Acknowledged by {a.acknowledgedBy} at {a.acknowledgedAt && formatUtcMinute(a.acknowledgedAt)}. </>}
          {a.resolvedBy && <>Resolved by {a.resolvedBy} at {a.resolvedAt && formatUtcMinute(a.resolvedAt)}.</>}
        </p>
        <div className="toolbar">
          {canAct && a.status !== "resolved" && (
            <>
              {a.status === "open" && <button className="button" disabled={act.isPending} onClick={() => act.mutate({ action: "ack" })}>Acknowledge</button>}
              <button className="button" disabled={act.isPending} onClick={() => act.mutate({ action: "resolve" })}>Resolve</button>
              <span className="filter-add">
                <select aria-label="Snooze for" value={snoozeHours} onChange={(e) => setSnoozeHours(Number(e.target.value))}>
                  <option value={4}>4 hours</option><option value={24}>1 day</option><option value={168}>1 week</option>
                </select>
                <button className="button" disabled={act.isPending} onClick={() => act.mutate({ action: "snooze", until: new Date(Date.now() + snoozeHours * 3_600_000).toISOString() })}>Snooze</button>
              </span>
            </>
          )}
          <Link className="button" href={exploreLink(a)}>Open in Explore</Link>
          <Link className="button" href={tracesLink(a)}>Traces in this window</Link>
        </div>
        <FormError error={act.error} />
      </Card>
      <Card title="Series and expected band" subtitle="The line is the metric; the dashed line and shaded band are what the baseline (MSTL on the history before each point) expected; red dots were flagged; the red area is the alert's window.">
        {series.length === 0 ? <StatusMessage kind="empty" title="No data for this series">The scope had no usage around the alert's window.</StatusMessage> : <BandChart points={series} windowStart={a.windowStart} windowEnd={a.windowEnd} format={fmt} label={metricLabel(a.metric)} />}
      </Card>
      {requests.length > 0 && (
        <Card title="Costly requests" subtitle="Single requests of this feature far above its usual cost (the median of its previous 14 days). Open one to see its trace.">
          <table className="table">
            <thead><tr><th>At (UTC)</th><th className="num">Cost</th><th className="num">Usual</th><th className="num">Score</th><th>Trace</th></tr></thead>
            <tbody>
              {requests.map((r) => (
                <tr key={`${r.trace_id}-${r.request_id}-${r.at}`}>
                  <td>{formatUtcMinute(r.at)}</td>
                  <td className="num">{formatUsd(r.cost_usd)}</td>
                  <td className="num">{formatMetric("request_cost", Number(r.expected_usd))}</td>
                  <td className="num">{r.score.toFixed(1)}</td>
                  <td className="truncate">{r.trace_id || r.request_id ? <Link href={`/traces/${encodeURIComponent(r.trace_id || r.request_id)}`}>{(r.trace_id || r.request_id).slice(0, 16)}</Link> : <span className="muted">no trace id</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <Card title="What changed" subtitle="Spend of the alert's days against the same days one week earlier, split into drivers and their top contributors.">
        {change.isPending ? (
          <StatusMessage kind="loading" title="Explaining…" />
        ) : !change.data ? (
          <StatusMessage kind="empty" title="Explanation not available">The change decomposition did not answer for this window. Use Explore to compare it by hand.</StatusMessage>
        ) : (
          <div className="stack">
            <p>
              {formatUsd(change.data.baseline.cost_usd)} → {formatUsd(change.data.current.cost_usd)} (<strong>{formatUsdSigned(change.data.change_usd)}</strong>)
            </p>
            <table className="table">
              <thead><tr><th>Driver</th><th className="num">Amount</th><th>Top contributors</th></tr></thead>
              <tbody>
                {change.data.drivers.map((d) => (
                  <tr key={d.id}>
                    <td title={d.definition}>{d.label}</td>
                    <td className="num">{formatUsdSigned(d.amount_usd)}</td>
                    <td>{d.contributors.slice(0, 3).map((c) => <div key={`${c.dimension}=${c.value}`} className="truncate">{c.dimension} = {c.value}: {formatUsdSigned(c.amount_usd)}</div>)}</td>
                  </tr>
                ))}
                <tr><td className="muted">Residual</td><td className="num">{formatUsdSigned(change.data.residual_usd)}</td><td /></tr>
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title="Notifications">
        {deliveries.length === 0 ? (
          <StatusMessage kind="empty" title="Not sent anywhere">No channel was enabled when this alert was raised, or it was found by a backfill of past days.</StatusMessage>
        ) : (
          <table className="table">
            <thead><tr><th>Channel</th><th>Result</th><th className="num">Attempts</th><th>At</th></tr></thead>
            <tbody>{deliveries.map((d, i) => <tr key={i}><td>{d.channel}</td><td>{d.ok ? "delivered" : `failed: ${d.error}`}</td><td className="num">{d.attempts}</td><td>{formatUtcMinute(d.at)}</td></tr>)}</tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
