/**
 * The mails a test caused, read from the in-process SMTP catcher (server/mail/catcher.ts) that the
 * portal's nodemailer transport sends to when no SMTP_URL is set.
 */
import { caughtMails, type CaughtMail } from "@/server/mail/catcher";

/** Waits (up to 5 s) for a mail to `to` whose subject matches, newest first. */
export async function waitForMail(to: string, subject: RegExp, opts: { after?: number } = {}): Promise<CaughtMail> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const mail = caughtMails(to).find((m) => subject.test(m.subject) && m.id > (opts.after ?? 0));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${String(subject)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The id of the newest caught mail (0 when none), to wait for mails sent after a point. */
export function lastMailId(): number {
  return caughtMails()[0]?.id ?? 0;
}

/** The token at the end of the first portal link of `path` (e.g. /invite/) in the mail's text. */
export function tokenFromMail(mail: CaughtMail, path: string): string {
  const match = new RegExp(`${path.replace(/\//g, "\\/")}([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in the mail "${mail.subject}"`);
  return match[1]!;
}
