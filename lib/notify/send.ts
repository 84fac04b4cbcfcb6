import { listChannels, logDelivery, type ChannelRow } from "@/lib/db/notification-channels";
import { sendEmail } from "./email";
import type { Notification, SendResult } from "./types";
import { postWebhook } from "./webhook";

export type { Notification, SendResult } from "./types";

/** Backoff between attempts: three tries, 0.5 s then 2 s (a receiver restarting usually answers by then). */
const BACKOFF_MS = [500, 2000];

async function deliverOnce(ch: ChannelRow, n: Notification): Promise<void> {
  if (ch.kind === "email") return sendEmail(ch.target, n);
  if (ch.kind === "webhook") return postWebhook(ch.target, ch.secret, n);
  throw new Error(`unknown channel kind "${ch.kind}"`);
}

/** One channel, with retries; logged in the delivery log (linked to the alert when there is one). */
export async function deliver(ch: ChannelRow, n: Notification, opts: { alertId?: string; logKind?: string; backoffMs?: number[] } = {}): Promise<{ ok: true } | { ok: false; error: string }> {
  const backoff = opts.backoffMs ?? BACKOFF_MS;
  let lastError = "";
  for (let attempt = 1; attempt <= backoff.length + 1; attempt++) {
    try {
      await deliverOnce(ch, n);
      await logDelivery({ alertId: opts.alertId, channel: ch.name, kind: opts.logKind ?? n.kind, ok: true, attempts: attempt, error: "" });
      return { ok: true };
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
      if (attempt <= backoff.length) await new Promise((r) => setTimeout(r, backoff[attempt - 1]));
      else await logDelivery({ alertId: opts.alertId, channel: ch.name, kind: opts.logKind ?? n.kind, ok: false, attempts: attempt, error: lastError });
    }
  }
  return { ok: false, error: lastError };
}

/** Every enabled channel, each with retries; `alertId` links the delivery log to an alert. */
export async function notifyAll(n: Notification, opts: { alertId?: string; backoffMs?: number[] } = {}): Promise<SendResult> {
  const channels = (await listChannels()).filter((c) => c.enabled);
  const results = await Promise.all(channels.map(async (ch) => ({ ch, r: await deliver(ch, n, opts) })));
  return {
    delivered: results.filter((x) => x.r.ok).length,
    failed: results.flatMap(({ ch, r }) => (r.ok ? [] : [{ channel: ch.name, error: r.error }])),
  };
}

/**
 * THE entry point for notifications (alerts, budgets): delivers `n` to every enabled channel, each with
 * retries and logged, and says how many received it and which failed with what.
 */
export async function sendNotification(n: { kind: "alert" | "budget"; title: string; text: string; url: string; severity: "info" | "warning" | "critical" }): Promise<{ delivered: number; failed: { channel: string; error: string }[] }> {
  return notifyAll(n);
}
