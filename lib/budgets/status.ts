import Decimal from "decimal.js";
import type { Calendar } from "@/lib/finops/calendar";
import { startOfLocalDay } from "@/lib/finops/calendar";
import { forecast, type ForecastResult } from "@/lib/forecast/forecast";
import type { Threshold } from "@/lib/schemas/budget";
import { onThresholdCrossed } from "./events";
import { addDays, budgetPeriod, daysBetween, filterOf, localDate, scopeLabel, type Budget, type BudgetPeriod } from "./model";
import { dailySpend } from "./spend";
import { highestReached, reachedThresholds, thresholdAmount } from "./thresholds";

/**
 * Where a budget stands: actual spend this period (exact), the forecast at period end with its 80 % and 95 %
 * intervals (the forecaster's calibrated running-total band, lib/forecast), the projected breach date (first
 * day the projected cumulative spend reaches 100 %), and the burn-down chart. Days are local dates in the
 * organisation's zone; the forecast is fitted on complete days only (today is partial).
 */
export const HISTORY_DAYS = 56;

export type ChartPoint = { date: string; actual: string | null; forecast: string | null; lower80: string | null; upper80: string | null; lower95: string | null; upper95: string | null };
export type BudgetForecast = { end_usd: string; lower80_usd: string; upper80_usd: string; lower95_usd: string; upper95_usd: string; model: string; note: string | null };
export type BudgetState = "on_track" | "warning" | "at_risk" | "over" | "not_started" | "ended";
export type BudgetStatus = Budget & {
  scope: string;
  current_period: { key: string; label: string; from: string; to: string };
  actual_usd: string;
  percent_used: string;
  reached: Threshold | null;
  forecast: BudgetForecast | null;
  status: BudgetState;
  projected_breach_date: string | null;
  chart: ChartPoint[];
};

const cents = (v: Decimal.Value) => new Decimal(v).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2);

type Projection = { dates: string[]; point: Decimal[]; lower80: Decimal[]; upper80: Decimal[]; lower95: Decimal[]; upper95: Decimal[]; model: string; note: string | null };

/** Fitted forecasts, by budget, day and history, so listing budgets again in the same day costs nothing. */
const cache = new Map<string, ForecastResult>();
function cachedForecast(key: string, values: number[], h: number): ForecastResult {
  const k = `${key}|${h}|${values.join(",")}`;
  let f = cache.get(k);
  if (!f) {
    if (cache.size > 500) cache.clear();
    f = forecast({ values, frequency: "daily", nonNegative: true }, h);
    cache.set(k, f);
  }
  return f;
}

export async function budgetStatus(b: Budget, opts: { now: Date; cal: Calendar; multiplier?: number; record?: boolean }): Promise<BudgetStatus> {
  const { now, cal } = opts;
  const tz = cal.timeZone;
  const period = budgetPeriod(b, now, cal);
  const today = localDate(now, tz);
  const histFrom = addDays(period.from < today ? period.from : today, -HISTORY_DAYS);
  const until = now < period.end ? now : period.end;
  const daily = await dailySpend(filterOf(b), startOfLocalDay(histFrom, tz), until, tz);
  const amount = new Decimal(b.amount_usd);

  // Actuals: each period day up to today (or the period's end), running total.
  const lastActual = today < period.to ? today : addDays(period.to, -1);
  const chart: ChartPoint[] = [];
  let actual = new Decimal(0);
  let crossedOn: string | null = null;
  for (let d = period.from; d <= lastActual && d < period.to; d = addDays(d, 1)) {
    actual = actual.plus(daily.get(d) ?? 0);
    if (!crossedOn && actual.gte(amount)) crossedOn = d;
    chart.push({ date: d, actual: cents(actual), forecast: null, lower80: null, upper80: null, lower95: null, upper95: null });
  }

  let projection: Projection | null = null;
  if (today < period.to) projection = project(b, period, today, daily, actual, histFrom, opts.multiplier ?? 1);
  if (projection) {
    const start = today < period.from ? 0 : 1; // the chart's today row holds the actual; the band starts there too
    projection.dates.forEach((date, j) => {
      const row = { date, actual: null, forecast: cents(projection.point[j]), lower80: cents(projection.lower80[j]), upper80: cents(projection.upper80[j]), lower95: cents(projection.lower95[j]), upper95: cents(projection.upper95[j]) };
      const existing = j === 0 && start === 1 ? chart[chart.length - 1] : undefined;
      if (existing) Object.assign(existing, { ...row, actual: existing.actual });
      else chart.push(row);
    });
  }
  let breach = crossedOn;
  if (!breach && projection) breach = projection.dates.find((_, j) => projection.point[j].gte(amount)) ?? null;

  const end = projection ? projection.point[projection.point.length - 1] : actual;
  const reached = highestReached(b.thresholds, actual, amount);
  const status: BudgetState =
    today < period.from ? "not_started" : actual.gte(amount) ? "over" : today >= period.to ? "ended" : end.gte(amount) ? "at_risk" : reached || (projection && projection.upper80[projection.upper80.length - 1].gte(amount)) ? "warning" : "on_track";

  if (opts.record && today >= period.from && today < period.to) {
    for (const t of reachedThresholds(b.thresholds, actual, amount)) await onThresholdCrossed({ budget: b, period, threshold: t, kind: "crossed", spendUsd: cents(actual) });
    for (const t of b.thresholds) {
      if (t.percent >= 100 && end.gte(thresholdAmount(amount, t.percent)) && actual.lt(thresholdAmount(amount, t.percent))) {
        await onThresholdCrossed({ budget: b, period, threshold: t, kind: "projected", spendUsd: cents(end) });
      }
    }
  }

  const last = (xs: Decimal[]) => cents(xs[xs.length - 1]);
  return {
    ...b,
    scope: scopeLabel(b),
    current_period: { key: period.key, label: period.label, from: period.from, to: period.to },
    actual_usd: actual.toFixed(),
    percent_used: amount.isZero() ? "0" : actual.div(amount).times(100).toDecimalPlaces(1).toFixed(1),
    reached,
    forecast: projection ? { end_usd: last(projection.point), lower80_usd: last(projection.lower80), upper80_usd: last(projection.upper80), lower95_usd: last(projection.lower95), upper95_usd: last(projection.upper95), model: projection.model, note: projection.note } : null,
    status,
    projected_breach_date: breach,
    chart,
  };
}

/**
 * The projected running total from today (or the period's start) to the period's last day: spend before
 * today plus the forecast's running total, where today's forecast is never below what today already spent.
 * `multiplier` scales the forecast part (what-if scenarios).
 */
function project(b: Budget, period: BudgetPeriod, today: string, daily: Map<string, Decimal>, actual: Decimal, histFrom: string, multiplier: number): Projection {
  const first = today < period.from ? period.from : today;
  const h = daysBetween(first, period.to);
  const values: number[] = [];
  for (let d = histFrom; d < today; d = addDays(d, 1)) values.push(Number(daily.get(d) ?? 0));
  // Days before the scope's first spend are not "zero days": they would drag a new budget's forecast down.
  const firstSpend = values.findIndex((v) => v > 0);
  const history = firstSpend < 0 ? [] : values.slice(firstSpend);
  const f = cachedForecast(b.id, history, h);
  const todaySoFar = today >= period.from ? daily.get(today) ?? new Decimal(0) : new Decimal(0);
  const base = actual.minus(todaySoFar);
  const excess = Decimal.max(0, todaySoFar.minus(f.cumulative.point[0] * multiplier));
  const at = (xs: number[]) => xs.map((v) => base.plus(new Decimal(v).times(multiplier).toDecimalPlaces(9)).plus(excess));
  return {
    dates: Array.from({ length: h }, (_, j) => addDays(first, j)),
    point: at(f.cumulative.point),
    lower80: at(f.cumulative.lower80),
    upper80: at(f.cumulative.upper80),
    lower95: at(f.cumulative.lower95),
    upper95: at(f.cumulative.upper95),
    model: f.model,
    note: f.note ?? null,
  };
}
