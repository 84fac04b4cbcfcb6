"use client";
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUsd, formatUsdCompact } from "@/lib/finops/format";

export type ChartPoint = { date: string; actual: string | null; forecast: string | null; lower80: string | null; upper80: string | null; lower95: string | null; upper95: string | null };

/**
 * Cumulative spend through the period: actual to date, the forecast to period end with its 80 % and 95 %
 * bands, the budget line and its thresholds. Values arrive as decimal strings; the chart draws numbers
 * (display only), the tooltip shows the exact strings.
 */
export function BurnDownChart({ points, amount, thresholds, height = 300, label = "Burn-down: cumulative spend, forecast band and budget" }: { points: ChartPoint[]; amount: string | null; thresholds: { percent: number; action: string }[]; height?: number; label?: string }) {
  const n = (v: string | null) => (v === null ? undefined : Number(v));
  const data = points.map((p) => ({
    date: p.date,
    actual: n(p.actual),
    forecast: n(p.forecast),
    band80: p.lower80 === null ? undefined : [Number(p.lower80), Number(p.upper80)],
    band95: p.lower95 === null ? undefined : [Number(p.lower95), Number(p.upper95)],
    raw: p,
  }));
  // Without a budget (the forecasts page) the chart is the spend and its band alone.
  const budget = amount === null ? null : Number(amount);
  const top = Math.max(budget === null ? 0 : budget * 1.25, ...data.map((d) => (d.band95 ? d.band95[1] : d.actual ?? 0)));
  return (
    <div className="burn-down" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 10, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis dataKey="date" tickFormatter={(d: string) => d.slice(5)} minTickGap={24} fontSize={12} />
          <YAxis domain={[0, Math.ceil(top)]} tickFormatter={(v: number) => formatUsdCompact(v)} width={64} fontSize={12} />
          <Tooltip
            content={({ active, payload }) => {
              const p = active && payload?.[0] ? (payload[0].payload as { date: string; raw: ChartPoint }) : null;
              if (!p) return null;
              return (
                <div className="chart-tooltip">
                  <div className="muted">{p.date}</div>
                  {p.raw.actual !== null && <div>Actual: {formatUsd(p.raw.actual)}</div>}
                  {p.raw.forecast !== null && <div>Forecast: {formatUsd(p.raw.forecast)}</div>}
                  {p.raw.lower80 !== null && <div className="muted">80 %: {formatUsd(p.raw.lower80)} – {formatUsd(p.raw.upper80!)}</div>}
                  {p.raw.lower95 !== null && <div className="muted">95 %: {formatUsd(p.raw.lower95)} – {formatUsd(p.raw.upper95!)}</div>}
                </div>
              );
            }}
          />
          <Legend verticalAlign="top" height={28} iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          <Area dataKey="band95" name="95 % interval" stroke="none" fill="#7aa2f7" fillOpacity={0.18} isAnimationActive={false} connectNulls={false} />
          <Area dataKey="band80" name="80 % interval" stroke="none" fill="#7aa2f7" fillOpacity={0.35} isAnimationActive={false} connectNulls={false} />
          <Line dataKey="actual" name="Actual" stroke="var(--accent)" strokeWidth={2.5} dot={false} isAnimationActive={false} connectNulls={false} />
          <Line dataKey="forecast" name="Forecast" stroke="var(--accent)" strokeDasharray="5 4" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
          {budget !== null && <ReferenceLine y={budget} stroke="var(--danger)" strokeWidth={1.5} label={{ value: "Budget", position: "insideTopLeft", fontSize: 11, fill: "var(--danger)" }} />}
          {budget !== null && thresholds
            .filter((t) => t.percent !== 100)
            .map((t) => (
              <ReferenceLine key={t.percent} y={(budget * t.percent) / 100} stroke="#b58900" strokeDasharray="2 4" label={{ value: `${t.percent} % ${t.action.replace("_", " ")}`, position: "insideBottomLeft", fontSize: 10, fill: "#9a5b00" }} />
            ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
