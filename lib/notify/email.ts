import nodemailer, { type Transporter } from "nodemailer";
import { getSmtpSettings } from "@/lib/db/notification-channels";
import { env } from "@/lib/env";
import type { Notification } from "./types";

/** The SMTP transport: Settings' SMTP server when one is saved, else SMTP_URL; null when neither is set. */
async function transport(): Promise<{ t: Transporter; from: string } | null> {
  const s = await getSmtpSettings();
  if (s?.host) {
    const t = nodemailer.createTransport({
      host: s.host,
      port: s.port,
      secure: s.secure,
      // Without TLS configured, do not try STARTTLS either: a plain relay on localhost is the common case.
      ignoreTLS: !s.secure && !s.user,
      auth: s.user ? { user: s.user, pass: s.password } : undefined,
    });
    return { t, from: s.fromAddr };
  }
  const e = env();
  if (e.SMTP_URL) return { t: nodemailer.createTransport(e.SMTP_URL), from: e.SMTP_FROM ?? "tokenledger@localhost" };
  return null;
}

export async function sendEmail(to: string, n: Notification): Promise<void> {
  const tr = await transport();
  if (!tr) throw new Error("no SMTP server configured (Settings → Alerts → SMTP, or SMTP_URL)");
  const recipients = to.split(",").map((x) => x.trim()).filter(Boolean);
  await tr.t.sendMail({
    from: tr.from,
    to: recipients,
    subject: `[TokenLedger ${n.severity}] ${n.title}`,
    text: `${n.text}\n\n${n.url}\n`,
  });
  tr.t.close();
}
