import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/db/audit";
import { createChannel, deleteChannel, getChannel, getSmtpSettings, listChannels, saveSmtpSettings, updateChannel, type ChannelRow } from "@/lib/db/notification-channels";
import { deliver } from "@/lib/notify/send";

/** Notification channels and SMTP settings: validated, audited (secrets never echoed back or logged). */
const out = (c: ChannelRow) => ({ id: c.id, name: c.name, kind: c.kind, target: c.target, hasSecret: c.secret !== "", enabled: c.enabled });

function checkTarget(kind: string, target: string): void {
  if (kind === "webhook") {
    let u: URL;
    try {
      u = new URL(target);
    } catch {
      throw new InvalidInputError("target: a webhook needs an http(s) URL");
    }
    if (!/^https?:$/.test(u.protocol)) throw new InvalidInputError("target: a webhook needs an http(s) URL");
  } else {
    const bad = target.split(",").map((x) => x.trim()).filter((x) => !/^[^@\s]+@[^@\s]+$/.test(x));
    if (bad.length || !target.trim()) throw new InvalidInputError(`target: not an email address: ${bad.join(", ") || "(empty)"}`);
  }
}

export async function channelsList() {
  return (await listChannels()).map(out);
}
export async function addChannel(input: { name: string; kind: "email" | "webhook"; target: string; secret: string; enabled: boolean }, actor: string) {
  checkTarget(input.kind, input.target);
  const c = await createChannel(input);
  await recordAudit({ actor, action: "notification_channel.create", entity: "notification_channel", entityId: c.id, after: out(c) });
  return out(c);
}
export async function editChannel(id: string, patch: Partial<{ name: string; target: string; secret: string; enabled: boolean }>, actor: string) {
  const before = await getChannel(id);
  if (!before) throw new NotFoundError("No such channel");
  if (patch.target !== undefined) checkTarget(before.kind, patch.target);
  const after = await updateChannel(id, patch);
  await recordAudit({ actor, action: "notification_channel.update", entity: "notification_channel", entityId: id, before: out(before), after: out(after) });
  return out(after);
}
export async function removeChannel(id: string, actor: string) {
  const before = await deleteChannel(id);
  if (!before) throw new NotFoundError("No such channel");
  await recordAudit({ actor, action: "notification_channel.delete", entity: "notification_channel", entityId: id, before: out(before) });
  return { deleted: out(before) };
}
/** The Settings "Send test" button: one notification to one channel, retried and logged like a real one. */
export async function testChannel(id: string, baseUrl: string) {
  const c = await getChannel(id);
  if (!c) throw new NotFoundError("No such channel");
  const r = await deliver(c, { kind: "alert", title: "TokenLedger test notification", text: `Channel "${c.name}" works.`, url: `${baseUrl}/alerts`, severity: "info" }, { logKind: "test", backoffMs: [] });
  return r.ok ? { ok: true } : { ok: false, error: r.error };
}

export async function smtpOut() {
  const s = await getSmtpSettings();
  return s ? { host: s.host, port: s.port, secure: s.secure, user: s.user, hasPassword: s.password !== "", fromAddr: s.fromAddr } : { host: "", port: 587, secure: false, user: "", hasPassword: false, fromAddr: "tokenledger@localhost" };
}
export async function saveSmtp(input: { host: string; port: number; secure: boolean; user: string; password?: string; fromAddr: string }, actor: string) {
  const before = await smtpOut();
  const prev = await getSmtpSettings();
  await saveSmtpSettings({ ...input, password: input.password ?? prev?.password ?? "" });
  const after = await smtpOut();
  await recordAudit({ actor, action: "smtp_settings.update", entity: "smtp_settings", entityId: "1", before, after });
  return after;
}
