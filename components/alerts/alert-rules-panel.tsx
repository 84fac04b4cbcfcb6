"use client";
import { type FormEvent } from "react";
import { Card, StatusMessage } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/form";
import { useAddAlertRule, useAlertRules, useDeleteAlertRule, useEditAlertRule } from "@/lib/hooks/use-alerts";
import { METRIC_LABEL, metricLabel, scopeLabel } from "./alert-format";

const SCOPES = ["org", "team", "repo", "feature", "model", "customer", "service"];

export function AlertRulesPanel({ canWrite }: { canWrite: boolean }) {
  const rules = useAlertRules();
  const add = useAddAlertRule();
  const edit = useEditAlertRule();
  const del = useDeleteAlertRule();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    await add
      .mutateAsync({
        name: String(f.get("name")),
        metric: String(f.get("metric")),
        scopeType: String(f.get("scopeType")),
        scopeValue: String(f.get("scopeValue") ?? ""),
        grain: String(f.get("grain")),
        sensitivity: String(f.get("sensitivity")),
        minImpactUsd: String(f.get("minImpactUsd")),
        minVolume: Number(f.get("minVolume")),
      })
      .then(() => form.reset())
      .catch(() => undefined);
  }
  return (
    <div className="stack">
      <Card title="Rules" subtitle="A rule watches one metric on every value of a dimension (or one value). Sensitivity sets the score threshold: low 6, medium 4.5, high 3.5 robust deviations.">
        {rules.isPending ? (
          <StatusMessage kind="loading" title="Loading rules…" />
        ) : rules.error ? (
          <StatusMessage kind="error" title="Could not load rules">{rules.error.message}</StatusMessage>
        ) : rules.data.rules.length === 0 ? (
          <StatusMessage kind="empty" title="No rules">Add one below.</StatusMessage>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead><tr><th>Name</th><th>Metric</th><th>Scope</th><th>Grain</th><th>Sensitivity</th><th className="num">Min impact</th><th className="num">Min volume</th><th>On</th><th /></tr></thead>
              <tbody>
                {rules.data.rules.map((r) => (
                  <tr key={r.id}>
                    <td className="truncate" title={r.name}>{r.name}</td>
                    <td>{metricLabel(r.metric)}</td>
                    <td className="truncate">{scopeLabel(r.scopeType, r.scopeValue)}</td>
                    <td>{r.grain}</td>
                    <td>
                      {canWrite ? (
                        <select aria-label={`Sensitivity of ${r.name}`} value={r.sensitivity} onChange={(e) => edit.mutate({ id: r.id, body: { sensitivity: e.target.value } })}>
                          <option value="low">low</option><option value="medium">medium</option><option value="high">high</option>
                        </select>
                      ) : r.sensitivity}
                    </td>
                    <td className="num">${r.minImpactUsd}</td>
                    <td className="num">{r.minVolume}</td>
                    <td><input type="checkbox" aria-label={`Enable ${r.name}`} checked={r.enabled} disabled={!canWrite} onChange={(e) => edit.mutate({ id: r.id, body: { enabled: e.target.checked } })} /></td>
                    <td>{canWrite && <button className="button small danger" onClick={() => confirm(`Delete rule "${r.name}" and its alerts?`) && del.mutate(r.id)}>Delete</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <FormError error={edit.error ?? del.error} />
      </Card>
      {canWrite && (
        <Card title="Add a rule">
          <form className="form-grid" onSubmit={submit} aria-label="Add an alert rule">
            <Field label="Name"><input name="name" required maxLength={120} placeholder="Spend per repo" /></Field>
            <Field label="Metric"><select name="metric">{Object.entries(METRIC_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></Field>
            <Field label="Scope"><select name="scopeType" defaultValue="feature">{SCOPES.map((s) => <option key={s} value={s}>{s === "org" ? "organisation" : s}</option>)}</select></Field>
            <Field label="Value" hint="empty: every value, one series each"><input name="scopeValue" maxLength={200} /></Field>
            <Field label="Grain"><select name="grain"><option value="hour">hour</option><option value="day">day</option></select></Field>
            <Field label="Sensitivity"><select name="sensitivity" defaultValue="medium"><option value="low">low</option><option value="medium">medium</option><option value="high">high</option></select></Field>
            <Field label="Minimum impact (USD)" hint="smaller incidents raise no alert"><input name="minImpactUsd" defaultValue="5" inputMode="decimal" required /></Field>
            <Field label="Minimum volume" hint="attempts per bucket to judge it"><input name="minVolume" defaultValue="5" inputMode="numeric" required /></Field>
            <div className="form-actions"><button className="button primary" disabled={add.isPending}>Add rule</button></div>
            <FormError error={add.error} />
          </form>
        </Card>
      )}
    </div>
  );
}
