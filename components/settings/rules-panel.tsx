"use client";
import { useMemo, useState, type FormEvent } from "react";
import type { z } from "zod";
import { columnsFor, DataTable, withActions } from "@/components/ui/data-table";
import type { RulesResponse } from "@/lib/schemas/settings";
import { Card, StatusMessage } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/form";
import { useAddRule, useDeleteRule, useReapplyRules, useRules, useTeams } from "@/lib/hooks/use-ownership";
import { RecomputeResult } from "./recompute-result";

const FIELD_LABEL: Record<string, string> = { repo: "Repository", feature: "Feature", service: "Service", ingest_key: "Ingest key id" };
const fieldLabel = (f: string) => FIELD_LABEL[f] ?? (f.startsWith("tag:") ? `Tag "${f.slice(4)}"` : f);

type Rule = z.infer<typeof RulesResponse>["rules"][number];
const col = columnsFor<Rule>();
const ruleId = (r: Rule) => r.id;
const BASE_COLUMNS = [
  col.accessor("priority", { header: "Priority", sortFn: "basic", meta: { className: "num narrow" } }),
  col.accessor("field", { header: "When", sortFn: "natural", cell: ({ row: { original: r } }) => `${fieldLabel(r.field)} ${r.matchType === "prefix" ? "starts with" : "is"}` }),
  col.accessor("pattern", { header: "Matches", sortFn: "natural", meta: { className: "truncate", cellTitle: (p: string) => p }, cell: (c) => <code>{c.getValue()}</code> }),
  col.accessor("team", { header: "Team", sortFn: "natural" }),
];

export function RulesPanel({ canWrite }: { canWrite: boolean }) {
  const rules = useRules();
  const teams = useTeams();
  const add = useAddRule();
  const del = useDeleteRule();
  const reapply = useReapplyRules();
  const [field, setField] = useState("repo");
  const { mutate: deleteRule, isPending: deleting } = del;
  const columns = useMemo(
    () => withActions(BASE_COLUMNS, (r) => canWrite && <button className="button small danger" disabled={deleting} onClick={() => confirm(`Delete the rule for ${r.pattern}?`) && deleteRule(r.id)}>Delete</button>),
    [canWrite, deleting, deleteRule],
  );

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const chosen = String(f.get("field"));
    await add
      .mutateAsync({
        field: chosen === "tag" ? `tag:${String(f.get("tagName")).trim()}` : chosen,
        matchType: f.get("matchType"),
        pattern: f.get("pattern"),
        priority: f.get("priority"),
        teamSlug: f.get("teamSlug"),
      })
      .then(() => form.reset())
      .catch(() => undefined);
  }

  return (
    <div className="stack">
      <Card title="Ownership rules" subtitle="Fill in the team of events that arrive without one. Lowest priority number wins; the event's own team always wins.">
        {rules.isPending ? (
          <StatusMessage kind="loading" title="Loading rules…" />
        ) : rules.error ? (
          <StatusMessage kind="error" title="Could not load rules">{rules.error.message}</StatusMessage>
        ) : rules.data.rules.length === 0 ? (
          <StatusMessage kind="empty" title="No ownership rules yet">Events without a team count as unattributed spend.</StatusMessage>
        ) : (
          <DataTable data={rules.data.rules} columns={columns} getRowId={ruleId} />
        )}
        <FormError error={del.error} />
      </Card>
      {canWrite && (
      <>
      <Card title="Add a rule">
        {teams.data?.teams.length === 0 ? (
          <StatusMessage kind="empty" title="Create a team first">Rules assign events to teams (Teams tab).</StatusMessage>
        ) : (
          <form className="form-grid" onSubmit={submit} aria-label="Add an ownership rule">
            <Field label="When">
              <select name="field" value={field} onChange={(e) => setField(e.target.value)}>
                <option value="repo">Repository</option><option value="feature">Feature</option><option value="service">Service</option>
                <option value="ingest_key">Ingest key id</option><option value="tag">Tag…</option>
              </select>
            </Field>
            {field === "tag" && <Field label="Tag name"><input name="tagName" required pattern="[A-Za-z0-9_.\-]{1,64}" /></Field>}
            <Field label="Match"><select name="matchType"><option value="exact">is exactly</option><option value="prefix">starts with</option></select></Field>
            <Field label="Value"><input name="pattern" required maxLength={256} placeholder="search/" /></Field>
            <Field label="Team">
              <select name="teamSlug" required>{teams.data?.teams.map((t) => <option key={t.id} value={t.slug}>{t.name} ({t.slug})</option>)}</select>
            </Field>
            <Field label="Priority" hint="lower runs first"><input name="priority" inputMode="numeric" defaultValue="100" /></Field>
            <div className="form-actions"><button className="button primary" disabled={add.isPending}>Add rule</button></div>
            <FormError error={add.error} />
          </form>
        )}
      </Card>
      <Card title="Re-apply to open periods" subtitle="Rules apply to new events as they arrive. Re-applying also reassigns stored events of open periods that did not name their own team.">
        <div className="toolbar">
          <button className="button" disabled={reapply.isPending} onClick={() => confirm("Re-apply ownership rules to every event of open periods?") && reapply.mutate()}>
            {reapply.isPending ? "Re-applying…" : "Re-apply rules"}
          </button>
          {reapply.data && <RecomputeResult result={reapply.data} verb="reassigned" />}
        </div>
        <FormError error={reapply.error} />
      </Card>
      </>
      )}
    </div>
  );
}
