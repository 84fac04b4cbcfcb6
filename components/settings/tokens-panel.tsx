"use client";
import { useMemo, useState, type FormEvent } from "react";
import type { z } from "zod";
import { blankAsUndefined, columnsFor, DataTable, revocationColumn, valueTitle, withActions } from "@/components/ui/data-table";
import type { TokensResponse } from "@/lib/schemas/settings";
import { Card, StatusMessage } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/form";
import { useCreateToken, useRevokeToken, useTokens } from "@/lib/hooks/use-users";
import { SecretOnce } from "./secret-once";
import { TeamPicker } from "./team-picker";
import { formatUtcMinute } from "@/lib/finops/format";

const when = (iso: string | null) => (iso ? formatUtcMinute(iso) : "never");

type Token = z.infer<typeof TokensResponse>["tokens"][number];
const col = columnsFor<Token>();
const tokenId = (t: Token) => t.id;
const BASE_COLUMNS = [
  col.accessor("name", { header: "Name", sortFn: "natural", meta: { className: "truncate", cellTitle: valueTitle } }),
  col.accessor("prefix", { header: "Token", enableSorting: false, cell: (c) => <code>{c.getValue()}…</code> }),
  col.accessor("role", { header: "Role", sortFn: "natural" }),
  col.accessor((t) => t.teams.join(", "), { id: "teams", header: "Teams", enableSorting: false, cell: (c) => c.getValue() || <span className="muted">–</span> }),
  // A token never used sorts after the rest whichever way.
  col.accessor((t) => blankAsUndefined(t.lastUsedAt), { id: "used", header: "Last used (UTC)", sortFn: "natural", sortUndefined: "last", cell: (c) => when(c.getValue() ?? null) }),
  revocationColumn<Token>(),
];

export function TokensPanel() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const revokeToken = revoke.mutate;
  const columns = useMemo(
    () => withActions(BASE_COLUMNS, (t) => !t.revokedAt && <button className="button small danger" onClick={() => confirm(`Revoke “${t.name}”?`) && revokeToken(t.id)}>Revoke</button>),
    [revokeToken],
  );
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const name = String(f.get("name"));
    const created = await create.mutateAsync({ name, role: f.get("role"), teams: f.getAll("teams") }).catch(() => null);
    if (created) {
      setSecret({ name, secret: created.secret });
      form.reset();
    }
  }
  return (
    <div className="stack">
      {secret && (
        <SecretOnce what="API token" name={secret.name} secret={secret.secret} testId="new-token" onDone={() => setSecret(null)}
          usage={<>Send it as <code>Authorization: Bearer …</code> to the REST API. It reads and administers within its role; it cannot ingest.</>} />
      )}
      <Card title="API tokens" subtitle="For scripts and BI tools. Each has a role and, for lead and viewer, teams. Stored hashed.">
        {tokens.isPending ? (
          <StatusMessage kind="loading" title="Loading tokens…" />
        ) : tokens.error ? (
          <StatusMessage kind="error" title="Could not load tokens">{tokens.error.message}</StatusMessage>
        ) : tokens.data.tokens.length === 0 ? (
          <StatusMessage kind="empty" title="No API tokens yet" />
        ) : (
          <DataTable data={tokens.data.tokens} columns={columns} getRowId={tokenId} />
        )}
        <FormError error={revoke.error} />
      </Card>
      <Card title="Create an API token">
        <form className="form-grid" onSubmit={submit} aria-label="Create an API token">
          <Field label="Name"><input name="name" required maxLength={100} placeholder="finance-bi" /></Field>
          <Field label="Role"><select name="role" defaultValue="viewer">{["admin", "finance", "lead", "viewer"].map((r) => <option key={r}>{r}</option>)}</select></Field>
          <TeamPicker />
          <div className="form-actions"><button className="button primary" disabled={create.isPending}>Create token</button></div>
          <FormError error={create.error} />
        </form>
      </Card>
    </div>
  );
}
