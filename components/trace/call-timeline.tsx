import { teamColour } from "@/components/charts/series-colors";
import { useTeamColors } from "@/components/charts/team-colors";
import type { TraceAttempt, TraceNode } from "@/lib/schemas/trace";
import { formatDuration } from "@/lib/finops/format";

/**
 * The Gantt column of the call tree: each call's attempts as bars from their start over their latency, on one
 * time axis for the whole trace. A retried (wasted) attempt is hatched, so retries show as a striped bar
 * before the solid last attempt. Colour is the executing team (a stable hue per team name) or the status.
 */
export type ColorBy = "team" | "status";
export type Axis = { t0: number; span: number };

// Hues distinguishable on white; a team keeps its hue on every trace (hash of its name), "" is grey.
const STATUS_COLOURS: Record<string, string> = { success: "#2f9e44", cancelled: "#868e96", rate_limited: "#f08c00", timeout: "#c92a2a", error: "#c92a2a" };


export const statusColour = (status: string) => STATUS_COLOURS[status] ?? "#495057";

/** Durations by the one rule (lib/finops/format.ts). */
export const ms = formatDuration;
const pct = (v: number) => `${Math.max(0, Math.min(100, v)).toFixed(3)}%`;

function AttemptBar({ a, node, axis, colorBy }: { a: TraceAttempt; node: TraceNode; axis: Axis; colorBy: ColorBy }) {
  const start = Date.parse(a.start) - axis.t0;
  const left = (start / axis.span) * 100;
  const width = ((a.latency_ms ?? 0) / axis.span) * 100;
  const pinned = useTeamColors();
  const colour = colorBy === "team" ? teamColour(node.team, pinned) : statusColour(a.status);
  const style = { left: pct(left), width: pct(Math.min(width, 100 - left)), background: a.wasted ? `repeating-linear-gradient(135deg, ${colour} 0 3px, transparent 3px 6px)` : colour, borderColor: colour };
  return <span className={a.wasted ? "bar wasted" : "bar"} style={style} title={`attempt ${a.attempt} · ${a.status.replace(/_/g, " ")}${a.wasted ? " (retried: waste)" : ""} · starts +${ms(start)} · ${ms(a.latency_ms)}`} />;
}

/** One row's bars: a call's attempts, or every call of a folded run (one strip of repeats). */
export function TimelineBars({ nodes, axis, colorBy }: { nodes: TraceNode[]; axis: Axis; colorBy: ColorBy }) {
  return (
    <div className="gantt-track" data-testid="timeline-track">
      {nodes.flatMap((n) => n.attempt_list.map((a) => <AttemptBar key={a.event_id} a={a} node={n} axis={axis} colorBy={colorBy} />))}
    </div>
  );
}

/** The axis labels above the bars: start, quarters, end, as offsets from the trace's start. */
export function TimelineAxis({ axis }: { axis: Axis }) {
  return (
    <div className="gantt-axis" aria-hidden>
      {[0, 0.25, 0.5, 0.75, 1].map((f) => (
        <span key={f} style={{ left: `${f * 100}%` }}>{f === 0 ? "0" : `+${ms(Math.round(f * axis.span))}`}</span>
      ))}
    </div>
  );
}

/** The colours in use, as a legend. */
export function TimelineLegend({ nodes, colorBy }: { nodes: TraceNode[]; colorBy: ColorBy }) {
  const pinned = useTeamColors();
  const values = [...new Set(nodes.map((n) => (colorBy === "team" ? n.team : n.status)))].sort();
  return (
    <span className="gantt-legend">
      {values.map((v) => (
        <span key={v}><span className="swatch" style={{ background: colorBy === "team" ? teamColour(v, pinned) : statusColour(v) }} /> {colorBy === "team" ? v || "Unattributed" : v.replace(/_/g, " ")}</span>
      ))}
      <span><span className="swatch hatched" /> retried attempt</span>
    </span>
  );
}
