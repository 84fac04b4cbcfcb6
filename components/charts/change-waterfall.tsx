"use client";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUsd, formatUsdCompact, formatUsdSigned } from "@/lib/finops/format";
import { waterfallDomain, type WaterfallStep } from "@/lib/finops/change-links";

const FILL: Record<WaterfallStep["kind"], string> = { total: "var(--accent)", up: "var(--danger)", down: "var(--change-good, #2b8a3e)", zero: "var(--grid)" };
type Point = WaterfallStep & { range: [number, number] };

function Tip({ active, payload }: { active?: boolean; payload?: readonly { payload: Point }[] }) {
  if (!active || !payload?.length) return null;
  const p = payload[0].payload;
  return (
    <div className="chart-tooltip">
      <div className="muted">{p.label}</div>
      {/* A driver is a change (+ or − with a true minus sign, as in the drivers' list); the two totals are amounts. */}
      <strong>{p.kind === "total" ? formatUsd(p.amount) : formatUsdSigned(p.amount)}</strong>
    </div>
  );
}

/**
 * A waterfall from the baseline's spend through each driver to the current spend: increases red, decreases
 * green, totals in the accent colour. Each driver's bar floats between the running totals before and after it.
 */
export function ChangeWaterfall({ steps, title }: { steps: WaterfallStep[]; title: string }) {
  const data: Point[] = steps.map((s) => ({ ...s, range: [s.low, s.high === s.low ? s.low + 1e-12 : s.high] }));
  const height = 280;
  const [bottom, top] = waterfallDomain(steps);
  return (
    <div className="chart" role="img" aria-label={title} style={{ minHeight: height }}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          {/* Eleven bars: slanted labels fit from 390 px up. */}
          <XAxis dataKey="label" interval={0} tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: "var(--muted)" }} angle={-35} textAnchor="end" height={70} />
          <YAxis domain={[bottom, top]} allowDataOverflow tickLine={false} axisLine={false} width={56} tick={{ fontSize: 12, fill: "var(--muted)" }} tickFormatter={(v: number) => formatUsdCompact(v)} />
          <Tooltip content={<Tip />} cursor={{ fill: "var(--hover)" }} />
          <Bar dataKey="range" isAnimationActive={false} radius={2}>
            {data.map((p) => <Cell key={p.id} fill={FILL[p.kind]} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      {bottom > 0 && <p className="muted why-axis">The axis starts at {formatUsd(bottom.toFixed(2))}, not $0, so that the drivers show.</p>}
    </div>
  );
}
