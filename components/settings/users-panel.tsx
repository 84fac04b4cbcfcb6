"use client";
import { useMemo, type FormEvent } from "react";
import type { z } from "zod";
import { columnsFor, DataTable, valueTitle } from "@/components/ui/data-table";
import type { UsersResponse } from "@/lib/schemas/settings";
import { Card, StatusMessage } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/form";
import { useCreateUser, useUpdateUser, useUsers } from "@/lib/hooks/use-users";
import { TeamPicker } from "./team-picker";

const ROLES = ["admin", "finance", "lead", "viewer"] as const;

type User = z.infer<typeof UsersResponse>["users"][number];
const col = columnsFor<User>();
const userId = (u: User) => u.id;

export function UsersPanel() {
  const users = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const { mutate, isPending } = update;
  const columns = useMemo(
    () => [
      col.accessor("email", { header: "Email", sortFn: "natural", meta: { className: "truncate", cellTitle: valueTitle } }),
      col.accessor("role", {
        header: "Role",
        sortFn: "natural",
        cell: ({ row: { original: u } }) => (
          <select aria-label={`Role of ${u.email}`} defaultValue={u.role} disabled={!!u.disabledAt || isPending} onChange={(e) => {
            // A role decides what a person sees and may change: ask before it takes effect, and put the select back if not.
            const role = e.target.value;
            if (confirm(`Change ${u.email} from ${u.role} to ${role}? It applies to their next request.`)) mutate({ id: u.id, role });
            else e.target.value = u.role;
          }}>
            {ROLES.map((r) => <option key={r}>{r}</option>)}
          </select>
        ),
      }),
      col.accessor((u) => u.teams.join(", "), {
        id: "teams",
        header: "Teams",
        enableSorting: false,
        cell: ({ row: { original: u } }) => (u.role === "admin" || u.role === "finance" ? <span className="muted">all teams</span> : u.teams.join(", ") || <span className="muted">none</span>),
      }),
      col.accessor((u) => (u.disabledAt ? "disabled" : "active"), {
        id: "status",
        header: "Status",
        sortFn: "natural",
        cell: (c) => (c.getValue() === "disabled" ? <span className="badge muted">disabled</span> : <span className="badge ok">active</span>),
      }),
      col.display({
        id: "actions",
        header: "",
        cell: ({ row: { original: u } }) => !u.disabledAt && <button className="button small danger" onClick={() => confirm(`Disable ${u.email}? Their sessions end now.`) && mutate({ id: u.id, disabled: true })}>Disable</button>,
      }),
    ],
    [mutate, isPending],
  );
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    await create
      .mutateAsync({ email: f.get("email"), name: f.get("name"), role: f.get("role"), password: f.get("password"), teams: f.getAll("teams") })
      .then(() => form.reset())
      .catch(() => undefined);
  }
  return (
    <div className="stack">
      <Card title="Users" subtitle="admin: everything · finance: all teams, chargeback, prices · lead: assigned teams and their budgets · viewer: read-only, assigned teams">
        {users.isPending ? (
          <StatusMessage kind="loading" title="Loading users…" />
        ) : users.error ? (
          <StatusMessage kind="error" title="Could not load users">{users.error.message}</StatusMessage>
        ) : (
          <DataTable data={users.data.users} columns={columns} getRowId={userId} />
        )}
        <FormError error={update.error} />
      </Card>
      <Card title="Add a user" subtitle="Share the password with them out of band. Or: npm run cli -- users create --email … --role … (generates one).">
        <form className="form-grid" onSubmit={submit} aria-label="Add a user">
          <Field label="Email"><input name="email" type="email" required /></Field>
          <Field label="Name"><input name="name" maxLength={100} /></Field>
          <Field label="Role"><select name="role" defaultValue="viewer">{ROLES.map((r) => <option key={r}>{r}</option>)}</select></Field>
          <Field label="Password" hint="at least 12 characters"><input name="password" type="password" minLength={12} required autoComplete="new-password" /></Field>
          <TeamPicker />
          <div className="form-actions"><button className="button primary" disabled={create.isPending}>Add user</button></div>
          <FormError error={create.error} />
        </form>
      </Card>
    </div>
  );
}
