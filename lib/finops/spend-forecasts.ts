import Decimal from "decimal.js";
import type { TeamScope } from "@/lib/auth/roles";
import { addDays } from "@/lib/finops/date-range";
import { chQuery } from "@/lib/clickhouse/client";
import { scopeParams } from "@/lib/clickhouse/fragments";
import { spendDailyByValue, type ForecastDimension } from "@/lib/clickhouse/queries/spend-daily-by-value";
import { localDate, periodContaining, shiftPeriod, startOfLocalDay, type Calendar, type PeriodKind } from "@/lib/finops/calendar";
import { cents, periodRun, withPoint, type ChartPoint, type PeriodRun } from "@/lib/forecast/period-projection";
import { chDateTime } from "@/lib/ingest/to-row";

/**
 * The forecasts page: where each team, repo or feature lands at the end of the current month, quarter or
 * week, with the calibrated 80 % and 95 % intervals, beside what it spent in the whole previous period.
 * The same projection as a budget's burn-down (lib/forecast/period-projection), so a team's forecast here
 * equals its team budget's forecast. Values are ranked by spend over the last 28 days and this period;
 * the rest are counted, not forecast one by one. The scope total's point forecast is the sum of its parts'
 * (at least that sum when some are only counted); its intervals are fitted on its own daily series (intervals
 * do not add up across series) and move with the point.
 */
export const FORECAST_HISTORY_DAYS = 56;
const RANK_DAYS = 28;

export type ForecastRow = {
  value: string;
  /** The events with no value for the dimension (shown as "Unattributed"). */
  unattributed: boolean;
  actual_usd: string;
  previous_period_usd: string;
  forecast: { end_usd: string; lower80_usd: string; upper80_usd: string; lower95_usd: string; upper95_usd: string; model: string; note: string | null } | null;
  chart: ChartPoint[];
};
export type SpendForecasts = {
  dimension: ForecastDimension;
  period: { kind: PeriodKind; label: string; from: string; to: string; today: string; previous: { label: string; from: string; to: string } };
  time_zone: string;
  total: ForecastRow;
  rows: ForecastRow[];
  others: { count: number; actual_usd: string };
};

export async function spendForecasts(q: { dimension: ForecastDimension; period: PeriodKind; limit: number; now: Date; cal: Calendar; scope: TeamScope }): Promise<SpendForecasts> {
  const { cal, now } = q;
  const tz = cal.timeZone;
  const period = periodContaining(q.period, now, cal);
  const previous = shiftPeriod(period, -1, cal);
  const today = localDate(now, tz);
  const first = [previous.from, addDays(period.from, -FORECAST_HISTORY_DAYS), addDays(today, -FORECAST_HISTORY_DAYS)].sort()[0];
  const until = now < period.end ? now : period.end;
  const rows = await chQuery(spendDailyByValue, { from: chDateTime(startOfLocalDay(first, tz)), to: chDateTime(until), tz, dim: q.dimension, ...scopeParams(q.scope) });

  const byValue = new Map<string, Map<string, Decimal>>();
  const total = new Map<string, Decimal>();
  for (const r of rows) {
    const cost = new Decimal(r.total_cost_usd);
    let m = byValue.get(r.value);
    if (!m) byValue.set(r.value, (m = new Map()));
    m.set(r.day, cost);
    total.set(r.day, (total.get(r.day) ?? new Decimal(0)).plus(cost));
  }

  const rankFrom = [addDays(today, -RANK_DAYS), period.from].sort()[0];
  const weight = (m: Map<string, Decimal>) => [...m].reduce((s, [d, v]) => (d >= rankFrom ? s.plus(v) : s), new Decimal(0));
  const ranked = [...byValue].map(([value, m]) => ({ value, m, w: weight(m) })).filter((x) => x.w.gt(0));
  ranked.sort((a, b) => b.w.cmp(a.w) || (a.value < b.value ? -1 : 1));
  const shown = ranked.slice(0, q.limit);
  const rest = ranked.slice(q.limit);

  const sumIn = (m: ReadonlyMap<string, Decimal>, from: string, to: string) => [...m].reduce((s, [d, v]) => (d >= from && d < to ? s.plus(v) : s), new Decimal(0));
  const histFrom = addDays(period.from < today ? period.from : today, -FORECAST_HISTORY_DAYS);
  const runOf = (key: string, m: ReadonlyMap<string, Decimal>) => periodRun({ key: `forecast:${q.dimension}:${key}`, period, today, daily: m, histFrom });
  const row = (value: string, m: ReadonlyMap<string, Decimal>, run: PeriodRun, isTotal = false): ForecastRow => {
    const p = run.projection;
    const last = (xs: Decimal[]) => cents(xs[xs.length - 1]);
    return {
      value,
      unattributed: value === "" && !isTotal,
      actual_usd: run.actual.toFixed(9),
      previous_period_usd: sumIn(m, previous.from, previous.to).toFixed(9),
      forecast: p && p.point.length ? { end_usd: last(p.point), lower80_usd: last(p.lower80), upper80_usd: last(p.upper80), lower95_usd: last(p.lower95), upper95_usd: last(p.upper95), model: p.model, note: p.note } : null,
      chart: run.chart,
    };
  };

  const shownRuns = shown.map((x) => ({ x, run: runOf(`v:${x.value}`, x.m) }));
  // The total is the sum of its parts (bottom-up) when every value is forecast, and never below the forecast
  // ones when some are only counted: a part can no longer be projected above the total.
  let totalRun = runOf("(total)", total);
  const own = totalRun.projection?.point;
  if (own && shownRuns.length && shownRuns.every((r) => r.run.projection?.point.length === own.length)) {
    const parts = own.map((_, j) => shownRuns.reduce((sum, r) => sum.plus(r.run.projection!.point[j]), new Decimal(0)));
    totalRun = withPoint(totalRun, rest.length === 0 ? parts : parts.map((v, j) => Decimal.max(v, own[j])), today, period.from);
  }

  return {
    dimension: q.dimension,
    period: { kind: period.kind, label: period.label, from: period.from, to: period.to, today, previous: { label: previous.label, from: previous.from, to: previous.to } },
    time_zone: tz,
    total: row("", total, totalRun, true),
    rows: shownRuns.map(({ x, run }) => row(x.value, x.m, run)),
    others: { count: rest.length, actual_usd: rest.reduce((s, x) => s.plus(sumIn(x.m, period.from, addDays(today, 1))), new Decimal(0)).toFixed(9) },
  };
}

