"use client";
import { BarKeys } from "./bar-keys";
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { TimePoint, TimeSeriesDef } from "./prepare-time-series";

type Props = {
  title: string;
  points: TimePoint[];
  series: TimeSeriesDef[];
  /** Stacked bars for metrics that add up per bucket, lines for ratios. */
  kind: "stacked" | "lines";
  /** A value as shown; null is an undefined ratio (shown "—" by formatMetric). */
  format: (v: string | number | null) => string;
  formatTick: (v: number) => string;
  /** A click on a bucket (its API label). */
  onBucket?: (bucket: string) => void;
};

function Tip({ active, payload, series, format }: Pick<TooltipContentProps<number, string>, "active" | "payload"> & Pick<Props, "series" | "format">) {
  if (!active || !payload?.length) return null;
  const p = payload[0].payload as TimePoint | undefined;
  // While new data replaces old under a still mouse, the payload can be a point of the previous series set.
  if (!p || p.total === undefined || p.exact.length !== series.length) return null;
  // Biggest first, and only series with something in this bucket: nine rows of "$0.00" hide the answer.
  const rows = series.map((s, i) => ({ s, v: p.exact[i] })).filter((r) => r.v !== undefined && Number(r.v) !== 0).sort((a, b) => Number(b.v) - Number(a.v));
  return (
    <div className="chart-tooltip ts-tooltip">
      <div className="muted">{p.label}</div>
      {rows.map(({ s, v }) => (
        <div key={s.dataKey} className="ts-tooltip-row">
          <span className="swatch" style={{ background: s.color }} />
          <span className="truncate">{s.name}</span>
          <span className="num">{format(v)}</span>
        </div>
      ))}
      <div className="ts-tooltip-row total">
        <span />
        <span>Total</span>
        <span className="num">{format(p.total)}</span>
      </div>
    </div>
  );
}

/** A metric over time, split into series; a click on a bucket reports the bucket. */
export function TimeSeriesChart({ title, points, series, kind, format, formatTick, onBucket }: Props) {
  const click = onBucket
    ? (st: { activeIndex?: unknown }) => {
        const i = Number(st.activeIndex);
        if (Number.isInteger(i) && points[i]) onBucket(points[i].bucket);
      }
    : undefined;
  const axes = (
    <>
      <CartesianGrid vertical={false} stroke="var(--grid)" />
      <XAxis dataKey="label" tickLine={false} axisLine={false} minTickGap={24} tick={{ fontSize: 12, fill: "var(--muted)" }} />
      <YAxis tickFormatter={formatTick} tickLine={false} axisLine={false} width={60} tick={{ fontSize: 12, fill: "var(--muted)" }} />
      <Tooltip content={(p) => <Tip active={p.active} payload={p.payload} series={series} format={format} />} cursor={{ fill: "var(--hover)" }} />
    </>
  );
  return (
    <div className="chart-frame">
    <div className="chart ts-chart" role="img" aria-label={title} style={{ cursor: onBucket ? "pointer" : undefined }}>
      <ResponsiveContainer width="100%" height={280}>
        {kind === "stacked" ? (
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} onClick={click}>
            {axes}
            {series.map((s) => <Bar key={s.dataKey} dataKey={s.dataKey} name={s.name} stackId="a" fill={s.color} isAnimationActive={false} />)}
          </BarChart>
        ) : (
          <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} onClick={click}>
            {axes}
            {series.map((s) => <Line key={s.dataKey} dataKey={s.dataKey} name={s.name} stroke={s.color} dot={points.length < 40} strokeWidth={2} connectNulls={false} isAnimationActive={false} />)}
          </LineChart>
        )}
      </ResponsiveContainer>
      <ul className="ts-legend">
        {series.map((s) => (
          <li key={s.dataKey} title={s.name}>
            <span className="swatch" style={{ background: s.color }} />
            <span className="truncate">{s.name}</span>
          </li>
        ))}
      </ul>
    </div>
      {/* Keyboard access to the buckets: the plot area is 60 px in from the left (YAxis), 8 px from the top and right. */}
      {onBucket && <BarKeys name={title} items={points.map((p) => ({ id: p.bucket, label: `${p.label}: open hour by hour` }))} onActivate={onBucket} inset={{ left: 60, right: 8, top: 8, height: 242 }} />}
    </div>
  );
}
