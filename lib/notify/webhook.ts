import { createHmac } from "node:crypto";
import type { Notification } from "./types";

/**
 * Webhook delivery: a JSON POST that is also a valid Slack incoming-webhook payload (`text` + `blocks`), with
 * our own fields beside it. Signed when the channel has a secret:
 *   X-TokenLedger-Timestamp: <unix seconds>
 *   X-TokenLedger-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret>
 * (the timestamp inside the signed text stops a captured request from being replayed later).
 */
export function webhookBody(n: Notification): string {
  const emoji = n.severity === "critical" ? ":rotating_light:" : n.severity === "warning" ? ":warning:" : ":information_source:";
  return JSON.stringify({
    text: `${n.title}: ${n.text} ${n.url}`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: n.title.slice(0, 150) } },
      { type: "section", text: { type: "mrkdwn", text: `${emoji} ${n.text}` } },
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in TokenLedger" }, url: n.url }] },
    ],
    tokenledger: n,
  });
}

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export async function postWebhook(url: string, secret: string, n: Notification, timeoutMs = 10_000): Promise<void> {
  const body = webhookBody(n);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "TokenLedger", "x-tokenledger-timestamp": timestamp };
  if (secret) headers["x-tokenledger-signature"] = signature(secret, timestamp, body);
  const res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${new URL(url).host}`);
}
