"use client";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/ui/form";
import { useSetRule } from "@/lib/hooks/use-chargeback";
import { Money } from "@/lib/finops/money";
import { teamLabel } from "@/lib/finops/format";
import type { ChargebackReportOut } from "@/lib/schemas/chargeback";

const RULES = [
  { id: "proportional", label: "Proportional to direct cost" },
  { id: "even", label: "Even split" },
  { id: "fixed", label: "Fixed percentages" },
] as const;

/**
 * The period's allocation rule. Choosing one saves it for the period (audited); fixed percentages open a small
 * form whose sum must be exactly 100 (checked here as you type and again by the API). A closed period shows its
 * frozen rule only.
 */
export function RuleControl({ report: r, canWrite }: { report: ChargebackReportOut; canWrite: boolean }) {
  const setRule = useSetRule();
  const [editing, setEditing] = useState(false);
  const teams = r.teams.filter((t) => t.team !== "");
  const [pcts, setPcts] = useState<Record<string, string>>({});
  const closed = r.status === "closed";
  const sum = Object.values(pcts).reduce((a, v) => a.plus(/^\d+(\.\d+)?$/.test(v) ? v : 0), new Money(0));

  function choose(rule: string) {
    if (rule === "fixed") {
      setPcts(Object.fromEntries(teams.map((t) => [t.team, r.percentages[t.team] ?? ""])));
      setEditing(true);
      return;
    }
    setEditing(false);
    setRule.mutate({ period: r.period, rule });
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const percentages = Object.fromEntries(Object.entries(pcts).filter(([, v]) => v.trim() !== ""));
    setRule.mutate({ period: r.period, rule: "fixed", percentages }, { onSuccess: () => setEditing(false) });
  }
  return (
    <div>
      <label className="field inline">
        <span className="field-label">Allocation rule</span>
        <select aria-label="Allocation rule" value={editing ? "fixed" : r.rule} disabled={closed || !canWrite || setRule.isPending} onChange={(e) => choose(e.target.value)}>
          {RULES.map((x) => (
            <option key={x.id} value={x.id}>{x.label}</option>
          ))}
        </select>
      </label>
      {r.rule === "fixed" && !editing && !closed && canWrite && (
        <button type="button" className="button small" onClick={() => choose("fixed")}>Edit percentages</button>
      )}
      {editing && (
        <form onSubmit={submit} aria-label="Fixed percentages">
          <div className="cb-percent">
            {teams.map((t) => (
              <label key={t.team} className="field">
                <span className="field-label truncate" title={t.name}>{teamLabel(t.team)} %</span>
                <input inputMode="decimal" aria-label={`${teamLabel(t.team)} percentage`} value={pcts[t.team] ?? ""} onChange={(e) => setPcts({ ...pcts, [t.team]: e.target.value })} placeholder="0" />
              </label>
            ))}
          </div>
          <p className={sum.equals(100) ? "muted" : "form-error"} aria-live="polite">Sum: {sum.toFixed()} % {sum.equals(100) ? "" : "(must be exactly 100)"}</p>
          <div className="form-actions">
            <button className="button primary" disabled={!sum.equals(100) || setRule.isPending}>Save percentages</button>
            <button type="button" className="button" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      )}
      <FormError error={setRule.error} />
    </div>
  );
}
