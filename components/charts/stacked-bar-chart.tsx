"use client";
import { BarKeys } from "./bar-keys";
import { Bar, BarChart, CartesianGrid, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUsd, formatUsdCompact } from "@/lib/finops/format";
import type { StackKey, StackRow } from "./prepare-stacked-series";

function StackTooltip({ active, payload, keys }: { active?: boolean; payload?: readonly { payload: StackRow }[]; keys: StackKey[] }) {
  if (!active || !payload?.length) return null;
  const row = payload[0].payload;
  // Top of the stack first, as the eye reads the bar; only the groups that spent that day.
  const lines = keys.filter((k) => row.values[k.id] !== null).reverse();
  return (
    <div className="chart-tooltip stack-tooltip">
      <div className="muted" data-day={row.day}>{row.longLabel}</div>
      <table>
        <tbody>
          {lines.map((k) => (
            <tr key={k.id}>
              <td><span className="swatch" style={{ background: k.color }} /> <span className="truncate">{k.label}</span></td>
              <td className="num">{formatUsd(row.texts[k.id])}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Day total</th>
            <td className="num">{formatUsd(row.totalText)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/**
 * Daily bars stacked by group. A click on a segment reports (group, day); the caller decides where it leads.
 * On narrow screens the bars keep a minimum width and the chart scrolls sideways instead of squashing.
 */
export function StackedBarChart({ rows, keys, label, onSegmentClick, onDay, dayLabel, marked = [] }: { rows: StackRow[]; keys: StackKey[]; label: string; onSegmentClick?: (key: StackKey, day: string) => void; onDay?: (day: string) => void; dayLabel?: (row: StackRow) => string; marked?: readonly string[] }) {
  const minWidth = Math.max(260, rows.length * 7 + 60);
  return (
    <div className="chart-scroll">
      <div className="chart-frame" style={{ minWidth }}>
      <div className="chart" role="img" aria-label={label}>
        <ResponsiveContainer width="100%" height={280}>
          {/* 24 px on top: room for the "unusual" label over the tallest bar (it was cut off at 8). */}
          <BarChart data={rows} margin={{ top: 24, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--grid)" />
            <XAxis dataKey="label" tickLine={false} axisLine={false} minTickGap={16} tick={{ fontSize: 12, fill: "var(--muted)" }} />
            <YAxis tickFormatter={(v: number) => formatUsdCompact(v)} tickLine={false} axisLine={false} width={56} tick={{ fontSize: 12, fill: "var(--muted)" }} />
            <Tooltip content={<StackTooltip keys={keys} />} cursor={{ fill: "var(--hover)" }} />
            {keys.map((k) => (
              <Bar
                key={k.id}
                name={k.label}
                dataKey={(r: StackRow) => r.values[k.id]}
                stackId="day"
                fill={k.color}
                isAnimationActive={false}
                style={onSegmentClick ? { cursor: "pointer" } : undefined}
                onClick={onSegmentClick ? (item) => onSegmentClick(k, (item.payload as StackRow).day) : undefined}
              />
            ))}
            {rows.filter((r) => marked.includes(r.day)).map((r) => (
              <ReferenceDot key={r.day} x={r.label} y={Number(r.totalText)} r={5} fill="#e15759" stroke="#fff" ifOverflow="extendDomain" label={{ value: "unusual", position: "top", fontSize: 11, fill: "#c92a2a" }} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {/* The plot area: YAxis 56 px on the left, 8 px margin right, 24 px on top, the x axis (30 px) below. */}
      {onDay && <BarKeys name={label} items={rows.map((r) => ({ id: r.day, label: dayLabel ? dayLabel(r) : r.day }))} onActivate={onDay} inset={{ left: 56, right: 8, top: 24, height: 226 }} />}
      </div>
    </div>
  );
}
