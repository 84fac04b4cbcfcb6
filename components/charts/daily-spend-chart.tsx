"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUsd, formatUsdCompact } from "@/lib/finops/format";
import type { DailyPoint } from "./prepare-daily-series";

function ChartTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload: DailyPoint }[] }) {
  if (!active || !payload?.length) return null;
  const p = payload[0].payload;
  return (
    <div className="chart-tooltip">
      <div className="muted">{p.day}</div>
      <strong>{formatUsd(p.costText)}</strong>
    </div>
  );
}

export function DailySpendChart({ points }: { points: DailyPoint[] }) {
  return (
    <div className="chart" role="img" aria-label="Daily spend, US dollars">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis dataKey="label" tickLine={false} axisLine={false} minTickGap={16} tick={{ fontSize: 12, fill: "var(--muted)" }} />
          <YAxis tickFormatter={(v: number) => formatUsdCompact(v)} tickLine={false} axisLine={false} width={56} tick={{ fontSize: 12, fill: "var(--muted)" }} />
          <Tooltip content={<ChartTooltip />} cursor={{ fill: "var(--hover)" }} />
          <Bar dataKey="cost" fill="var(--accent)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
