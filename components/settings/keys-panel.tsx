"use client";
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { SortTh, useSortedRows } from "@/components/ui/sort-header";
import type { KeysResponse } from "@/lib/schemas/settings";
import { Card, StatusMessage } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/form";
import { SecretOnce } from "./secret-once";
import { useCreateKey, useKeys, useRevokeKey, useTeams } from "@/lib/hooks/use-ownership";

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 16).replace("T", " ") : "never");

type Key = z.infer<typeof KeysResponse>["keys"][number];
// Sortable columns (components/ui/sort-rows.ts): a click on a header sorts, a second click flips.
const KEY_COLUMNS = {
  name: (k: Key) => k.name,
  team: (k: Key) => k.defaultTeam,
  rate: (k: Key) => k.rateLimitPerMinute,
  used: (k: Key) => k.lastUsedAt,
  status: (k: Key) => (k.revokedAt ? "revoked" : "live"),
};

export function KeysPanel({ canWrite }: { canWrite: boolean }) {
  const keys = useKeys();
  const { sorted: keyRows, sort, onSort } = useSortedRows(keys.data?.keys, KEY_COLUMNS, { col: null, dir: "asc" });
  const teams = useTeams();
  const create = useCreateKey();
  const revoke = useRevokeKey();
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const name = String(f.get("name"));
    const allowedTeams = String(f.get("allowedTeams") ?? "").split(",").map((t) => t.trim()).filter(Boolean);
    const created = await create.mutateAsync({ name, teamSlug: f.get("teamSlug"), source: f.get("source"), rateLimitPerMinute: f.get("rateLimitPerMinute"), allowedTeams }).catch(() => null);
    if (created) {
      setSecret({ name, secret: created.secret });
      form.reset();
    }
  }

  return (
    <div className="stack">
      {secret && (
        <SecretOnce what="Ingest key" name={secret.name} secret={secret.secret} testId="new-key" onDone={() => setSecret(null)}
          usage={<>Send it as <code>Authorization: Bearer …</code> to POST /api/v1/events or /api/v1/otlp/v1/traces.</>} />
      )}
      <Card title="Ingest keys" subtitle="Keys only ingest. Stored as hashes; revoked keys get 401 at once.">
        {keys.isPending ? (
          <StatusMessage kind="loading" title="Loading keys…" />
        ) : keys.error ? (
          <StatusMessage kind="error" title="Could not load keys">{keys.error.message}</StatusMessage>
        ) : keys.data.keys.length === 0 ? (
          <StatusMessage kind="empty" title="No ingest keys yet">Create one below, or with npm run cli -- keys create --name NAME.</StatusMessage>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <SortTh col="name" sort={sort} onSort={onSort}>Name</SortTh><th>Key</th><SortTh col="team" sort={sort} onSort={onSort}>Default team</SortTh><th>Scope</th>
                <SortTh col="rate" sort={sort} onSort={onSort} className="num">Req/min</SortTh><SortTh col="used" sort={sort} onSort={onSort}>Last used (UTC)</SortTh><SortTh col="status" sort={sort} onSort={onSort}>Status</SortTh><th />
              </tr>
            </thead>
            <tbody>
              {keyRows.map((k) => (
                <tr key={k.id}>
                  <td className="truncate" title={k.name}>{k.name}</td>
                  <td><code>{k.prefix}…</code></td>
                  <td>{k.defaultTeam ?? <span className="muted">none</span>}</td>
                  <td>{k.allowedTeams.length ? k.allowedTeams.join(", ") : <span className="muted">any team</span>}</td>
                  <td className="num">{k.rateLimitPerMinute.toLocaleString("en-US")}</td>
                  <td>{when(k.lastUsedAt)}</td>
                  <td>{k.revokedAt ? <span className="badge muted">revoked</span> : <span className="badge ok">live</span>}</td>
                  <td>{canWrite && !k.revokedAt && <button className="button small danger" onClick={() => confirm(`Revoke “${k.name}”? Senders using it get 401 from now on.`) && revoke.mutate(k.id)}>Revoke</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <FormError error={revoke.error} />
      </Card>
      {canWrite && (
      <Card title="Create an ingest key">
        <form className="form-grid" onSubmit={submit} aria-label="Create an ingest key">
          <Field label="Name"><input name="name" required maxLength={100} placeholder="gateway-prod" /></Field>
          <Field label="Default team" hint="for events with no team that no rule matches">
            <select name="teamSlug"><option value="">none</option>{teams.data?.teams.map((t) => <option key={t.id} value={t.slug}>{t.name}</option>)}</select>
          </Field>
          <Field label="Source" hint="optional note"><input name="source" maxLength={200} placeholder="LiteLLM proxy" /></Field>
          <Field label="Requests per minute" hint="429 with Retry-After beyond"><input name="rateLimitPerMinute" inputMode="numeric" defaultValue="600" /></Field>
          <Field label="Only for teams" hint="comma-separated slugs; empty = any"><input name="allowedTeams" placeholder="search, growth" /></Field>
          <div className="form-actions"><button className="button primary" disabled={create.isPending}>Create key</button></div>
          <FormError error={create.error} />
        </form>
      </Card>
      )}
    </div>
  );
}
