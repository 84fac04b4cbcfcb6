"use client";
import { DIMENSION_NAMES, type Dimension } from "@/lib/dimensions";
import { RangePicker } from "@/components/ui/range-picker";
import { METRICS } from "@/lib/finops/explorer-metrics";
import { hourlyAllowed, tracesHref, type ExplorerState } from "@/lib/finops/explorer-state";
import { MAX_HOURLY_DAYS } from "@/lib/schemas/timeseries";

const label = (d: string) => d.replace(/_/g, " ");

/** Range, zone, bucket, grouping and metric, plus the view's exports: CSV and its traces. */
export function ExplorerToolbar({ state, go, onExport, canExport }: { state: ExplorerState; go: (patch: Partial<ExplorerState>) => void; onExport: () => void; canExport: boolean }) {
  const hourly = hourlyAllowed(state.from, state.to);
  const hourlyHint = `Hourly needs a range of ${MAX_HOURLY_DAYS} days or less`;
  return (
    <>
      <div className="toolbar">
        <RangePicker range={state} tz={state.tz} onChange={(patch) => go(patch)} />
        <div className="segmented" role="radiogroup" aria-label="Bucket">
          <button role="radio" aria-checked={state.bucket === "day"} className={state.bucket === "day" ? "on" : ""} onClick={() => go({ bucket: "day" })}>Daily</button>
          <button role="radio" aria-checked={state.bucket === "hour"} className={state.bucket === "hour" ? "on" : ""} disabled={!hourly} title={hourly ? undefined : hourlyHint} onClick={() => go({ bucket: "hour" })}>Hourly</button>
        </div>
        {!hourly && <span className="field-hint">{hourlyHint}</span>}
      </div>
      <div className="toolbar">
        <label className="field inline"><span className="field-label">Group by</span>
          <select aria-label="Group by" value={state.groupBy} onChange={(e) => go({ groupBy: e.target.value as Dimension })}>
            {DIMENSION_NAMES.map((d) => <option key={d} value={d}>{label(d)}</option>)}
          </select>
        </label>
        <label className="field inline"><span className="field-label">then by</span>
          <select aria-label="Then by" value={state.groupBy2 ?? ""} onChange={(e) => go({ groupBy2: (e.target.value || null) as Dimension | null })}>
            <option value="">nothing else</option>
            {DIMENSION_NAMES.filter((d) => d !== state.groupBy).map((d) => <option key={d} value={d}>{label(d)}</option>)}
          </select>
        </label>
        <label className="field inline"><span className="field-label">Metric</span>
          <select aria-label="Metric" value={state.metric} onChange={(e) => go({ metric: e.target.value, sort: e.target.value })}>{METRICS.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}</select>
        </label>
        <span className="toolbar-end">
          <button className="button small" onClick={onExport} disabled={!canExport}>Export CSV</button>
          <a className="button small" href={tracesHref(state)} title="The most expensive traces for this range and these filters">Traces for this view →</a>
        </span>
      </div>
    </>
  );
}
