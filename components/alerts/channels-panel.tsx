"use client";
import { useState, type FormEvent } from "react";
import { Card, StatusMessage } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/form";
import { useAddChannel, useChannels, useDeleteChannel, useEditChannel, useSaveSmtp, useSmtp, useTestChannel } from "@/lib/hooks/use-alerts";

/** Email and webhook channels (alerts and budgets notify every enabled one), and the SMTP server for email. */
export function ChannelsPanel({ canWrite }: { canWrite: boolean }) {
  const channels = useChannels();
  const add = useAddChannel();
  const edit = useEditChannel();
  const del = useDeleteChannel();
  const test = useTestChannel();
  const [kind, setKind] = useState("webhook");
  const [tested, setTested] = useState<Record<string, string>>({});
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    await add.mutateAsync({ name: String(f.get("name")), kind, target: String(f.get("target")), secret: String(f.get("secret") ?? "") }).then(() => form.reset()).catch(() => undefined);
  }
  async function runTest(id: string) {
    setTested((t) => ({ ...t, [id]: "sending…" }));
    const r = await test.mutateAsync(id).catch((err: Error) => ({ ok: false, error: err.message }));
    setTested((t) => ({ ...t, [id]: r.ok ? "delivered" : `failed: ${r.error ?? ""}` }));
  }
  return (
    <div className="stack">
      <Card title="Notification channels" subtitle="Every enabled channel gets each new alert. Webhooks receive a Slack-compatible JSON payload, signed (X-TokenLedger-Signature) when a secret is set.">
        {channels.isPending ? (
          <StatusMessage kind="loading" title="Loading channels…" />
        ) : channels.error ? (
          <StatusMessage kind="error" title="Could not load channels">{channels.error.message}</StatusMessage>
        ) : channels.data.channels.length === 0 ? (
          <StatusMessage kind="empty" title="No channels yet">Alerts are listed here only until you add an email or webhook channel.</StatusMessage>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead><tr><th>Name</th><th>Kind</th><th>Target</th><th>On</th><th /></tr></thead>
              <tbody>
                {channels.data.channels.map((c) => (
                  <tr key={c.id}>
                    <td className="truncate" title={c.name}>{c.name}</td>
                    <td>{c.kind}{c.hasSecret ? " (signed)" : ""}</td>
                    <td className="truncate mono" title={c.target}>{c.target}</td>
                    <td><input type="checkbox" aria-label={`Enable ${c.name}`} checked={c.enabled} disabled={!canWrite} onChange={(e) => edit.mutate({ id: c.id, body: { enabled: e.target.checked } })} /></td>
                    <td className="nowrap">
                      {canWrite && <button className="button small" onClick={() => void runTest(c.id)}>Send test</button>}{" "}
                      {canWrite && <button className="button small danger" onClick={() => confirm(`Delete channel "${c.name}"?`) && del.mutate(c.id)}>Delete</button>}
                      {tested[c.id] && <div className="muted" role="status">{tested[c.id]}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <FormError error={edit.error ?? del.error} />
      </Card>
      {canWrite && (
        <Card title="Add a channel">
          <form className="form-grid" onSubmit={submit} aria-label="Add a notification channel">
            <Field label="Name"><input name="name" required maxLength={120} placeholder="#finops-alerts" /></Field>
            <Field label="Kind"><select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}><option value="webhook">Webhook (Slack-compatible)</option><option value="email">Email</option></select></Field>
            <Field label={kind === "email" ? "Recipients" : "URL"} hint={kind === "email" ? "comma-separated" : "https://hooks.slack.com/… or your endpoint"}><input name="target" required /></Field>
            {kind === "webhook" && <Field label="Signing secret" hint="optional; HMAC-SHA256"><input name="secret" type="password" autoComplete="off" /></Field>}
            <div className="form-actions"><button className="button primary" disabled={add.isPending}>Add channel</button></div>
            <FormError error={add.error} />
          </form>
        </Card>
      )}
      <SmtpCard canWrite={canWrite} />
    </div>
  );
}

function SmtpCard({ canWrite }: { canWrite: boolean }) {
  const smtp = useSmtp();
  const save = useSaveSmtp();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const password = String(f.get("password") ?? "");
    await save
      .mutateAsync({ host: String(f.get("host")), port: Number(f.get("port")), secure: f.get("secure") === "on", user: String(f.get("user") ?? ""), fromAddr: String(f.get("fromAddr")), ...(password ? { password } : {}) })
      .catch(() => undefined);
  }
  if (smtp.isPending) return <Card title="SMTP server"><StatusMessage kind="loading" title="Loading…" /></Card>;
  if (smtp.error) return <Card title="SMTP server"><StatusMessage kind="error" title="Could not load SMTP settings">{smtp.error.message}</StatusMessage></Card>;
  const s = smtp.data;
  return (
    <Card title="SMTP server" subtitle="Used by email channels. Without a host here, the SMTP_URL environment variable is used.">
      <form className="form-grid" onSubmit={submit} aria-label="SMTP server" key={`${s.host}:${s.port}`}>
        <Field label="Host"><input name="host" defaultValue={s.host} disabled={!canWrite} placeholder="smtp.example.com" /></Field>
        <Field label="Port"><input name="port" defaultValue={s.port} inputMode="numeric" disabled={!canWrite} /></Field>
        <Field label="User"><input name="user" defaultValue={s.user} disabled={!canWrite} autoComplete="off" /></Field>
        <Field label="Password" hint={s.hasPassword ? "saved; leave empty to keep" : undefined}><input name="password" type="password" disabled={!canWrite} autoComplete="new-password" /></Field>
        <Field label="From"><input name="fromAddr" defaultValue={s.fromAddr} disabled={!canWrite} /></Field>
        <label className="check"><input type="checkbox" name="secure" defaultChecked={s.secure} disabled={!canWrite} /> TLS from the start (port 465)</label>
        {canWrite && <div className="form-actions"><button className="button primary" disabled={save.isPending}>Save</button>{save.isSuccess && <span className="muted">Saved</span>}</div>}
        <FormError error={save.error} />
      </form>
    </Card>
  );
}
