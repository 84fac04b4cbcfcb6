"use client";
import { SortTh } from "@/components/ui/sort-header";
import { MetricCell } from "./money-cell";
import type { Dimension } from "@/lib/dimensions";
import { formatDelta, formatMetric, formatPct, metricById, type MetricDef } from "@/lib/finops/explorer-metrics";
import { tracesHref, type ExplorerState } from "@/lib/finops/explorer-state";
import { contextMetrics, shownKey, type TableRow } from "@/lib/finops/explorer-table";
import type { SummaryMeasures } from "@/lib/schemas/summary";

type Props = {
  state: ExplorerState;
  rows: TableRow[];
  total: SummaryMeasures;
  previousTotal: SummaryMeasures | undefined;
  totalDelta: string | number | null;
  totalPct: number | null;
  onSort: (column: string) => void;
  onDrill: (key: string, key2?: string) => void;
  /** The sum of the groups not shown (a paged big grouping), and how many they are. */
  other?: SummaryMeasures | null;
  otherCount?: number;
};

const label = (d: string) => d.replace(/_/g, " ");
// Up is bad for spend and waste, good for savings and cache hits: colour the change by what it means.
const GOOD_WHEN_UP = new Set<string>(["cache_savings_usd", "cache_hit_rate"]);
function changeClass(m: MetricDef, delta: string | number | null): string {
  const n = Number(delta ?? 0);
  if (n === 0) return "num";
  return `num ${n > 0 === GOOD_WHEN_UP.has(m.id) ? "good" : "bad"}`;
}

/** The groups of the view with their previous-period change; a click on a name drills down. */
export function BreakdownTable({ state, rows, total, previousTotal, totalDelta, totalPct, onSort, onDrill, other, otherCount = 0 }: Props) {
  const metric = metricById(state.metric);
  const context = contextMetrics(metric);
  const dims: Dimension[] = state.groupBy2 ? [state.groupBy, state.groupBy2] : [state.groupBy];
  // The sort lives in the URL (sort, dir) and the CSV export orders its rows by the same state.
  const sortState = { col: state.sort, dir: state.dir };
  const sortTh = (col: string, text: string, title?: string) => (
    <SortTh col={col} sort={sortState} onSort={onSort} className={col === "key" || col === "key2" ? undefined : "num"} title={title}>{text}</SortTh>
  );
  const rowKeys = (r: TableRow): Partial<Record<Dimension, string>> => ({ [state.groupBy]: r.key, ...(state.groupBy2 ? { [state.groupBy2]: r.key2 ?? "" } : {}) });
  return (
    <div className="table-scroll">
      <table className="table compact" data-testid="explore-table">
        <thead>
          <tr>
            {sortTh("key", label(state.groupBy))}
            {state.groupBy2 && sortTh("key2", label(state.groupBy2))}
            {sortTh(metric.id, metric.label, metric.definition)}
            <th className="num" title={`The same ${metric.label.toLowerCase()} over the period of equal length just before`}>Previous</th>
            {sortTh("delta", "Change")}
            <th className="num">Change %</th>
            {context.map((m) => <SortTh key={m.id} col={m.id} sort={sortState} onSort={onSort} className="num" title={m.definition}>{m.label}</SortTh>)}
            <th aria-label="Traces" />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={JSON.stringify([r.key, r.key2])}>
              {dims.map((d, i) => {
                const raw = i === 0 ? r.key : r.key2 ?? "";
                const v = shownKey(raw);
                return (
                  <td key={d} className="truncate" title={v}>
                    <button className="link" title={`Filter to ${label(dims[0])} ${shownKey(r.key)}${state.groupBy2 ? ` and ${label(state.groupBy2)} ${shownKey(r.key2 ?? "")}` : ""}, then drill down`} onClick={() => onDrill(r.key, r.key2)}>
                      {/* The empty value is flagged by being empty, and drawn in italics: a real value "(none)" reads as text. */}
                      {raw === "" ? <span className="label-flag">{v}</span> : v}
                    </button>
                  </td>
                );
              })}
              <td className="num"><MetricCell metric={metric} m={r.now} /></td>
              <td className="num muted">{r.prev ? formatMetric(metric, r.prev[metric.id]) : "–"}</td>
              <td className={changeClass(metric, r.delta)}>{formatDelta(metric, r.delta)}</td>
              <td className={changeClass(metric, r.delta)}>{formatPct(r.pct, r.isNew)}</td>
              {context.map((m) => <td key={m.id} className="num"><MetricCell metric={m} m={r.now} /></td>)}
              <td><a className="row-link" href={tracesHref(state, rowKeys(r))} title="Most expensive traces of this group">Traces</a></td>
            </tr>
          ))}
          {other && (
            <tr className="other-row" data-testid="explore-other-row">
              <th scope="row" colSpan={dims.length} className="muted" title="Every group not shown, summed: the rows above plus this one add up to the total">(other: {otherCount.toLocaleString("en-US")} more)</th>
              <td className="num">{formatMetric(metric, other[metric.id])}</td>
              <td className="num muted">–</td>
              <td className="num muted">–</td>
              <td className="num muted">–</td>
              {context.map((m) => <td key={m.id} className="num">{formatMetric(m, other[m.id])}</td>)}
              <td />
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={dims.length}>Total</th>
            <td className="num" data-testid="explore-table-total">{formatMetric(metric, total[metric.id])}</td>
            <td className="num muted">{previousTotal ? formatMetric(metric, previousTotal[metric.id]) : "–"}</td>
            <td className={changeClass(metric, totalDelta)}>{formatDelta(metric, totalDelta)}</td>
            <td className={changeClass(metric, totalDelta)}>{formatPct(totalPct)}</td>
            {context.map((m) => <td key={m.id} className="num">{formatMetric(m, total[m.id])}</td>)}
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
