/**
 * The local mail catcher for the embedded demo, development and tests: an SMTP server (smtp-server) in
 * this process on 127.0.0.1, on a free port, that keeps every message it receives in memory (newest
 * last, at most MAX_CAUGHT). Nodemailer sends to it over real SMTP, so the sending path is the one used
 * in production; the dev-only page /dev/mail and the tests read what it caught.
 */
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: Date;
}

const MAX_CAUGHT = 200;

interface CatcherState {
  port: Promise<number>;
  mails: CaughtMail[];
  nextId: number;
}

// Kept across hot reloads in dev, like the database connection.
const globalForCatcher = globalThis as unknown as { mailCatcher?: CatcherState };

function startCatcher(): CatcherState {
  const state: CatcherState = { port: Promise.resolve(0), mails: [], nextId: 1 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    banner: "PI Portal mail catcher",
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          state.mails.push({
            id: state.nextId++,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            receivedAt: new Date(),
          });
          if (state.mails.length > MAX_CAUGHT) state.mails.splice(0, state.mails.length - MAX_CAUGHT);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  state.port = new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port));
  });
  // The catcher never keeps a process (a test run, a CLI) alive on its own.
  server.server.unref();
  return state;
}

function catcher(): CatcherState {
  globalForCatcher.mailCatcher ??= startCatcher();
  return globalForCatcher.mailCatcher;
}

/** The catcher's port on 127.0.0.1 (started on first use). */
export function catcherPort(): Promise<number> {
  return catcher().port;
}

/** Caught mails, newest first; only those to `to` when given. */
export function caughtMails(to?: string): CaughtMail[] {
  const all = [...catcher().mails].reverse();
  return to ? all.filter((m) => m.to.includes(to.toLowerCase())) : all;
}
