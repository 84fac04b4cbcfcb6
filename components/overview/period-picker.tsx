"use client";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { formatDayRange } from "@/lib/finops/format";
import { activePreset, addDays, PRESET_DAYS, presetWindow, rangeProblem, type OverviewState } from "@/lib/finops/overview-state";
import { TIME_ZONES } from "@/lib/finops/date-range";

/**
 * Period and zone. Ranges are [from, to) everywhere in the API, but people think in last days, so the second
 * date input shows the last day included ("Through") and the URL keeps the exclusive `to`.
 */
export function PeriodPicker({ state, previous, busy, onChange }: { state: OverviewState; previous: { from: string; to: string }; busy: boolean; onChange: (patch: Partial<OverviewState>) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const now = new Date();
  const preset = activePreset(state, now);
  const through = addDays(state.to, -1);

  function setRange(from: string, to: string) {
    const why = rangeProblem(from, to);
    setProblem(why);
    if (!why) onChange({ from, to });
  }
  // Moving one end past the other drags the other along, rather than refusing the edit.
  const setFrom = (v: string) => v && setRange(v, v >= state.to ? addDays(v, 1) : state.to);
  const setThrough = (v: string) => v && setRange(v < state.from ? v : state.from, addDays(v, 1));

  return (
    <Card className="period-card">
      <div className="toolbar period-toolbar">
        <div className="segmented" role="group" aria-label="Period">
          {PRESET_DAYS.map((d) => (
            <button key={d} type="button" className="button small" aria-pressed={preset === d} onClick={() => { setProblem(null); onChange(presetWindow(d, state.tz, new Date())); }}>
              Last {d} days
            </button>
          ))}
        </div>
        <label className="field inline"><span className="field-label">From</span><input type="date" aria-label="From" value={state.from} onChange={(e) => setFrom(e.target.value)} /></label>
        <label className="field inline"><span className="field-label">Through</span><input type="date" aria-label="Through" value={through} onChange={(e) => setThrough(e.target.value)} /></label>
        <label className="field inline">
          <span className="field-label">Time zone</span>
          <select aria-label="Time zone" value={state.tz} onChange={(e) => onChange({ tz: e.target.value })}>
            {[...new Set([state.tz, ...TIME_ZONES])].map((z) => <option key={z}>{z}</option>)}
          </select>
        </label>
      </div>
      <p className="muted period-line" aria-live="polite" data-testid="period">
        {formatDayRange(state.from, state.to)} ({state.tz}) · compared with {formatDayRange(previous.from, previous.to)}
        {busy && <span className="updating"> · updating…</span>}
      </p>
      {problem && <p className="form-error" role="alert">{problem}</p>}
    </Card>
  );
}
