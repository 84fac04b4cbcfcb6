import type { TeamScope } from "@/lib/auth/roles";
import { chQuery } from "@/lib/clickhouse/client";
import { scopeParams } from "@/lib/clickhouse/fragments";
import { spendDaily } from "@/lib/clickhouse/queries/spend-daily";
import type { OverviewResponse } from "@/lib/schemas/overview";
import { DAY_MS, isoDay, lastDaysWindow } from "./date-range";
import { Money, sumMoney, toStored } from "./money";


/**
 * Overview figures within a team scope: total spend, daily series (every day present, zero where nothing was billed) and
 * spend by team ("" = unattributed). The total is the exact sum of the daily values, which are sums of
 * stored per-event costs, so the lines add up to the total to the cent and beyond.
 */
export async function getOverview(days: number, scope: TeamScope, now = new Date()): Promise<OverviewResponse> {
  const { from, to } = lastDaysWindow(days, now);
  const rows = await chQuery(spendDaily, { from: `${from} 00:00:00`, to: `${to} 00:00:00`, ...scopeParams(scope) });
  const byDay = new Map<string, { cost: Money; attempts: number }>();
  const byTeam = new Map<string, Money>();
  let unpriced = 0;
  for (const r of rows) {
    const d = byDay.get(r.day) ?? { cost: new Money(0), attempts: 0 };
    d.cost = d.cost.plus(r.total_cost_usd);
    d.attempts += r.total_attempts;
    byDay.set(r.day, d);
    byTeam.set(r.team, (byTeam.get(r.team) ?? new Money(0)).plus(r.total_cost_usd));
    unpriced += r.unpriced_attempts;
  }
  const daily: OverviewResponse["daily"] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t < Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    const d = byDay.get(isoDay(t));
    daily.push({ day: isoDay(t), cost_usd: toStored(d?.cost ?? 0), attempts: d?.attempts ?? 0 });
  }
  const teams = [...byTeam.entries()]
    .map(([team, cost]) => ({ team, cost_usd: toStored(cost) }))
    .sort((a, b) => new Money(b.cost_usd).cmp(a.cost_usd));
  return {
    from,
    to,
    timezone: "UTC",
    total: {
      cost_usd: toStored(sumMoney(daily.map((d) => d.cost_usd))),
      attempts: daily.reduce((s, d) => s + d.attempts, 0),
      unpriced_events: unpriced,
    },
    daily,
    teams,
  };
}
