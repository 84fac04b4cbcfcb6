"use client";
import { Fragment, useMemo, useState } from "react";
import { formatInt, formatUsdFine, teamLabel } from "@/lib/finops/format";
import type { TraceNode } from "@/lib/schemas/trace";

// Deeper calls keep this indent and show their depth instead: a runaway agent can nest hundreds deep.
const MAX_INDENT = 16;
const STATUS_CLASS: Record<string, string> = { success: "ok", cancelled: "warn", rate_limited: "bad", timeout: "bad", error: "bad" };
const shown = (v: string) => (v === "" ? "(none)" : v);
const ms = (n: number | null) => (n === null ? "–" : n < 1000 ? `${n} ms` : `${(n / 1000).toFixed(1)} s`);

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

/** The call graph as an indented, collapsible table: one row per call, its attempts on demand. */
export function CallTree({ nodes, start, end }: { nodes: TraceNode[]; start: string; end: string }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [openAttempts, setOpenAttempts] = useState<ReadonlySet<string>>(new Set());
  const parents = useMemo(() => new Set(nodes.map((n) => n.parent_id).filter((p): p is string => p !== null)), [nodes]);
  const rows = useMemo(() => visibleNodes(nodes, collapsed), [nodes, collapsed]);
  const t0 = Date.parse(start);
  const span = Math.max(1, Date.parse(end) - t0);
  const toggle = (set: ReadonlySet<string>, id: string) => {
    const next = new Set(set);
    if (!next.delete(id)) next.add(id);
    return next;
  };

  return (
    <>
      <div className="toolbar">
        <button className="button small" onClick={() => setCollapsed(new Set())}>Expand all</button>
        <button className="button small" onClick={() => setCollapsed(new Set(nodes.filter((n) => n.parent_id === null && parents.has(n.id)).map((n) => n.id)))}>Collapse to roots</button>
        <span className="muted">{formatInt(nodes.length)} calls; indented under the call that made them. Click a call&apos;s attempts to list them.</span>
      </div>
      <div className="table-scroll">
        <table className="table compact trace-tree" data-testid="call-tree">
          <thead>
            <tr>
              <th>Call (service)</th>
              <th>Team</th>
              <th>Model</th>
              <th>Status</th>
              <th className="num">Attempts</th>
              <th className="num">Cost</th>
              <th className="num" title="This call and every call below it">With children</th>
              <th className="num">Input</th>
              <th className="num">Cache read</th>
              <th className="num">Cache write</th>
              <th className="num">Output</th>
              <th className="num">Reasoning</th>
              <th>Timeline</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => {
              const hasKids = parents.has(n.id);
              const isCollapsed = collapsed.has(n.id);
              const waste = Number(n.retry_waste_usd) > 0;
              const left = ((Date.parse(n.start) - t0) / span) * 100;
              const width = n.elapsed_ms === null ? 0 : (n.elapsed_ms / span) * 100;
              return (
                <Fragment key={n.id}>
                  <tr className={waste ? "waste-row" : undefined} data-testid="call-row">
                    <td>
                      <div className="tree-call" style={{ paddingLeft: `${Math.min(n.depth, MAX_INDENT) * 1.1}rem` }}>
                        <button
                          className="tree-toggle"
                          disabled={!hasKids}
                          aria-expanded={hasKids ? !isCollapsed : undefined}
                          aria-label={hasKids ? `${isCollapsed ? "Expand" : "Collapse"} ${shown(n.service)}` : undefined}
                          onClick={() => setCollapsed((c) => toggle(c, n.id))}
                        >
                          {hasKids ? (isCollapsed ? "▸" : "▾") : "·"}
                        </button>
                        {n.depth > MAX_INDENT && <span className="tree-depth">L{n.depth}</span>}
                        <strong className="truncate" title={`${shown(n.service)}${n.feature ? ` · ${n.feature}` : ""}\nspan ${shown(n.span_id)}\nrequest ${shown(n.request_id)}`}>{shown(n.service)}</strong>
                        {n.orphan && <span className="badge warn" title="Its parent span is not in this trace: never sent, or outside your teams">orphan</span>}
                      </div>
                    </td>
                    <td className="truncate" title={n.team === n.origin_team ? teamLabel(n.team) : `Executed by ${teamLabel(n.team)}, originated by ${teamLabel(n.origin_team)}`}>
                      {teamLabel(n.team)}
                      {n.team !== n.origin_team && <span className="muted"> for {teamLabel(n.origin_team)}</span>}
                    </td>
                    <td className="truncate" title={`${n.provider}/${n.model}`}>{n.model}</td>
                    <td><StatusBadge status={n.status} /></td>
                    <td className="num">
                      <button className="link" aria-expanded={openAttempts.has(n.id)} onClick={() => setOpenAttempts((o) => toggle(o, n.id))}>{n.attempts}</button>
                      {waste && <> <span className="badge waste" title="Retry waste: cost of the attempts that were retried">{formatUsdFine(n.retry_waste_usd)} waste</span></>}
                    </td>
                    <td className="num" title={n.cost_usd}>{formatUsdFine(n.cost_usd)}{n.unpriced_attempts > 0 && <> <span className="badge warn" title="No price for this model: its cost is not counted">unpriced</span></>}</td>
                    <td className="num muted" title={n.subtree_cost_usd}>{hasKids ? formatUsdFine(n.subtree_cost_usd) : ""}</td>
                    <td className="num">{formatInt(n.input_tokens)}</td>
                    <td className="num">{formatInt(n.cache_read_tokens)}</td>
                    <td className="num">{formatInt(n.cache_write_tokens)}</td>
                    <td className="num">{formatInt(n.output_tokens)}</td>
                    <td className="num">{formatInt(n.reasoning_tokens)}</td>
                    <td title={`starts +${ms(Date.parse(n.start) - t0)}, takes ${ms(n.elapsed_ms)} (last attempt ${ms(n.latency_ms)})`}>
                      <div className="timeline"><span style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }} /></div>
                    </td>
                  </tr>
                  {openAttempts.has(n.id) && (
                    <tr className="attempts-row">
                      <td colSpan={13}>
                        <div className="attempt-list" style={{ paddingLeft: `${Math.min(n.depth, MAX_INDENT) * 1.1 + 1.6}rem` }}>
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
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
