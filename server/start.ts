/**
 * What the server does once at start (instrumentation.ts, Node runtime): validate the environment, so a
 * production server without NEXTAUTH_SECRET refuses to start instead of failing on the first request
 * (the build does not validate: secrets are not there at build time), and record peer addresses.
 */
import { env } from "./env";
import { mailCatcherEnabled } from "./mail/transport";
import { recordPeerAddresses } from "./peer-address";
import { ADMISSION_LIMITS, installRequestAdmission } from "./limits/request-admission";
import { createSessionCookieDecoder } from "./session-cookie";
import { PEER_ADDRESS_HEADER, clientIpFrom } from "./client-ip";

recordPeerAddresses();

// Whole requests take turns by tenant, then by user (server/limits/request-admission.ts). The user comes from
// next-auth's session cookie, decoded as server/auth.ts decodes it; a cookie split in chunks (above 4 kB, not
// ours) or one that does not decode counts as no user.
const sessionCookies = createSessionCookieDecoder(env.NEXTAUTH_SECRET);
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token=([^;]+)/;
installRequestAdmission({
  limits: { ...ADMISSION_LIMITS, maxActive: env.REQUEST_CONCURRENCY },
  async userOfCookies(cookieHeader) {
    const token = cookieHeader ? SESSION_COOKIE.exec(cookieHeader)?.[1] : undefined;
    if (!token) return null;
    const claims = await sessionCookies.decode(decodeURIComponent(token));
    return typeof claims?.sub === "string" ? claims.sub : null;
  },
  addressOf: (request) => clientIpFrom({ ...request.headers, [PEER_ADDRESS_HEADER]: request.socket.remoteAddress ?? "unknown" }, env.TRUST_PROXY),
});
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
