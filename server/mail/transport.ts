/**
 * Sending mail: nodemailer over SMTP to SMTP_URL (smtp://user:pass@host:587, smtps://... for TLS) from
 * MAIL_FROM. Without SMTP_URL the mail goes to the in-process catcher (catcher.ts) when it is allowed:
 * always outside production, and in production only with MAIL_CATCHER=1 (the e2e server); otherwise
 * sending fails with a message saying what to configure.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";
import { catcherPort } from "./catcher";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** True when mails go to the in-process catcher (and /dev/mail shows them). */
export function mailCatcherEnabled(): boolean {
  return !env.SMTP_URL && (env.NODE_ENV !== "production" || env.MAIL_CATCHER === "1");
}

const globalForMail = globalThis as unknown as { mailTransport?: Promise<Transporter> };

async function createTransport(): Promise<Transporter> {
  if (env.SMTP_URL) return nodemailer.createTransport(env.SMTP_URL);
  if (!mailCatcherEnabled()) {
    throw new Error("No mail transport: set SMTP_URL (and MAIL_FROM), or MAIL_CATCHER=1 to keep mails in the local catcher.");
  }
  const port = await catcherPort();
  return nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
}

function transport(): Promise<Transporter> {
  globalForMail.mailTransport ??= createTransport().catch((error: unknown) => {
    globalForMail.mailTransport = undefined;
    throw error;
  });
  return globalForMail.mailTransport;
}

export async function sendMail(mail: OutgoingMail): Promise<void> {
  await (await transport()).sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
}
