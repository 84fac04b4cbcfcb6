"use client";
import Link from "next/link";
import { DailySpendChart } from "@/components/charts/daily-spend-chart";
import { prepareDailySeries } from "@/components/charts/prepare-daily-series";
import { Card, StatusMessage } from "@/components/ui/card";
import { WastePanel } from "./waste-panel";
import { formatDay, formatInt, formatUsd, teamLabel } from "@/lib/finops/format";
import { useOverview } from "@/lib/hooks/use-overview";

const DAYS = 30;

export function OverviewPanel() {
  const { data, error, isPending } = useOverview(DAYS);
  if (isPending) return <StatusMessage kind="loading" title="Loading spend…" />;
  if (error) return <StatusMessage kind="error" title="Could not load spend">{error.message}</StatusMessage>;
  const lastDay = data.days[data.days.length - 1] ?? data.to;
  const range = `${formatDay(data.from)} – ${formatDay(lastDay)} (UTC)`;
  const empty = data.total.attempts === 0;
  return (
    <>
      <div className="kpis">
        <Card className="kpi">
          <div className="kpi-label" title="Sum of the cost of every billed call attempt in the period, computed at ingest from the price in force at each call.">
            Spend, last {DAYS} days
          </div>
          <div className="kpi-value" data-testid="total-spend">{formatUsd(data.total.cost_usd)}</div>
          <div className="muted">{range}</div>
        </Card>
        <Card className="kpi">
          <div className="kpi-label" title="Billed model-call attempts (retries count separately).">Call attempts</div>
          <div className="kpi-value" data-testid="total-attempts">{formatInt(data.total.attempts)}</div>
          <div className="muted">{range}</div>
        </Card>
        <Card className="kpi">
          <div className="kpi-label" title="Events for a provider and model with no price in the price book: stored, counted here, not costed.">Unpriced events</div>
          <div className="kpi-value" data-testid="unpriced-events">{formatInt(data.total.unpriced_events)}</div>
          <div className="muted">{data.total.unpriced_events ? <Link href="/settings?tab=unpriced">add their prices in Settings</Link> : "every event has a price"}</div>
        </Card>
      </div>
      <Card title="Daily spend" subtitle={range}>
        {empty ? (
          <StatusMessage kind="empty" title="No usage in this period">
            Send events to POST /api/v1/events, or start with TOKENLEDGER_DEMO=on to load the demo.
          </StatusMessage>
        ) : (
          <DailySpendChart points={prepareDailySeries(data.days.map((day, i) => ({ day, cost_usd: data.daily_cost_usd[i], attempts: 0 })))} />
        )}
      </Card>
      {!empty && <WastePanel from={data.from} to={data.to} range={range} />}
      {!empty && (
        <Card title="Spend by team" subtitle={range}>
          <table className="table fixed">
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col" className="num">Spend</th>
              </tr>
            </thead>
            <tbody>
              {data.top.team.entries.map(({ key: team, cost_usd }) => ({ team, cost_usd })).map((t) => (
                <tr key={t.team}>
                  <td className={t.team ? "truncate" : "muted"} title={teamLabel(t.team)}>{teamLabel(t.team)}</td>
                  <td className="num">{formatUsd(t.cost_usd)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="num">{formatUsd(data.total.cost_usd)}</td>
              </tr>
            </tfoot>
          </table>
        </Card>
      )}
    </>
  );
}
