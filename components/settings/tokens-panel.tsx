"use client";
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { SortTh, useSortedRows } from "@/components/ui/sort-header";
import type { TokensResponse } from "@/lib/schemas/settings";
import { Card, StatusMessage } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/form";
import { useCreateToken, useRevokeToken, useTokens } from "@/lib/hooks/use-users";
import { SecretOnce } from "./secret-once";
import { TeamPicker } from "./team-picker";

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "never");

type Token = z.infer<typeof TokensResponse>["tokens"][number];
const TOKEN_COLUMNS = { name: (t: Token) => t.name, role: (t: Token) => t.role, used: (t: Token) => t.lastUsedAt, status: (t: Token) => (t.revokedAt ? "revoked" : "live") };

export function TokensPanel() {
  const tokens = useTokens();
  const { sorted: tokenRows, sort, onSort } = useSortedRows(tokens.data?.tokens, TOKEN_COLUMNS, { col: null, dir: "asc" });
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
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
          <table className="table">
            <thead><tr><SortTh col="name" sort={sort} onSort={onSort}>Name</SortTh><th>Token</th><SortTh col="role" sort={sort} onSort={onSort}>Role</SortTh><th>Teams</th><SortTh col="used" sort={sort} onSort={onSort}>Last used (UTC)</SortTh><SortTh col="status" sort={sort} onSort={onSort}>Status</SortTh><th /></tr></thead>
            <tbody>
              {tokenRows.map((t) => (
                <tr key={t.id}>
                  <td className="truncate" title={t.name}>{t.name}</td>
                  <td><code>{t.prefix}…</code></td>
                  <td>{t.role}</td>
                  <td>{t.teams.join(", ") || <span className="muted">–</span>}</td>
                  <td>{when(t.lastUsedAt)}</td>
                  <td>{t.revokedAt ? <span className="badge muted">revoked</span> : <span className="badge ok">live</span>}</td>
                  <td>{!t.revokedAt && <button className="button small danger" onClick={() => confirm(`Revoke “${t.name}”?`) && revoke.mutate(t.id)}>Revoke</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
