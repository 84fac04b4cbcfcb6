"use client";
import type { FormEvent } from "react";
import { FormError, Field } from "@/components/ui/form";
import { formatUsd, formatUsdSigned } from "@/lib/finops/format";
import { useWhatIf } from "@/lib/hooks/use-budgets";
import { BurnDownChart } from "./burn-down-chart";

/** Price change, volume growth and moving traffic between models: the projection redrawn, the difference in dollars. */
export function WhatIfForm({ id, amount, thresholds }: { id: string; amount: string; thresholds: { percent: number; action: string }[] }) {
  const run = useWhatIf(id);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const num = (k: string) => Number(f.get(k) || 0);
    const from = String(f.get("from_model") ?? "").trim();
    const to = String(f.get("to_model") ?? "").trim();
    run.mutate({ price_change_pct: num("price_change_pct"), volume_growth_pct: num("volume_growth_pct"), shift: from && to ? { from_model: from, to_model: to, share_pct: num("share_pct") } : null });
  }
  const r = run.data;
  return (
    <div className="stack">
      <form className="form-grid" onSubmit={submit} aria-label="What-if scenario">
        <Field label="Price change %"><input name="price_change_pct" type="number" step="any" min={-100} max={1000} defaultValue={0} /></Field>
        <Field label="Volume growth %"><input name="volume_growth_pct" type="number" step="any" min={-100} max={1000} defaultValue={0} /></Field>
        <Field label="Move traffic from model" hint="e.g. gpt-4.1 or openai/gpt-4.1"><input name="from_model" /></Field>
        <Field label="to model"><input name="to_model" placeholder="e.g. gpt-4o-mini" /></Field>
        <Field label="Share moved %"><input name="share_pct" type="number" min={0} max={100} defaultValue={50} /></Field>
        <div className="form-actions">
          <button className="button primary" disabled={run.isPending}>Apply scenario</button>
          <FormError error={run.error} />
        </div>
      </form>
      {r && (
        <div className="what-if-result" aria-live="polite">
          <p>
            {r.scenario.forecast && r.base.end_usd ? (
              <>
                Projected at period end: <strong>{formatUsd(r.scenario.forecast.end_usd)}</strong> instead of {formatUsd(r.base.end_usd)} (<strong>{formatUsdSigned(r.difference_usd ?? "0")}</strong>
                ); breach {r.scenario.projected_breach_date ? `on ${r.scenario.projected_breach_date}` : "not projected"}.
              </>
            ) : (
              "The period has ended: nothing left to project."
            )}
          </p>
          {r.notes.map((n) => <p key={n} className="muted">{n}</p>)}
          <BurnDownChart points={r.scenario.chart} amount={amount} thresholds={thresholds} height={240} />
        </div>
      )}
    </div>
  );
}
