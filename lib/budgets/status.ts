import Decimal from "decimal.js";
import type { Calendar } from "@/lib/finops/calendar";
import { startOfLocalDay } from "@/lib/finops/calendar";
import { cents, periodRun, type ChartPoint } from "@/lib/forecast/period-projection";
import type { Threshold } from "@/lib/schemas/budget";
import { onThresholdCrossed } from "./events";
import { addDays, budgetPeriod, filterOf, localDate, scopeLabel, type Budget } from "./model";
import { dailySpend } from "./spend";
import { highestReached, reachedThresholds, thresholdAmount } from "./thresholds";

/**
 * Where a budget stands: actual spend this period (exact), the forecast at period end with its 80 % and 95 %
 * intervals (the forecaster's calibrated running-total band, lib/forecast), the projected breach date (first
 * day the projected cumulative spend reaches 100 %), and the burn-down chart. Days are local dates in the
 * organisation's zone; the forecast is fitted on complete days only (today is partial).
 */
export const HISTORY_DAYS = 56;

export type { ChartPoint };
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

export async function budgetStatus(b: Budget, opts: { now: Date; cal: Calendar; multiplier?: number; record?: boolean }): Promise<BudgetStatus> {
  const { now, cal } = opts;
  const tz = cal.timeZone;
  const period = budgetPeriod(b, now, cal);
  const today = localDate(now, tz);
  const histFrom = addDays(period.from < today ? period.from : today, -HISTORY_DAYS);
  const until = now < period.end ? now : period.end;
  const daily = await dailySpend(filterOf(b), startOfLocalDay(histFrom, tz), until, tz);
  const amount = new Decimal(b.amount_usd);

  const { actual, running, projection, chart } = periodRun({ key: b.id, period, today, daily, histFrom, multiplier: opts.multiplier });
  const crossedOn = running.find((r) => r.total.gte(amount))?.date ?? null;
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
