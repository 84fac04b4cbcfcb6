"use client";
import { useState, type FormEvent } from "react";
import { Field, FormError } from "@/components/ui/form";
import { addDays } from "@/lib/finops/date-range";
import { useBudgetTeams, useCreateBudget, useUpdateBudget } from "@/lib/hooks/use-budgets";
import { ACTIONS, DEFAULT_THRESHOLDS, PERIODS, SCOPE_TYPES, type Threshold } from "@/lib/schemas/budget";

export type BudgetFormValues = {
  name: string;
  scope_type: (typeof SCOPE_TYPES)[number];
  scope_value: string;
  team: string | null;
  period: (typeof PERIODS)[number];
  custom_from: string | null;
  custom_to: string | null;
  amount_usd: string;
  thresholds: Threshold[];
};

const SCOPE_LABEL: Record<string, string> = { org: "Whole organisation", team: "Team", repo: "Repository", feature: "Feature", customer: "Customer", work_item: "Work item", ingest_key: "Ingest key (id)" };
const ACTION_LABEL: Record<string, string> = { notify: "Notify", require_approval: "Require approval", block: "Block" };
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

const EMPTY: BudgetFormValues = { name: "", scope_type: "team", scope_value: "", team: null, period: "month", custom_from: null, custom_to: null, amount_usd: "", thresholds: DEFAULT_THRESHOLDS };

/** Create (no `id`) or edit a budget. Leads only see their own teams in the pickers; the server checks again. */
export function BudgetForm({ id, initial, onDone }: { id?: string; initial?: BudgetFormValues; onDone: (id: string) => void }) {
  const [v, setV] = useState<BudgetFormValues>(initial ?? EMPTY);
  const teams = useBudgetTeams();
  const create = useCreateBudget();
  const update = useUpdateBudget(id ?? "");
  const save = id ? update : create;
  const set = (patch: Partial<BudgetFormValues>) => setV((cur) => ({ ...cur, ...patch }));
  const teamOptions = teams.data?.teams ?? [];

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = {
      ...v,
      scope_value: v.scope_type === "org" ? "" : v.scope_value,
      team: v.scope_type === "team" ? v.scope_value || null : v.team,
      custom_from: v.period === "custom" ? v.custom_from : null,
      custom_to: v.period === "custom" ? v.custom_to : null,
    };
    const saved = await save.mutateAsync(body).catch(() => null);
    if (saved) onDone(saved.budget.id);
  }
  const setThreshold = (i: number, patch: Partial<Threshold>) => set({ thresholds: v.thresholds.map((t, j) => (j === i ? { ...t, ...patch } : t)) });

  return (
    <form className="form-grid" onSubmit={submit} aria-label={id ? "Edit budget" : "New budget"}>
      <Field label="Name"><input name="name" value={v.name} maxLength={120} onChange={(e) => set({ name: e.target.value })} placeholder="e.g. Search monthly" /></Field>
      <Field label="Scope">
        <select name="scope_type" value={v.scope_type} onChange={(e) => set({ scope_type: e.target.value as BudgetFormValues["scope_type"], scope_value: "" })}>
          {SCOPE_TYPES.map((s) => <option key={s} value={s}>{SCOPE_LABEL[s]}</option>)}
        </select>
      </Field>
      {v.scope_type === "team" ? (
        <Field label="Team">
          <select name="scope_value" value={v.scope_value} required onChange={(e) => set({ scope_value: e.target.value })}>
            <option value="">Choose a team…</option>
            {teamOptions.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
          </select>
        </Field>
      ) : v.scope_type !== "org" ? (
        <>
          <Field label={SCOPE_LABEL[v.scope_type]} hint="as events send it"><input name="scope_value" value={v.scope_value} required maxLength={200} onChange={(e) => set({ scope_value: e.target.value })} /></Field>
          <Field label="Within team" hint="optional; leads must pick one of theirs">
            <select name="team" value={v.team ?? ""} onChange={(e) => set({ team: e.target.value || null })}>
              <option value="">Any team</option>
              {teamOptions.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
            </select>
          </Field>
        </>
      ) : null}
      <Field label="Period" hint="in the organisation's time zone">
        <select name="period" value={v.period} onChange={(e) => set({ period: e.target.value as BudgetFormValues["period"] })}>
          {PERIODS.map((p) => <option key={p} value={p}>{p === "custom" ? "Custom range" : p[0].toUpperCase() + p.slice(1)}</option>)}
        </select>
      </Field>
      {v.period === "custom" && (
        <>
          <Field label="From"><input type="date" name="custom_from" required value={v.custom_from ?? ""} onChange={(e) => set({ custom_from: e.target.value || null })} /></Field>
          {/* People pick the last day of the period (inclusive, as every page shows ranges); the API keeps its exclusive custom_to. */}
          <Field label="Through"><input type="date" name="custom_through" required value={v.custom_to ? addDays(v.custom_to, -1) : ""} onChange={(e) => set({ custom_to: isDay(e.target.value) ? addDays(e.target.value, 1) : null })} /></Field>
        </>
      )}
      <Field label="Amount (USD)"><input name="amount_usd" inputMode="decimal" required pattern="\d+(\.\d{1,9})?" value={v.amount_usd} onChange={(e) => set({ amount_usd: e.target.value })} placeholder="1000" /></Field>
      <fieldset className="threshold-rows">
        <legend className="field-label">Thresholds (% of amount → action)</legend>
        {v.thresholds.map((t, i) => (
          <div key={i} className="threshold-row">
            <input aria-label={`Threshold ${i + 1} percent`} type="number" min={1} max={1000} value={t.percent} onChange={(e) => setThreshold(i, { percent: Number(e.target.value) })} />
            <span className="muted">%</span>
            <select aria-label={`Threshold ${i + 1} action`} value={t.action} onChange={(e) => setThreshold(i, { action: e.target.value as Threshold["action"] })}>
              {ACTIONS.map((a) => <option key={a} value={a}>{ACTION_LABEL[a]}</option>)}
            </select>
          </div>
        ))}
      </fieldset>
      <div className="form-actions">
        <button className="button primary" disabled={save.isPending}>{id ? "Save changes" : "Create budget"}</button>
        <FormError error={save.error} />
      </div>
    </form>
  );
}
