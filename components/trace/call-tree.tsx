"use client";
import { useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { formatInt, formatUsdFine, teamLabel, valueLabel } from "@/lib/finops/format";
import { collapseRepeats, MIN_RUN, type RepeatGroup } from "@/lib/finops/trace-collapse";
import type { TraceNode } from "@/lib/schemas/trace";
import { ms, TimelineAxis, TimelineBars, TimelineLegend, type Axis, type ColorBy } from "./call-timeline";

/**
 * Long trees (the call tree of a runaway agent has thousands of calls) render only the rows in view plus a
 * margin, with spacers above and below keeping the scrollbar true to the whole list (@tanstack/react-virtual,
 * rows measured as drawn). Short ones render whole: every row findable with the browser's search.
 */
export const VIRTUAL_FROM = 500;
const OVERSCAN = 20;
const ROW_PX = 37;

/** One <tr> of the tree: a call, a folded run of repeats, or the attempts of a call opened under it. */
type Item = { kind: "call"; node: TraceNode } | { kind: "repeat"; group: RepeatGroup } | { kind: "attempts"; node: TraceNode };
const itemKey = (it: Item) => (it.kind === "repeat" ? it.group.id : it.kind === "call" ? it.node.id : `attempts:${it.node.id}`);

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
  // Each row is one item, a call's opened attempts too, so every measured element is exactly one row.
  const items = useMemo(() => rows.flatMap((r): Item[] => (r.kind === "call" && openAttempts.has(r.node.id) ? [r, { kind: "attempts", node: r.node }] : [r])), [rows, openAttempts]);
  const virtual = items.length > VIRTUAL_FROM;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    getItemKey: (i) => itemKey(items[i]),
    overscan: OVERSCAN,
    enabled: virtual,
  });
  const inView = virtual ? virtualizer.getVirtualItems() : null;
  const shownItems = inView ? inView.map((v) => ({ item: items[v.index], index: v.index })) : items.map((item, index) => ({ item, index }));
  const padTop = inView?.length ? inView[0].start : 0;
  const padBottom = inView?.length ? virtualizer.getTotalSize() - inView[inView.length - 1].end : 0;
  // In a windowed tree, rows say where they are in the whole (aria-rowindex, the header row being 1).
  const place = (index: number) => (virtual ? { rowIndex: index + 2, dataIndex: index, measure: virtualizer.measureElement } : {});

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
        <span className="muted">{formatInt(nodes.length)} {nodes.length === 1 ? "call" : "calls"}{folded > 0 ? `, ${folded} ${folded === 1 ? "run" : "runs"} of repeats folded` : ""}; indented under the call that made them.</span>
      </div>
      <div className="muted"><TimelineLegend nodes={nodes} colorBy={colorBy} /></div>
      <div
        ref={scroller}
        className={`table-scroll${virtual ? " virtual-scroll" : ""}`}
      >
        <table className="table compact trace-tree" data-testid="call-tree" aria-rowcount={virtual ? items.length + 1 : undefined}>
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
            {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }}><td colSpan={9} /></tr>}
            {shownItems.map(({ item: r, index }) =>
              r.kind === "repeat" ? (
                <RepeatRow key={r.group.id} {...place(index)} g={r.group} axis={axis} colorBy={colorBy} onExpand={() => setExpanded((e) => toggle(e, r.group.id))} />
              ) : r.kind === "attempts" ? (
                <AttemptsRow key={`attempts:${r.node.id}`} {...place(index)} n={r.node} />
              ) : (
                <CallRow
                  key={r.node.id}
                  {...place(index)}
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
            {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }}><td colSpan={9} /></tr>}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Where a row of a windowed tree is: its place in the whole, and the measuring ref of the virtualizer. */
type Placed = { rowIndex?: number; dataIndex?: number; measure?: (el: HTMLTableRowElement | null) => void };

type CallRowProps = Placed & { n: TraceNode; axis: Axis; colorBy: ColorBy; hasKids: boolean; isCollapsed: boolean; onToggle: () => void; attemptsOpen: boolean; onAttempts: () => void; refold?: () => void };

function CallRow({ rowIndex, dataIndex, measure, n, axis, colorBy, hasKids, isCollapsed, onToggle, attemptsOpen, onAttempts, refold }: CallRowProps) {
  const waste = Number(n.retry_waste_usd) > 0;
  return (
    <tr ref={measure} data-index={dataIndex} className={waste ? "waste-row" : undefined} data-testid="call-row" aria-rowindex={rowIndex}>
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
  );
}

/** The attempts of a call, opened under its row. */
function AttemptsRow({ rowIndex, dataIndex, measure, n }: Placed & { n: TraceNode }) {
  return (
    <tr ref={measure} data-index={dataIndex} className="attempts-row" aria-rowindex={rowIndex}>
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
  );
}

/** A folded run of identical calls: count, summed cost, and every call's bars on one strip. */
function RepeatRow({ rowIndex, dataIndex, measure, g, axis, colorBy, onExpand }: Placed & { g: RepeatGroup; axis: Axis; colorBy: ColorBy; onExpand: () => void }) {
  const n = g.first;
  const last = g.nodes[g.nodes.length - 1];
  const waste = Number(g.retry_waste_usd) > 0;
  const minTok = Math.min(...g.nodes.map((x) => x.input_tokens + x.output_tokens));
  const maxTok = Math.max(...g.nodes.map((x) => x.input_tokens + x.output_tokens));
  return (
    <tr ref={measure} data-index={dataIndex} className="repeat-row" data-testid="repeat-row" data-count={g.nodes.length} aria-rowindex={rowIndex}>
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
