"use client";
import { Fragment, useLayoutEffect, useMemo, useRef, useState } from "react";
import { formatInt, formatUsdFine, teamLabel, valueLabel } from "@/lib/finops/format";
import { collapseRepeats, MIN_RUN, type RepeatGroup } from "@/lib/finops/trace-collapse";
import type { TraceNode } from "@/lib/schemas/trace";
import { ms, TimelineAxis, TimelineBars, TimelineLegend, type Axis, type ColorBy } from "./call-timeline";
import { rowWindow, VIRTUAL_FROM } from "./virtual-rows";

// Deeper calls keep this indent and show their depth instead: a runaway agent can nest hundreds deep.
const MAX_INDENT = 16;
const STATUS_CLASS: Record<string, string> = { success: "ok", cancelled: "warn", rate_limited: "bad", timeout: "bad", error: "bad" };
const shown = valueLabel;
const indent = (depth: number) => `${Math.min(depth, MAX_INDENT) * 1.1}rem`;
const tokenTitle = (n: TraceNode) =>
  `input ${formatInt(n.input_tokens)} (cache read ${formatInt(n.cache_read_tokens)}, cache write ${formatInt(n.cache_write_tokens)}) · output ${formatInt(n.output_tokens)} (reasoning ${formatInt(n.reasoning_tokens)})`;

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${STATUS_CLASS[status] ?? ""}`}>{status.replace(/_/g, " ")}</span>;
}

/** Which nodes are visible: everything not under a collapsed node (nodes come in depth-first order). */
function visibleNodes(nodes: TraceNode[], collapsed: ReadonlySet<string>): TraceNode[] {
  const out: TraceNode[] = [];
  let hideDeeperThan = Infinity;
  for (const n of nodes) {
    if (n.depth > hideDeeperThan) continue;
    hideDeeperThan = collapsed.has(n.id) ? n.depth : Infinity;
    out.push(n);
  }
  return out;
}

const toggle = (set: ReadonlySet<string>, id: string) => {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
};

/**
 * The call graph as an indented, collapsible table with a timeline (Gantt) column: one row per call, its
 * attempts on demand, and runs of identical calls folded into one row (lib/finops/trace-collapse.ts).
 */
export function CallTree({ nodes, start, end }: { nodes: TraceNode[]; start: string; end: string }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [openAttempts, setOpenAttempts] = useState<ReadonlySet<string>>(new Set());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [foldRepeats, setFoldRepeats] = useState(true);
  const [colorBy, setColorBy] = useState<ColorBy>("team");
  const parents = useMemo(() => new Set(nodes.map((n) => n.parent_id).filter((p): p is string => p !== null)), [nodes]);
  const visible = useMemo(() => visibleNodes(nodes, collapsed), [nodes, collapsed]);
  const rows = useMemo(() => (foldRepeats ? collapseRepeats(visible, parents, expanded) : visible.map((node) => ({ kind: "call" as const, node }))), [visible, parents, expanded, foldRepeats]);
  const folded = rows.filter((r) => r.kind === "repeat").length;
  const t0 = Date.parse(start);
  const axis: Axis = { t0, span: Math.max(1, Date.parse(end) - t0) };
  // Long trees render only the rows in view (components/trace/virtual-rows.ts); short ones render whole.
  const virtual = rows.length > VIRTUAL_FROM;
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800, rowPx: 36 });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!virtual || !el) return;
    const row = el.querySelector<HTMLElement>("tbody tr[data-testid]");
    setView((v) => ({ ...v, height: el.clientHeight, rowPx: row?.offsetHeight || v.rowPx }));
  }, [virtual]);
  const win = virtual ? rowWindow(rows.length, view.top, view.height, view.rowPx) : { start: 0, end: rows.length, padTop: 0, padBottom: 0 };

  return (
    <>
      <div className="toolbar">
        <button className="button small" onClick={() => setCollapsed(new Set())}>Expand all</button>
        <button className="button small" onClick={() => setCollapsed(new Set(nodes.filter((n) => n.parent_id === null && parents.has(n.id)).map((n) => n.id)))}>Collapse to roots</button>
        <label className="checkbox" title={`${MIN_RUN} or more calls in a row under the same parent, with the same service, feature, team, model and status, and input + output tokens within ±25 % of the run's first call`}>
          <input type="checkbox" checked={foldRepeats} onChange={(e) => { setFoldRepeats(e.target.checked); setExpanded(new Set()); }} /> Fold repeated calls
        </label>
        <span className="segmented" role="group" aria-label="Colour bars by">
          {(["team", "status"] as const).map((c) => (
            <button key={c} className="button small" aria-pressed={colorBy === c} onClick={() => setColorBy(c)}>By {c}</button>
          ))}
        </span>
        <span className="muted">{formatInt(nodes.length)} calls{folded > 0 ? `, ${folded} runs of repeats folded` : ""}; indented under the call that made them.</span>
      </div>
      <div className="muted"><TimelineLegend nodes={nodes} colorBy={colorBy} /></div>
      <div
        ref={scroller}
        className={`table-scroll${virtual ? " virtual-scroll" : ""}`}
        onScroll={virtual ? (e) => { const top = e.currentTarget.scrollTop; setView((v) => (Math.abs(v.top - top) < v.rowPx ? v : { ...v, top })); } : undefined}
      >
        <table className="table compact trace-tree" data-testid="call-tree" aria-rowcount={virtual ? rows.length + 1 : undefined}>
          <thead>
            <tr>
              <th>Call (service)</th>
              <th className="col-team">Team</th>
              <th className="col-model">Model</th>
              <th>Status</th>
              <th className="num">Attempts</th>
              <th className="num">Spend</th>
              <th className="num col-subtree" title="This call and every call below it">With children</th>
              <th className="num col-tokens" title="Input / output tokens (hover a row for cache and reasoning)">Tokens in / out</th>
              <th className="gantt-col">Timeline<TimelineAxis axis={axis} /></th>
            </tr>
          </thead>
          <tbody>
            {win.padTop > 0 && <tr aria-hidden="true" style={{ height: win.padTop }}><td colSpan={9} /></tr>}
            {rows.slice(win.start, win.end).map((r, i) =>
              r.kind === "repeat" ? (
                <RepeatRow key={r.group.id} rowIndex={virtual ? win.start + i + 2 : undefined} g={r.group} axis={axis} colorBy={colorBy} onExpand={() => setExpanded((e) => toggle(e, r.group.id))} />
              ) : (
                <CallRow
                  key={r.node.id}
                  rowIndex={virtual ? win.start + i + 2 : undefined}
                  n={r.node}
                  axis={axis}
                  colorBy={colorBy}
                  hasKids={parents.has(r.node.id)}
                  isCollapsed={collapsed.has(r.node.id)}
                  onToggle={() => setCollapsed((c) => toggle(c, r.node.id))}
                  attemptsOpen={openAttempts.has(r.node.id)}
                  onAttempts={() => setOpenAttempts((o) => toggle(o, r.node.id))}
                  refold={expanded.has(`repeat:${r.node.id}`) ? () => setExpanded((e) => toggle(e, `repeat:${r.node.id}`)) : undefined}
                />
              ),
            )}
            {win.padBottom > 0 && <tr aria-hidden="true" style={{ height: win.padBottom }}><td colSpan={9} /></tr>}
          </tbody>
        </table>
      </div>
    </>
  );
}

type CallRowProps = { rowIndex?: number; n: TraceNode; axis: Axis; colorBy: ColorBy; hasKids: boolean; isCollapsed: boolean; onToggle: () => void; attemptsOpen: boolean; onAttempts: () => void; refold?: () => void };

function CallRow({ rowIndex, n, axis, colorBy, hasKids, isCollapsed, onToggle, attemptsOpen, onAttempts, refold }: CallRowProps) {
  const waste = Number(n.retry_waste_usd) > 0;
  return (
    <Fragment>
      <tr className={waste ? "waste-row" : undefined} data-testid="call-row" aria-rowindex={rowIndex}>
        <td>
          <div className="tree-call" style={{ paddingLeft: indent(n.depth) }}>
            <button className="tree-toggle" disabled={!hasKids} aria-expanded={hasKids ? !isCollapsed : undefined} aria-label={hasKids ? `${isCollapsed ? "Expand" : "Collapse"} ${shown(n.service)}` : undefined} onClick={onToggle}>
              {hasKids ? (isCollapsed ? "▸" : "▾") : "·"}
            </button>
            {n.depth > MAX_INDENT && <span className="tree-depth">L{n.depth}</span>}
            <strong className="truncate" title={`${shown(n.service)}${n.feature ? ` · ${n.feature}` : ""}\nspan ${shown(n.span_id)}\nrequest ${shown(n.request_id)}`}>{shown(n.service)}</strong>
            {n.orphan && <span className="badge warn" title="Its parent span is not in this trace: never sent, or outside your teams">orphan</span>}
            {refold && <button className="link small-link" onClick={refold} title="Fold this run of repeated calls back into one row">fold repeats</button>}
          </div>
        </td>
        <td className="truncate col-team" title={n.team === n.origin_team ? teamLabel(n.team) : `Executed by ${teamLabel(n.team)}, originated by ${teamLabel(n.origin_team)}`}>
          {teamLabel(n.team)}
          {n.team !== n.origin_team && <span className="muted"> for {teamLabel(n.origin_team)}</span>}
        </td>
        <td className="truncate col-model" title={`${n.provider}/${n.model}`}>{n.model}</td>
        <td><StatusBadge status={n.status} /></td>
        <td className="num">
          <button className="link" aria-expanded={attemptsOpen} onClick={onAttempts}>{n.attempts}</button>
          {waste && <> <span className="badge waste" title="Retry waste: cost of the attempts that were retried">{formatUsdFine(n.retry_waste_usd)} waste</span></>}
        </td>
        <td className="num" title={n.cost_usd}>{formatUsdFine(n.cost_usd)}{n.unpriced_attempts > 0 && <> <span className="badge warn" title="No price for this model: its cost is not counted">unpriced</span></>}</td>
        <td className="num muted col-subtree" title={n.subtree_cost_usd}>{hasKids ? formatUsdFine(n.subtree_cost_usd) : ""}</td>
        <td className="num col-tokens" title={tokenTitle(n)}>{formatInt(n.input_tokens)} / {formatInt(n.output_tokens)}</td>
        <td className="gantt-col" title={`starts +${ms(Date.parse(n.start) - axis.t0)}, takes ${ms(n.elapsed_ms)} (last attempt ${ms(n.latency_ms)})`}>
          <TimelineBars nodes={[n]} axis={axis} colorBy={colorBy} />
        </td>
      </tr>
      {attemptsOpen && (
        <tr className="attempts-row">
          <td colSpan={9}>
            <div className="attempt-list" style={{ paddingLeft: `calc(${indent(n.depth)} + 1.6rem)` }}>
              {n.attempt_list.map((a) => (
                <span key={a.event_id} title={`event ${a.event_id}${a.error_type ? ` · ${a.error_type}` : ""}`}>
                  #{a.attempt} <StatusBadge status={a.status} /> {ms(a.latency_ms)} · <span className={a.wasted ? "badge waste" : undefined} title={a.cost_usd}>{formatUsdFine(a.cost_usd)}{a.wasted ? " wasted" : ""}</span>
                </span>
              ))}
            </div>
          </td>
        </tr>
      )}
    </Fragment>
  );
}

/** A folded run of identical calls: count, summed cost, and every call's bars on one strip. */
function RepeatRow({ rowIndex, g, axis, colorBy, onExpand }: { rowIndex?: number; g: RepeatGroup; axis: Axis; colorBy: ColorBy; onExpand: () => void }) {
  const n = g.first;
  const last = g.nodes[g.nodes.length - 1];
  const waste = Number(g.retry_waste_usd) > 0;
  const minTok = Math.min(...g.nodes.map((x) => x.input_tokens + x.output_tokens));
  const maxTok = Math.max(...g.nodes.map((x) => x.input_tokens + x.output_tokens));
  return (
    <tr className="repeat-row" data-testid="repeat-row" data-count={g.nodes.length} aria-rowindex={rowIndex}>
      <td>
        <div className="tree-call" style={{ paddingLeft: indent(n.depth) }}>
          <button className="tree-toggle" aria-expanded={false} aria-label={`Show the ${g.nodes.length} repeated ${shown(n.service)} calls`} onClick={onExpand}>▸</button>
          <strong className="truncate" title={`${shown(n.service)}${n.feature ? ` · ${n.feature}` : ""}`}>{shown(n.service)}</strong>
          <button className="badge repeat" onClick={onExpand} title={`${g.nodes.length} identical calls in a row (same parent, service, feature, team, model, status; ${formatInt(minTok)}–${formatInt(maxTok)} tokens each). Click to list them.`}>
            ×{formatInt(g.nodes.length)} identical
          </button>
        </div>
      </td>
      <td className="truncate col-team" title={teamLabel(n.team)}>{teamLabel(n.team)}</td>
      <td className="truncate col-model" title={`${n.provider}/${n.model}`}>{n.model}</td>
      <td><StatusBadge status={n.status} /></td>
      <td className="num">{formatInt(g.attempts)}{waste && <> <span className="badge waste" title="Retry waste of these calls">{formatUsdFine(g.retry_waste_usd)} waste</span></>}</td>
      <td className="num" title={`${g.cost_usd} (sum of ${g.nodes.length} calls)`}>{formatUsdFine(g.cost_usd)}</td>
      <td className="num muted col-subtree" />
      <td className="num col-tokens" title="Summed over the run">{formatInt(g.input_tokens)} / {formatInt(g.output_tokens)}</td>
      <td className="gantt-col" title={`${g.nodes.length} calls from +${ms(Date.parse(n.start) - axis.t0)} to +${ms(Date.parse(last.start) + (last.elapsed_ms ?? 0) - axis.t0)}`}>
        <TimelineBars nodes={g.nodes} axis={axis} colorBy={colorBy} />
      </td>
    </tr>
  );
}
