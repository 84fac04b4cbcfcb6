import Decimal from "decimal.js";
import { addDays, daysBetween } from "@/lib/finops/date-range";
import { forecast, type ForecastResult } from "./forecast";

/**
 * Where a running total of daily spend lands at the end of a period: spend before today plus the
 * forecaster's running total from today (or the period's start) to the period's last day. Today is partial,
 * so its forecast is never below what today has already spent. Shared by budgets (burn-down) and the
 * forecasts page (per team, repo, feature), so the two always agree on one scope.
 */
export type Projection = { dates: string[]; point: Decimal[]; lower80: Decimal[]; upper80: Decimal[]; lower95: Decimal[]; upper95: Decimal[]; model: string; note: string | null };
export type ProjectionInput = {
  /** Cache key of the series (a budget id, "team:search"): same key, history and horizon → same fit. */
  key: string;
  period: { from: string; to: string };
  today: string;
  /** Spend per local day (YYYY-MM-DD), covering histFrom … today. */
  daily: ReadonlyMap<string, Decimal>;
  /** Period spend so far, today included. */
  actual: Decimal;
  histFrom: string;
  /** Scales the forecast part (what-if scenarios). */
  multiplier?: number;
};

/** Fitted forecasts by key, horizon and history, so listing again in the same day costs nothing. */
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

export function projectPeriod(input: ProjectionInput): Projection {
  const { period, today, daily, actual, histFrom } = input;
  const multiplier = input.multiplier ?? 1;
  const first = today < period.from ? period.from : today;
  const h = daysBetween(first, period.to);
  const values: number[] = [];
  for (let d = histFrom; d < today; d = addDays(d, 1)) values.push(Number(daily.get(d) ?? 0));
  // Days before the scope's first spend are not "zero days": they would drag a new scope's forecast down.
  const firstSpend = values.findIndex((v) => v > 0);
  const history = firstSpend < 0 ? [] : values.slice(firstSpend);
  const f = cachedForecast(input.key, history, h);
  const todaySoFar = today >= period.from ? daily.get(today) ?? new Decimal(0) : new Decimal(0);
  const base = actual.minus(todaySoFar);
  const excess = Decimal.max(0, todaySoFar.minus(f.cumulative.point[0] * multiplier));
  // Spend already made is a floor: with a partial today, a low band could otherwise end below it.
  const at = (xs: number[]) => xs.map((v) => Decimal.max(actual, base.plus(new Decimal(v).times(multiplier).toDecimalPlaces(9)).plus(excess)));
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

export type ChartPoint = { date: string; actual: string | null; forecast: string | null; lower80: string | null; upper80: string | null; lower95: string | null; upper95: string | null };
export type PeriodRun = {
  /** Period spend so far (exact). */
  actual: Decimal;
  /** Running total per period day up to today (or the period's last day). */
  running: { date: string; total: Decimal }[];
  /** null once the period has ended. */
  projection: Projection | null;
  /** Actual running total, then the forecast band to period end; today's row carries both. */
  chart: ChartPoint[];
};

/** Money at the cent, half-even: how projections are shown and stored. */
export const cents = (v: Decimal.Value) => new Decimal(v).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2);

/** A period's running total to date and its projection to period end, as numbers and as a chart. */
export function periodRun(input: Omit<ProjectionInput, "actual">): PeriodRun {
  const { period, today, daily } = input;
  const lastActual = today < period.to ? today : addDays(period.to, -1);
  const running: PeriodRun["running"] = [];
  const chart: ChartPoint[] = [];
  let actual = new Decimal(0);
  for (let d = period.from; d <= lastActual && d < period.to; d = addDays(d, 1)) {
    actual = actual.plus(daily.get(d) ?? 0);
    running.push({ date: d, total: actual });
    chart.push({ date: d, actual: cents(actual), forecast: null, lower80: null, upper80: null, lower95: null, upper95: null });
  }
  const projection = today < period.to ? projectPeriod({ ...input, actual }) : null;
  return { actual, running, projection, chart: [...chart, ...bandRows(chart, projection, today >= period.from)] };
}

/** The forecast's chart rows after the actual ones; today's row (when in the period) carries both. */
function bandRows(actualRows: ChartPoint[], projection: Projection | null, joinsToday: boolean): ChartPoint[] {
  const out: ChartPoint[] = [];
  projection?.dates.forEach((date, j) => {
    const row = { date, actual: null, forecast: cents(projection.point[j]), lower80: cents(projection.lower80[j]), upper80: cents(projection.upper80[j]), lower95: cents(projection.lower95[j]), upper95: cents(projection.upper95[j]) };
    const existing = j === 0 && joinsToday ? actualRows[actualRows.length - 1] : undefined;
    if (existing) Object.assign(existing, { ...row, actual: existing.actual });
    else out.push(row);
  });
  return out;
}

/**
 * A total made coherent with its parts (bottom-up): its point forecast on each day becomes `target` (the sum of
 * the parts' points, or at least that sum when some parts are not forecast), and its intervals keep the width
 * fitted on the total's own series, moved with the point; spend already made stays a floor. Without it, a part
 * with a short history could be forecast above the total (each series is fitted on its own window).
 */
export function withPoint(run: PeriodRun, target: readonly Decimal[], today: string, periodFrom: string): PeriodRun {
  const p = run.projection;
  if (!p || target.length !== p.point.length) return run;
  const shift = (xs: Decimal[]) => xs.map((v, j) => Decimal.max(run.actual, v.plus(target[j]).minus(p.point[j])));
  const projection = { ...p, point: target.map((v) => Decimal.max(run.actual, v)), lower80: shift(p.lower80), upper80: shift(p.upper80), lower95: shift(p.lower95), upper95: shift(p.upper95) };
  const actualRows = run.running.map((r) => ({ date: r.date, actual: cents(r.total), forecast: null, lower80: null, upper80: null, lower95: null, upper95: null }));
  return { ...run, projection, chart: [...actualRows, ...bandRows(actualRows, projection, today >= periodFrom)] };
}
