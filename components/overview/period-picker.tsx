"use client";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { RangePicker } from "@/components/ui/range-picker";
import { formatDayRange } from "@/lib/finops/format";
import { rangeProblem, type OverviewState } from "@/lib/finops/overview-state";

/**
 * Period and zone. Ranges are [from, to) everywhere in the API, but people think in last days, so the second
 * date input shows the last day included ("Through") and the URL keeps the exclusive `to`.
 */
export function PeriodPicker({ state, comparison, busy, onChange }: { state: OverviewState; comparison: string; busy: boolean; onChange: (patch: Partial<OverviewState>) => void }) {
  const [problem, setProblem] = useState<string | null>(null);

  function setRange(from: string, to: string) {
    const why = rangeProblem(from, to);
    setProblem(why);
    if (!why) onChange({ from, to });
  }

  return (
    <Card className="period-card">
      <div className="toolbar period-toolbar">
        <RangePicker range={state} tz={state.tz} onChange={(patch) => {
          const next = { from: patch.from ?? state.from, to: patch.to ?? state.to };
          if (patch.tz) { setProblem(null); onChange({ tz: patch.tz }); return; }
          setRange(next.from, next.to);
        }} />
      </div>
      <p className="muted period-line" aria-live="polite" data-testid="period">
        {formatDayRange(state.from, state.to)} ({state.tz}){comparison && <> · <span data-testid="period-comparison">{comparison}</span></>}
        {busy && <span className="updating"> · updating…</span>}
      </p>
      {problem && <p className="form-error" role="alert">{problem}</p>}
    </Card>
  );
}
