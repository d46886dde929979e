import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { caughtMails } from "@/server/mail/catcher";
import { mailCatcherEnabled } from "@/server/mail/transport";

export const metadata: Metadata = { title: "Caught mail" };
export const dynamic = "force-dynamic";

const LINK = /https?:\/\/[^\s<>"]+/g;

/**
 * Development only (and the e2e server, MAIL_CATCHER=1): the mails the portal sent to the in-process
 * catcher, newest first, as text with their links. 404 whenever a real SMTP server is configured.
 */
export default async function CaughtMailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!mailCatcherEnabled()) notFound();
  const { to } = await searchParams;
  const mails = caughtMails(typeof to === "string" ? to : undefined);
  return (
    <main className="mx-auto max-w-3xl p-6">
      <h1 className="mb-2 text-2xl font-semibold">Caught mail</h1>
      <p className="mb-6 text-sm text-muted-foreground">
        Mails sent while no SMTP_URL is set stay here (in memory, until the server restarts). Filter with ?to=email.
      </p>
      {mails.length === 0 ? <p>No mail yet.</p> : null}
      {mails.map((mail) => (
        <article key={mail.id} aria-label={mail.subject} className="mb-6 rounded-md border p-4">
          <h2 className="font-medium">{mail.subject}</h2>
          <p className="text-xs text-muted-foreground">
            To {mail.to.join(", ")} · {mail.receivedAt.toISOString()}
          </p>
          <pre className="mt-3 whitespace-pre-wrap text-sm">{mail.text}</pre>
          <ul className="mt-3 text-sm">
            {[...new Set(mail.text.match(LINK) ?? [])].map((url) => (
              <li key={url}>
                <a className="underline" href={url}>
                  {url}
                </a>
              </li>
            ))}
          </ul>
        </article>
      ))}
    </main>
  );
}
