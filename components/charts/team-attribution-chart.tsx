"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUsdFine } from "@/lib/finops/format";

export type AttributionPoint = { team: string; executed: number; originated: number; executedText: string; originatedText: string };

function Tip({ active, payload }: { active?: boolean; payload?: readonly { payload: AttributionPoint }[] }) {
  if (!active || !payload?.length) return null;
  const p = payload[0].payload;
  return (
    <div className="chart-tooltip">
      <div className="muted">{p.team}</div>
      <div>Executed: <strong>{p.executedText}</strong></div>
      <div>Originated: <strong>{p.originatedText}</strong></div>
    </div>
  );
}

/** Per team, the cost it executed beside the cost it originated (values are for drawing; the tables are exact). */
export function TeamAttributionChart({ points, title }: { points: AttributionPoint[]; title: string }) {
  const height = Math.max(140, points.length * 44 + 50);
  return (
    <div className="chart" role="img" aria-label={title} style={{ minHeight: height }}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={points} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="var(--grid)" />
          <XAxis type="number" tickFormatter={(v: number) => formatUsdFine(String(v))} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: "var(--muted)" }} />
          <YAxis type="category" dataKey="team" width={110} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: "var(--text)" }} />
          <Tooltip content={<Tip />} cursor={{ fill: "var(--hover)" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="executed" name="Executed" fill="var(--accent)" radius={[0, 3, 3, 0]} isAnimationActive={false} />
          <Bar dataKey="originated" name="Originated" fill="#91a7ff" radius={[0, 3, 3, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
