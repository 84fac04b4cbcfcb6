"use client";
import Link from "next/link";
import { TeamAttributionChart } from "@/components/charts/team-attribution-chart";
import { Card, StatusMessage } from "@/components/ui/card";
import { HttpError } from "@/lib/api/fetch-json";
import { formatDuration, formatInt, formatUsdFine, teamLabel } from "@/lib/finops/format";
import { useTrace } from "@/lib/hooks/use-trace";
import type { TraceResponse } from "@/lib/schemas/trace";
import { CallTree } from "./call-tree";
import { TeamCostTable } from "./team-cost-table";
import { TraceContextList } from "./trace-context";
import "./trace.css";
import { TraceSearch } from "./trace-search";

const when = (iso: string) => new Date(iso).toLocaleString("en-US", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone: "UTC" });

/** One trace: its total, its call graph, and its cost by executing and by originating team. */
export function TraceView({ id }: { id: string }) {
  const trace = useTrace(id);
  if (trace.isPending) return <StatusMessage kind="loading" title="Loading trace…" />;
  if (trace.error) {
    const status = trace.error instanceof HttpError ? trace.error.status : 0;
    return (
      <Card>
        {status === 404 ? (
          <StatusMessage kind="empty" title="Trace not found">{trace.error.message}</StatusMessage>
        ) : status === 400 ? (
          <StatusMessage kind="error" title="Not a valid trace or request id">{trace.error.message}</StatusMessage>
        ) : (
          <StatusMessage kind="error" title="Could not load the trace">{trace.error.message}</StatusMessage>
        )}
        <TraceSearch initial={id} />
        <p className="muted"><Link href="/traces">Back to the most expensive traces</Link></p>
      </Card>
    );
  }
  return <TraceDetail t={trace.data} />;
}

function TraceDetail({ t }: { t: TraceResponse }) {
  const total = t.total;
  const teams = [...new Set([...t.by_executing_team, ...t.by_originating_team].map((r) => r.team))];
  const cost = (rows: TraceResponse["by_executing_team"], team: string) => rows.find((r) => r.team === team)?.cost_usd ?? "0";
  const points = teams.map((team) => ({
    team: teamLabel(team),
    executed: Number(cost(t.by_executing_team, team)),
    originated: Number(cost(t.by_originating_team, team)),
    executedText: formatUsdFine(cost(t.by_executing_team, team)),
    originatedText: formatUsdFine(cost(t.by_originating_team, team)),
  }));
  const orphans = t.nodes.filter((n) => n.orphan).length;
  const waste = Number(total.retry_waste_usd) > 0;

  return (
    <div className="stack">
      <Card>
        <div className="trace-head">
          <span className="muted">{t.trace_id ? "trace_id" : "request_id"}</span>
          <span className="mono" data-testid="trace-id">{t.trace_id || t.id}</span>
          {t.found_by === "request_id" && t.trace_id && <span className="muted">(found by request_id <span className="mono">{t.id}</span>)</span>}
        </div>
        <div className="muted">{when(t.start)} UTC · {formatDuration(Date.parse(t.end) - Date.parse(t.start))}</div>
        <TraceContextList context={t.context} start={t.start} end={t.end} />
        <div className="trace-kpis">
          <div className="waste-figure">
            <div className="kpi-label" title="Sum of every attempt's cost in this trace (within your teams)">Spend</div>
            <div className="kpi-value" data-testid="trace-total" data-exact={total.cost_usd} title={total.cost_usd}>{formatUsdFine(total.cost_usd)}</div>
          </div>
          <div className="waste-figure">
            <div className="kpi-label" title="Calls: the attempts of one request count once; attempts: billed call attempts">Calls / attempts</div>
            <div className="waste-value">{formatInt(total.spans)} / {formatInt(total.attempts)}</div>
          </div>
          <div className="waste-figure">
            <div className="kpi-label" title="Cost of every attempt that is not the last attempt of its request">Retry waste</div>
            <div className={`waste-value ${waste ? "bad" : ""}`} title={total.retry_waste_usd}>{formatUsdFine(total.retry_waste_usd)}</div>
          </div>
          <div className="waste-figure">
            <div className="kpi-label" title="Input includes cached tokens; output includes reasoning tokens">Tokens in / out</div>
            <div className="waste-value">{formatInt(total.input_tokens)} / {formatInt(total.output_tokens)}</div>
            <div className="muted">{formatInt(total.cache_read_tokens)} cache read · {formatInt(total.cache_write_tokens)} cache write · {formatInt(total.reasoning_tokens)} reasoning</div>
          </div>
        </div>
      </Card>
      {t.truncated && <div className="notice" role="status">This trace has more than {formatInt(t.event_limit)} call attempts: only the earliest {formatInt(t.event_limit)} are shown and counted.</div>}
      {total.unpriced_attempts > 0 && <div className="notice" role="status">{formatInt(total.unpriced_attempts)} attempts use a model without a price: their cost is not in these figures.</div>}
      {orphans > 0 && <div className="notice" role="status">{orphans === 1 ? "One call's" : `${orphans} calls'`} parent span is not in this trace (never sent, or outside your teams): {orphans === 1 ? "it is" : "they are"} shown as roots, and {orphans === 1 ? "its" : "their"} cost is originated by {orphans === 1 ? "its" : "their"} own team.</div>}
      <Card title="Who pays" subtitle="Executed: each call is charged to the team that ran it. Originated: every call is charged to the team whose request started its tree (the root call). Both add up to the total.">
        <div className="two-col">
          <div>
            <h3 className="muted">Spend by executing team</h3>
            <TeamCostTable rows={t.by_executing_team} total={total.cost_usd} testId="executing-teams" />
          </div>
          <div>
            <h3 className="muted">Spend by originating team</h3>
            <TeamCostTable rows={t.by_originating_team} total={total.cost_usd} testId="originating-teams" />
          </div>
        </div>
        {teams.length > 1 && <TeamAttributionChart points={points} title="Spend by team: executed and originated" />}
      </Card>
      <Card title="Call graph and timeline" subtitle="Each row is one call, its bars its attempts over the trace's time (hatched: retried). Repeated identical calls are folded into one row with their count and summed cost: click it to list them.">
        <CallTree nodes={t.nodes} start={t.start} end={t.end} />
      </Card>
    </div>
  );
}
