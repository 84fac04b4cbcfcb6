import "server-only";
import { db } from "./prisma";

/** Notification channels, their delivery log, and the SMTP settings (lib/notify/ sends). */
export type ChannelRow = { id: string; name: string; kind: string; target: string; secret: string; enabled: boolean; createdAt: Date; updatedAt: Date };

export async function listChannels(): Promise<ChannelRow[]> {
  return (await db()).notificationChannel.findMany({ orderBy: { createdAt: "asc" } });
}
export async function getChannel(id: string): Promise<ChannelRow | null> {
  return (await db()).notificationChannel.findUnique({ where: { id } });
}
export async function createChannel(data: { name: string; kind: string; target: string; secret: string; enabled: boolean }): Promise<ChannelRow> {
  return (await db()).notificationChannel.create({ data });
}
export async function updateChannel(id: string, data: Partial<{ name: string; target: string; secret: string; enabled: boolean }>): Promise<ChannelRow> {
  return (await db()).notificationChannel.update({ where: { id }, data });
}
export async function deleteChannel(id: string): Promise<ChannelRow | null> {
  const row = await getChannel(id);
  if (row) await (await db()).notificationChannel.delete({ where: { id } });
  return row;
}

export async function logDelivery(entry: { alertId?: string; channel: string; kind: string; ok: boolean; attempts: number; error: string }): Promise<void> {
  await (await db()).notificationDelivery.create({ data: { alertId: entry.alertId ?? null, channel: entry.channel, kind: entry.kind, ok: entry.ok, attempts: entry.attempts, error: entry.error.slice(0, 1000) } });
}
export async function deliveriesOfAlert(alertId: string) {
  return (await db()).notificationDelivery.findMany({ where: { alertId }, orderBy: { at: "desc" }, take: 50 });
}

export type SmtpRow = { host: string; port: number; secure: boolean; user: string; password: string; fromAddr: string };
export async function getSmtpSettings(): Promise<SmtpRow | null> {
  const r = await (await db()).smtpSettings.findUnique({ where: { id: 1 } });
  return r ? { host: r.host, port: r.port, secure: r.secure, user: r.user, password: r.password, fromAddr: r.fromAddr } : null;
}
export async function saveSmtpSettings(s: SmtpRow): Promise<void> {
  await (await db()).smtpSettings.upsert({ where: { id: 1 }, create: { id: 1, ...s }, update: s });
}
