"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import { BurnDownChart } from "@/components/budgets/burn-down-chart";
import { colorOf, teamColour } from "@/components/charts/series-colors";
import { useTeamColors } from "@/components/charts/team-colors";
import { Card, StatusMessage } from "@/components/ui/card";
import { formatUsd } from "@/lib/finops/format";
import { change } from "@/lib/finops/overview-kpis";
import { useForecasts } from "@/lib/hooks/use-budgets";
import { FORECAST_DIMENSIONS, FORECAST_PERIODS, type ForecastsOut } from "@/lib/schemas/forecast";
import { replaceUrl } from "@/components/ui/navigate";

type Answer = z.infer<typeof ForecastsOut>;
type Row = Answer["rows"][number];
const DIM_LABEL = { team: "Team", repo: "Repo", feature: "Feature" } as const;
const PERIOD_LABEL = { month: "This month", quarter: "This quarter", week: "This week" } as const;
const TOTAL = "(total)";

const pick = <T extends string>(value: string | null, options: readonly T[]): T => (options as readonly string[]).includes(value ?? "") ? (value as T) : options[0];
const nameOf = (r: Row) => (r.unattributed ? "Unattributed" : r.value);

/** The forecast at period end against the whole previous period: the overview's change rule (exact, "new" on an empty base). */
function versus(r: Row): string {
  if (!r.forecast) return "—";
  const c = change("money", r.forecast.end_usd, r.previous_period_usd, "down");
  return c.fresh ? "new" : c.direction === "flat" ? "no change" : c.pct ?? c.text;
}

/**
 * Forecasts per team, repo or feature for the weekly allocation review: where each lands at the end of
 * the current period (80 % interval), beside the whole previous period; a row opens its chart. The
 * choice of dimension and period lives in the URL (?forecast_by=, ?forecast_period=) so a link shares it.
 */
export function ForecastsPanel() {
  const params = useSearchParams();
  const pathname = usePathname();
  const by = pick(params.get("forecast_by"), FORECAST_DIMENSIONS);
  const period = pick(params.get("forecast_period"), FORECAST_PERIODS);
  const answer = useForecasts(by, period);
  const teamColors = useTeamColors();
  const [selected, setSelected] = useState<string>(TOTAL);
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    next.set(name, value);
    setSelected(TOTAL);
    replaceUrl(`${pathname}?${next.toString()}`);
  };
  const data = answer.data;
  const rows = data?.rows ?? [];
  const chosen = selected === TOTAL ? data?.total : rows.find((r) => `v:${r.value}` === selected) ?? data?.total;
  const chosenName = !chosen || chosen === data?.total ? "Everything you can see" : nameOf(chosen);
  return (
    <Card title="Forecasts" subtitle={data ? `Where each ${by} lands at the end of ${data.period.label} (${data.time_zone}), with the 80 % interval, beside ${data.period.previous.label}.` : "Where each team, repo or feature lands at period end."}>
      <div className="toolbar" id="forecasts">
        <div className="segmented" role="group" aria-label="Forecast by">
          {FORECAST_DIMENSIONS.map((d) => (
            <button key={d} type="button" className="button small" aria-pressed={by === d} onClick={() => set("forecast_by", d)}>{DIM_LABEL[d]}</button>
          ))}
        </div>
        <div className="segmented" role="group" aria-label="Forecast period">
          {FORECAST_PERIODS.map((p) => (
            <button key={p} type="button" className="button small" aria-pressed={period === p} onClick={() => set("forecast_period", p)}>{PERIOD_LABEL[p]}</button>
          ))}
        </div>
      </div>
      {answer.isPending ? (
        <StatusMessage kind="loading" title="Fitting forecasts…" />
      ) : answer.error ? (
        <StatusMessage kind="error" title="Could not load forecasts">{answer.error.message}</StatusMessage>
      ) : !data || rows.length === 0 ? (
        <StatusMessage kind="empty" title="Nothing to forecast yet">No spend in the last 28 days or this period{by === "team" ? "" : ` with a ${by}`}.</StatusMessage>
      ) : (
        <div className="forecasts">
          <div className="table-scroll">
            <table className="table compact forecasts-table">
              <caption className="sr-only">Forecast at the end of {data.period.label} by {by}</caption>
              <thead>
                <tr><th>{DIM_LABEL[by]}</th><th className="num">So far</th><th className="num">Forecast at end</th><th className="num narrow-hide">{data.period.previous.label}</th><th className="num">Change</th><th className="narrow-hide">Model</th></tr>
              </thead>
              <tbody>
                {[data.total, ...rows].map((r) => {
                  const key = r === data.total ? TOTAL : `v:${r.value}`;
                  const name = r === data.total ? "Total" : nameOf(r);
                  return (
                    <tr key={key} className={r === data.total ? "total-row" : undefined} aria-selected={(chosen === r)}>
                      <td className="truncate" title={name}>
                        <button type="button" className="button link row-pick" onClick={() => setSelected(key)} aria-pressed={chosen === r}>
                          {r !== data.total && <span className="swatch" style={{ background: by === "team" ? teamColour(r.unattributed ? "" : r.value, teamColors) : colorOf(r.unattributed ? "" : r.value) }} aria-hidden />}
                          {name}
                        </button>
                      </td>
                      <td className="num">{formatUsd(r.actual_usd)}</td>
                      <td className="num">
                        {r.forecast ? (
                          <>
                            {formatUsd(r.forecast.end_usd)}
                            <div className="muted">{formatUsd(r.forecast.lower80_usd)} – {formatUsd(r.forecast.upper80_usd)}</div>
                          </>
                        ) : "—"}
                      </td>
                      <td className="num narrow-hide">{formatUsd(r.previous_period_usd)}</td>
                      <td className="num">{versus(r)}</td>
                      <td className="muted narrow-hide">{r.forecast?.model ?? "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {data.others.count > 0 && (
            <p className="muted">{data.others.count} more {by === "repo" ? "repos" : `${by}s`} spent {formatUsd(data.others.actual_usd)} so far this period; they are in the total, not forecast one by one.</p>
          )}
          {chosen && (
            <div className="forecast-chart">
              <h3 className="chart-title">{chosenName}: cumulative spend and forecast</h3>
              {chosen.forecast?.note && <p className="muted">{chosen.forecast.note}</p>}
              <BurnDownChart points={chosen.chart} amount={null} thresholds={[]} height={260} label={`${chosenName}: cumulative spend this period and forecast band to period end`} />
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
