"use client";
import type { FormEvent } from "react";
import { Card, StatusMessage } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/form";
import { useChargebackSettings, useUpdateChargebackSettings } from "@/lib/hooks/use-chargeback";
import { useTeams } from "@/lib/hooks/use-ownership";

const list = (v: FormDataEntryValue | null) => String(v ?? "").split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

/** What joins the shared pool (shared-platform teams and services, evaluation spend), wording, default rule. */
export function ChargebackSettingsPanel({ canWrite }: { canWrite: boolean }) {
  const settings = useChargebackSettings();
  const teams = useTeams();
  const save = useUpdateChargebackSettings();
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    save.mutate({ sharedTeams: f.getAll("sharedTeams").map(String), sharedServices: list(f.get("sharedServices")), evalToPool: f.get("evalToPool") === "pool", wording: String(f.get("wording")), defaultRule: String(f.get("defaultRule")) });
  }
  if (settings.isPending || teams.isPending) return <StatusMessage kind="loading" title="Loading…" />;
  if (settings.error) return <StatusMessage kind="error" title="Could not load chargeback settings">{settings.error.message}</StatusMessage>;
  const s = settings.data;
  return (
    <Card title="Chargeback" subtitle="Changes apply to open periods; for closed ones they show up as adjustments in the next open period.">
      <form className="form-grid" onSubmit={submit} aria-label="Chargeback settings" key={JSON.stringify(s)}>
        <fieldset className="team-picker" style={{ gridColumn: "1 / -1" }} disabled={!canWrite}>
          <legend className="field-label">Shared platform teams (their spend joins the pool)</legend>
          {(teams.data?.teams ?? []).map((t) => (
            <label key={t.slug} className="check"><input type="checkbox" name="sharedTeams" value={t.slug} defaultChecked={s.sharedTeams.includes(t.slug)} /> {t.name}</label>
          ))}
        </fieldset>
        <Field label="Shared platform services" hint="service names, comma separated">
          <input name="sharedServices" defaultValue={s.sharedServices.join(", ")} disabled={!canWrite} />
        </Field>
        <Field label="Evaluation spend (environment eval)">
          <select name="evalToPool" defaultValue={s.evalToPool ? "pool" : "team"} disabled={!canWrite}>
            <option value="team">Charged to its team</option>
            <option value="pool">Goes to the shared pool</option>
          </select>
        </Field>
        <Field label="Wording">
          <select name="wording" defaultValue={s.wording} disabled={!canWrite}>
            <option value="chargeback">Chargeback</option>
            <option value="showback">Showback</option>
          </select>
        </Field>
        <Field label="Default rule" hint="for periods with no rule chosen">
          <select name="defaultRule" defaultValue={s.defaultRule} disabled={!canWrite}>
            <option value="proportional">Proportional to direct cost</option>
            <option value="even">Even split</option>
          </select>
        </Field>
        {canWrite && (
          <div className="form-actions">
            <button className="button primary" disabled={save.isPending}>Save</button>
            {save.isSuccess && <span className="muted" role="status">Saved.</span>}
          </div>
        )}
        <FormError error={save.error} />
      </form>
    </Card>
  );
}
