"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Card, StatusMessage } from "@/components/ui/card";
import { FormError } from "@/components/ui/form";
import { formatUsd, formatUtcMinute } from "@/lib/finops/format";
import { useBudget, useDeleteBudget } from "@/lib/hooks/use-budgets";
import { BudgetForm } from "./budget-form";
import { BurnDownChart } from "./burn-down-chart";
import { StatusBadge } from "./status-badge";
import { WhatIfForm } from "./what-if-form";

export function BudgetDetail({ id }: { id: string }) {
  const q = useBudget(id);
  const del = useDeleteBudget();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  if (q.isPending) return <><h1>Budget</h1><StatusMessage kind="loading" title="Loading the budget and its forecast…" /></>;
  if (q.error) return <><h1>Budget</h1><StatusMessage kind="error" title="Could not load this budget">{q.error.message} <Link href="/budgets">Back to budgets</Link></StatusMessage></>;
  const { budget: b, events } = q.data;
  const f = b.forecast;
  return (
    <div className="stack">
      <h1 className="truncate" title={b.name || b.scope}>{b.name || b.scope}</h1>
      <p className="muted"><Link href="/budgets">← Budgets</Link> · {b.scope} · {b.current_period.label}</p>
      <div className="kpis">
        <div className="card"><div className="muted">Budget</div><div className="kpi-value">{formatUsd(b.amount_usd)}</div><div className="muted">{b.period === "custom" ? "custom range" : `per ${b.period}`}</div></div>
        <div className="card"><div className="muted">Actual to date</div><div className="kpi-value">{formatUsd(b.actual_usd)}</div><div className="muted">{b.percent_used} % used <StatusBadge status={b.status} /></div></div>
        <div className="card"><div className="muted">Projected at period end</div><div className="kpi-value">{f ? formatUsd(f.end_usd) : "—"}</div><div className="muted">{f ? `80 %: ${formatUsd(f.lower80_usd)} – ${formatUsd(f.upper80_usd)} · 95 %: ${formatUsd(f.lower95_usd)} – ${formatUsd(f.upper95_usd)}` : "period ended"}</div></div>
        <div className="card"><div className="muted">Projected breach</div><div className="kpi-value">{b.projected_breach_date ?? "None"}</div><div className="muted">first day cumulative spend reaches 100 %</div></div>
      </div>
      <Card title="Burn-down" subtitle={f ? `Cumulative spend; forecast by ${f.model}${f.note ? ` (${f.note})` : ""}, bands calibrated on its own backtest errors.` : "Cumulative spend."}>
        {b.chart.length === 0 ? <StatusMessage kind="empty" title="The period has not started" /> : <BurnDownChart points={b.chart} amount={b.amount_usd} thresholds={b.thresholds} />}
      </Card>
      <Card title="What if…" subtitle="Scale the remaining days' forecast; spend to date stays as it is.">
        <WhatIfForm id={b.id} amount={b.amount_usd} thresholds={b.thresholds} />
      </Card>
      <Card title="Threshold events" subtitle="Recorded once per budget, period and threshold.">
        {events.length === 0 ? (
          <StatusMessage kind="empty" title="No threshold crossed yet" />
        ) : (
          <div className="table-scroll">
            <table className="table compact">
              <thead><tr><th>When</th><th>Event</th><th>Action</th><th className="num">Spend</th><th>Period</th></tr></thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <td>{formatUtcMinute(e.at)}</td>
                    <td>{e.kind === "crossed" ? "Reached" : "Projected to reach"} {e.percent} %</td>
                    <td>{e.action.replace("_", " ")}</td>
                    <td className="num">{formatUsd(e.spend_usd)}</td>
                    <td>{e.period.replace("/", " → ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {b.can_edit && (
        <Card title="Edit budget">
          {editing ? (
            <BudgetForm id={b.id} initial={{ name: b.name, scope_type: b.scope_type, scope_value: b.scope_value, team: b.team, period: b.period, custom_from: b.custom_from, custom_to: b.custom_to, amount_usd: b.amount_usd, thresholds: b.thresholds }} onDone={() => setEditing(false)} />
          ) : (
            <div className="form-actions">
              <button className="button" onClick={() => setEditing(true)}>Edit</button>
              <button className="button danger" disabled={del.isPending} onClick={() => confirm(`Delete budget "${b.name || b.scope}"?`) && del.mutateAsync(b.id).then(() => router.push("/budgets")).catch(() => undefined)}>Delete</button>
              <FormError error={del.error} />
            </div>
          )}
        </Card>
      )}
    </div>
  );
}
