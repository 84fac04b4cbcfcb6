"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type GroupPoint = { label: string; value: number; text: string };

function Tip({ active, payload }: { active?: boolean; payload?: readonly { payload: GroupPoint }[] }) {
  if (!active || !payload?.length) return null;
  const p = payload[0].payload;
  return (
    <div className="chart-tooltip">
      <div className="muted">{p.label}</div>
      <strong>{p.text}</strong>
    </div>
  );
}

/** Horizontal bars, one per group (top groups only; the table has them all). */
export function GroupBarChart({ points, title }: { points: GroupPoint[]; title: string }) {
  const height = Math.max(120, points.length * 28 + 30);
  return (
    <div className="chart" role="img" aria-label={title} style={{ minHeight: height }}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={points} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="var(--grid)" />
          <XAxis type="number" tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: "var(--muted)" }} />
          <YAxis type="category" dataKey="label" width={150} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: "var(--text)" }} />
          <Tooltip content={<Tip />} cursor={{ fill: "var(--hover)" }} />
          <Bar dataKey="value" fill="var(--accent)" radius={[0, 3, 3, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
