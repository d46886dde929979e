/**
 * Environment, validated once at start-up (server side only). Every variable is optional in development:
 * without DATABASE_URL the portal runs on the embedded PGlite database, and a fixed development secret
 * signs sessions. In production NEXTAUTH_SECRET is required.
 */
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

const DEVELOPMENT_SECRET = "development-only-secret-not-for-production-use";

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** Real Postgres (postgres://...). Unset: embedded PGlite under PGLITE_DATA_DIR (default .data/pglite). */
    DATABASE_URL: z.url().optional(),
    PGLITE_DATA_DIR: z.string().min(1).optional(),
    NEXTAUTH_URL: z.url().optional(),
    NEXTAUTH_SECRET:
      process.env.NODE_ENV === "production"
        ? z.string().min(32, "NEXTAUTH_SECRET must be set to at least 32 random characters in production")
        : z.string().min(1).default(DEVELOPMENT_SECRET),
    /** Outgoing mail server (smtp://user:pass@host:587, smtps://...). Unset: the in-process catcher (server/mail). */
    SMTP_URL: z.url().optional(),
    MAIL_FROM: z.string().min(3).default("PI Portal <no-reply@pi-portal.invalid>"),
    /** "1": keep mails in the in-process catcher even in production (the e2e server); readable at /dev/mail. */
    MAIL_CATCHER: z.enum(["0", "1"]).optional(),
    /** How many reverse proxies in front append to X-Forwarded-For; unset: the TCP peer is the client. */
    TRUST_PROXY: z.coerce.number().int("a whole number of proxies").min(1).max(10).optional(),
    /** Requests this server process handles at once, the rest taking turns by tenant (server/limits/request-admission.ts); 0: no limit. */
    REQUEST_CONCURRENCY: z.coerce.number().int("a whole number of requests").min(0).max(1000).default(2),
  },
  experimental__runtimeEnv: {},
  // `next build` runs without production secrets; the running server validates them at start
  // (instrumentation.ts -> server/start.ts).
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1" || process.env.NEXT_PHASE === "phase-production-build",
  emptyStringAsUndefined: true,
});
