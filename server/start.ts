/**
 * What the server does once at start (instrumentation.ts, Node runtime): validate the environment, so a
 * production server without NEXTAUTH_SECRET refuses to start instead of failing on the first request
 * (the build does not validate: secrets are not there at build time), and record peer addresses.
 */
import { env } from "./env";
import { mailCatcherEnabled } from "./mail/transport";
import { recordPeerAddresses } from "./peer-address";

recordPeerAddresses();
if (env.NODE_ENV === "production" && !env.SMTP_URL && !mailCatcherEnabled()) {
  console.warn("PI Portal: SMTP_URL is not set; invitations and password reset mails cannot be sent.");
}

// Streamed imports on Postgres: this process works the pg-boss queue from the start, so a job whose server
// was killed is picked up again after its heartbeat lapses, without waiting for the next upload.
if (process.env.DATABASE_URL && process.env.IMPORT_WORKER !== "external") {
  void (async () => {
    const { getAppDatabase } = await import("./database");
    const { getImportQueue } = await import("./services/imports/queue");
    await getImportQueue(await getAppDatabase());
  })().catch((error: unknown) => console.error("PI Portal: the import queue did not start:", error instanceof Error ? error.message : error));
}
