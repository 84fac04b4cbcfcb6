"use client";
import type { FormEvent } from "react";
import { Card, StatusMessage } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/form";
import { TIME_ZONES } from "@/lib/finops/date-range";
import { useOrgSettings, useUpdateOrgSettings } from "@/lib/hooks/use-chargeback";

/** The organisation's calendar: the zone periods are cut in, the day months start on, the first day of the week. */
export function CalendarPanel({ canWrite }: { canWrite: boolean }) {
  const org = useOrgSettings();
  const save = useUpdateOrgSettings();
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    save.mutate({ timeZone: String(f.get("timeZone")), monthStartDay: Number(f.get("monthStartDay")), weekStartsOn: Number(f.get("weekStartsOn")) });
  }
  return (
    <Card title="Calendar" subtitle="Chargeback months, budget periods and alert days are all cut with these. Closed periods keep the dates they were closed with.">
      {org.isPending ? (
        <StatusMessage kind="loading" title="Loading…" />
      ) : org.error ? (
        <StatusMessage kind="error" title="Could not load the calendar">{org.error.message}</StatusMessage>
      ) : (
        <form className="form-grid" onSubmit={submit} aria-label="Calendar" key={JSON.stringify(org.data)}>
          <Field label="Time zone">
            <select name="timeZone" defaultValue={org.data.timeZone} disabled={!canWrite}>
              {[...new Set([org.data.timeZone, ...TIME_ZONES])].map((z) => <option key={z}>{z}</option>)}
            </select>
          </Field>
          <Field label="Month starts on day" hint="1 to 28">
            <input name="monthStartDay" type="number" min={1} max={28} required defaultValue={org.data.monthStartDay} disabled={!canWrite} />
          </Field>
          <Field label="Week starts on">
            <select name="weekStartsOn" defaultValue={String(org.data.weekStartsOn)} disabled={!canWrite}>
              <option value="1">Monday</option>
              <option value="0">Sunday</option>
            </select>
          </Field>
          {canWrite && (
            <div className="form-actions">
              <button className="button primary" disabled={save.isPending}>Save calendar</button>
              {save.isSuccess && <span className="muted" role="status">Saved.</span>}
            </div>
          )}
          <FormError error={save.error} />
        </form>
      )}
    </Card>
  );
}
