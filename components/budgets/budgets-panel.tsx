"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Card, StatusMessage } from "@/components/ui/card";
import { formatUsd } from "@/lib/finops/format";
import { useBudgets } from "@/lib/hooks/use-budgets";
import { BudgetForm } from "./budget-form";
import { StatusBadge } from "./status-badge";

/** The budgets list: where each budget stands this period and where it will land, with a form to add one. */
export function BudgetsPanel({ canCreate }: { canCreate: boolean }) {
  const budgets = useBudgets();
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const list = budgets.data?.budgets ?? [];
  return (
    <div className="stack">
      <Card title="Budgets" subtitle="Spend this period, the forecast at period end (80 % interval) and the first day it crosses 100 %.">
        {canCreate && !creating && (
          <div className="card-actions">
            <button className="button primary" onClick={() => setCreating(true)}>New budget</button>
          </div>
        )}
        {budgets.isPending ? (
          <StatusMessage kind="loading" title="Loading budgets and forecasts…" />
        ) : budgets.error ? (
          <StatusMessage kind="error" title="Could not load budgets">{budgets.error.message}</StatusMessage>
        ) : list.length === 0 ? (
          <StatusMessage kind="empty" title="No budgets yet">{canCreate ? "Create one for a team, repo, feature, customer, work item or ingest key." : "A lead, finance or an admin can create one."}</StatusMessage>
        ) : (
          <div className="table-scroll">
            <table className="table compact budgets-table">
              <thead>
                <tr><th>Budget</th><th>Period</th><th className="num">Budget</th><th className="num">Actual</th><th className="num">Forecast at end</th><th>Status</th><th>Breach</th></tr>
              </thead>
              <tbody>
                {list.map((b) => (
                  <tr key={b.id}>
                    <td className="truncate" title={`${b.name || b.scope} — ${b.scope}`}>
                      <Link href={`/budgets/${b.id}`}>{b.name || b.scope}</Link>
                      <div className="muted truncate">{b.scope}</div>
                    </td>
                    <td>{b.current_period.label}</td>
                    <td className="num">{formatUsd(b.amount_usd)}</td>
                    <td className="num">{formatUsd(b.actual_usd)}<div className="muted">{b.percent_used} %</div></td>
                    <td className="num">
                      {b.forecast ? (
                        <>
                          {formatUsd(b.forecast.end_usd)}
                          <div className="muted">{formatUsd(b.forecast.lower80_usd)} – {formatUsd(b.forecast.upper80_usd)}</div>
                        </>
                      ) : "—"}
                    </td>
                    <td><StatusBadge status={b.status} /></td>
                    <td>{b.projected_breach_date ?? <span className="muted">none</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {creating && (
        <Card title="New budget" subtitle="Defaults: notify at 80 %, require approval at 100 %, block at 120 %.">
          <BudgetForm onDone={(id) => router.push(`/budgets/${id}`)} />
          <button className="button link cancel-link" onClick={() => setCreating(false)}>Cancel</button>
        </Card>
      )}
    </div>
  );
}
