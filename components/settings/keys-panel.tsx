"use client";
import { useMemo, useState, type FormEvent } from "react";
import type { z } from "zod";
import { blankAsUndefined, columnsFor, DataTable, revocationColumn, valueTitle, withActions } from "@/components/ui/data-table";
import type { KeysResponse } from "@/lib/schemas/settings";
import { Card, StatusMessage } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/form";
import { SecretOnce } from "./secret-once";
import { useCreateKey, useKeys, useRevokeKey, useTeams } from "@/lib/hooks/use-ownership";
import { formatUtcMinute } from "@/lib/finops/format";

const when = (iso: string | null) => (iso ? formatUtcMinute(iso) : "never");

type Key = z.infer<typeof KeysResponse>["keys"][number];
const col = columnsFor<Key>();
const keyId = (k: Key) => k.id;
// A key never used, or without a default team, sorts after the rest whichever way.
const BASE_COLUMNS = [
  col.accessor("name", { header: "Name", sortFn: "natural", meta: { className: "truncate", cellTitle: valueTitle } }),
  col.accessor("prefix", { header: "Key", enableSorting: false, cell: (c) => <code>{c.getValue()}…</code> }),
  col.accessor((k) => blankAsUndefined(k.defaultTeam), { id: "team", header: "Default team", sortFn: "natural", sortUndefined: "last", cell: (c) => c.getValue() ?? <span className="muted">none</span> }),
  col.accessor((k) => k.allowedTeams.join(", "), { id: "scope", header: "Scope", enableSorting: false, cell: (c) => c.getValue() || <span className="muted">any team</span> }),
  col.accessor("rateLimitPerMinute", { header: "Req/min", sortFn: "basic", meta: { className: "num" }, cell: (c) => c.getValue().toLocaleString("en-US") }),
  col.accessor((k) => blankAsUndefined(k.lastUsedAt), { id: "used", header: "Last used (UTC)", sortFn: "natural", sortUndefined: "last", cell: (c) => when(c.getValue() ?? null) }),
  revocationColumn<Key>(),
];

export function KeysPanel({ canWrite }: { canWrite: boolean }) {
  const keys = useKeys();
  const teams = useTeams();
  const create = useCreateKey();
  const revoke = useRevokeKey();
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const revokeKey = revoke.mutate;
  const columns = useMemo(
    () => withActions(BASE_COLUMNS, (k) => canWrite && !k.revokedAt && <button className="button small danger" onClick={() => confirm(`Revoke “${k.name}”? Senders using it get 401 from now on.`) && revokeKey(k.id)}>Revoke</button>),
    [canWrite, revokeKey],
  );

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
          <DataTable data={keys.data.keys} columns={columns} getRowId={keyId} />
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
