"use client";
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUtcMinute } from "@/lib/finops/format";

export type BandPoint = { t: string; value: number | null; expected: number | null; lower: number | null; upper: number | null; flagged: boolean };

/** A series with its expected value and band (recharts), the anomalous window shaded. */
export function BandChart({ points, windowStart, windowEnd, format, label }: { points: BandPoint[]; windowStart: string; windowEnd: string; format: (v: number) => string; label: string }) {
  const data = points.map((p) => ({ ...p, x: Date.parse(p.t), band: p.lower !== null && p.upper !== null ? [Math.max(0, p.lower), p.upper] : null, hit: p.flagged ? p.value : null }));
  const tick = (v: number) => new Date(v).toISOString().slice(5, 13).replace("T", " ") + "h";
  return (
    <div className="chart" role="img" aria-label={`${label}: value, expected and band`}>
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis dataKey="x" type="number" domain={["dataMin", "dataMax"]} tickFormatter={tick} fontSize={11} minTickGap={40} />
          <YAxis tickFormatter={(v: number) => format(v)} fontSize={11} width={64} />
          <ReferenceArea x1={Date.parse(windowStart)} x2={Date.parse(windowEnd)} fill="var(--danger)" fillOpacity={0.08} />
          <Area dataKey="band" stroke="none" fill="var(--accent)" fillOpacity={0.15} isAnimationActive={false} name="Expected band" />
          <Line dataKey="expected" stroke="var(--accent)" strokeDasharray="4 3" dot={false} isAnimationActive={false} name="Expected" connectNulls={false} />
          <Line dataKey="value" stroke="var(--text)" dot={false} strokeWidth={1.5} isAnimationActive={false} name={label} connectNulls={false} />
          <Line dataKey="hit" stroke="none" dot={{ r: 3, fill: "var(--danger)" }} isAnimationActive={false} name="Flagged" />
          <Tooltip labelFormatter={(v) => formatUtcMinute(new Date(Number(v)).toISOString()) + " UTC"} formatter={(v, name) => [Array.isArray(v) ? `${format(Number(v[0]))} – ${format(Number(v[1]))}` : format(Number(v)), String(name)]} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
