"use client";
import type { FormEvent } from "react";
import type { z } from "zod";
import { columnsFor, DataTable, valueTitle } from "@/components/ui/data-table";
import type { TeamsResponse } from "@/lib/schemas/settings";
import { Card, StatusMessage } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/form";
import { useAddTeam, useTeams } from "@/lib/hooks/use-ownership";

type Team = z.infer<typeof TeamsResponse>["teams"][number];
const col = columnsFor<Team>();
const teamId = (t: Team) => t.id;
const COLUMNS = [
  col.accessor("slug", { header: "Slug", sortFn: "natural", cell: (c) => <code>{c.getValue()}</code> }),
  col.accessor("name", { header: "Name", sortFn: "natural", meta: { className: "truncate", cellTitle: valueTitle } }),
];

export function TeamsPanel({ canWrite }: { canWrite: boolean }) {
  const teams = useTeams();
  const add = useAddTeam();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    await add.mutateAsync({ slug: f.get("slug"), name: f.get("name") }).then(() => form.reset()).catch(() => undefined);
  }
  return (
    <div className="stack">
      <Card title="Teams" subtitle="Events name teams by slug; ownership rules and key defaults assign the rest.">
        {teams.isPending ? (
          <StatusMessage kind="loading" title="Loading teams…" />
        ) : teams.error ? (
          <StatusMessage kind="error" title="Could not load teams">{teams.error.message}</StatusMessage>
        ) : teams.data.teams.length === 0 ? (
          <StatusMessage kind="empty" title="No teams yet" />
        ) : (
          <DataTable data={teams.data.teams} columns={COLUMNS} getRowId={teamId} />
        )}
      </Card>
      {canWrite && (
      <Card title="Add a team">
        <form className="form-grid" onSubmit={submit} aria-label="Add a team">
          <Field label="Slug" hint="as events send it"><input name="slug" required pattern="[a-z0-9][a-z0-9\-_.]*" maxLength={64} /></Field>
          <Field label="Name"><input name="name" required maxLength={100} /></Field>
          <div className="form-actions"><button className="button primary" disabled={add.isPending}>Add team</button></div>
          <FormError error={add.error} />
        </form>
      </Card>
      )}
    </div>
  );
}
