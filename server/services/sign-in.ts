/**
 * Checking credentials, with throttling: repeated failures refuse further attempts for a while. Wrong
 * credentials always give the same generic answer, whether or not the email exists.
 *
 * The counters are atomic: an attempt is reserved (recorded as a failure) under per-email and per-IP
 * advisory locks before the password is checked, so 25 parallel guesses on one email from one address
 * get at most MAX_FAILURES_PER_EMAIL_AND_IP checks; a success turns its reservation into a success.
 * Lockout is per email AND address first (an attacker locks out only themselves), per email from every
 * address only much later, and per address for sprays over many emails.
 */
import { and, eq, gt, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { dummyPasswordHash, verifyPassword } from "./passwords";

export const SIGN_IN_WINDOW_MINUTES = 15;
/** Failures for one email from one address. */
export const MAX_FAILURES_PER_EMAIL_AND_IP = 5;
/** Failures for one email from all addresses together (a distributed guess). */
export const MAX_FAILURES_PER_EMAIL = 50;
/** Failures from one address over all emails (a spray). */
export const MAX_FAILURES_PER_IP = 30;
export const INVALID_CREDENTIALS_MESSAGE = "Invalid email or password.";
export const TOO_MANY_ATTEMPTS_MESSAGE = `Too many failed sign-in attempts. Try again in ${SIGN_IN_WINDOW_MINUTES} minutes.`;

export interface SignInParams {
  email: string;
  password: string;
  ip: string;
  now?: Date;
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

/** Attempts older than this no longer matter to any check and are deleted. */
export const SIGN_IN_ATTEMPTS_KEPT_HOURS = 24;

/**
 * Keeps the table small without a periodic job: each sign-in deletes the stale attempts of its own email
 * and IP (both indexed, so the work is bounded by one address's history), judged by the same clock as the
 * throttle check (`now`), never the database's, so a caller's clock and the clean-up cannot disagree.
 */
async function forgetStaleAttempts(db: Db, email: string, ip: string, now: Date) {
  const before = new Date(now.getTime() - SIGN_IN_ATTEMPTS_KEPT_HOURS * 3_600_000);
  await db
    .delete(signInAttempts)
    .where(and(or(eq(signInAttempts.email, email), eq(signInAttempts.ip, ip)), lt(signInAttempts.attemptedAt, before)));
}

/**
 * Reserves one attempt for (email, ip): under advisory locks on both (always taken in this order, so two
 * reservations cannot deadlock), counts the recent failures and, below every limit, records this attempt
 * as a failure. Returns the attempt's id, or null when a limit is reached (nothing recorded).
 */
async function reserveAttempt(db: Db, email: string, ip: string, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:email:${email}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:ip:${ip}`}))`);
    // A new statement, so its snapshot sees every attempt committed by the lock's previous holders.
    const [counts] = await tx
      .select({
        emailAndIp: sql<number>`count(*) filter (where ${signInAttempts.email} = ${email} and ${signInAttempts.ip} = ${ip})`.mapWith(Number),
        email: sql<number>`count(*) filter (where ${signInAttempts.email} = ${email})`.mapWith(Number),
        ip: sql<number>`count(*) filter (where ${signInAttempts.ip} = ${ip})`.mapWith(Number),
      })
      .from(signInAttempts)
      .where(and(or(eq(signInAttempts.email, email), eq(signInAttempts.ip, ip)), eq(signInAttempts.succeeded, false), gt(signInAttempts.attemptedAt, since)));
    if (
      (counts?.emailAndIp ?? 0) >= MAX_FAILURES_PER_EMAIL_AND_IP ||
      (counts?.email ?? 0) >= MAX_FAILURES_PER_EMAIL ||
      (counts?.ip ?? 0) >= MAX_FAILURES_PER_IP
    ) {
      return null;
    }
    const [attempt] = await tx.insert(signInAttempts).values({ email, ip, succeeded: false, attemptedAt: now }).returning({ id: signInAttempts.id });
    return attempt!.id;
  });
}

/**
 * Runs `check` (a password comparison) only within the throttle for (email, ip): throws
 * TOO_MANY_REQUESTS when a limit is reached, before checking; a failed check counts as a failure.
 * Used by sign-in and by the current-password check of a password change.
 */
export async function throttledCheck(db: Db, params: { email: string; ip: string; now?: Date }, check: () => Promise<boolean>): Promise<boolean> {
  const email = params.email.trim().toLowerCase();
  const now = params.now ?? new Date();
  const attemptId = await reserveAttempt(db, email, params.ip, now);
  if (attemptId === null) throw new AppError("TOO_MANY_REQUESTS", TOO_MANY_ATTEMPTS_MESSAGE);
  const ok = await check();
  if (ok) await db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, attemptId));
  await forgetStaleAttempts(db, email, params.ip, now);
  return ok;
}

/**
 * Returns the user when the credentials are right; null when they are wrong; throws TOO_MANY_REQUESTS
 * when a limit is reached (checked before the password, so a correct guess during a lockout does not
 * succeed either).
 */
export async function verifyCredentials(db: Db, params: SignInParams): Promise<SignedInUser | null> {
  const email = params.email.trim().toLowerCase();
  let found: (SignedInUser & { passwordHash: string }) | undefined;
  const ok = await throttledCheck(db, { email, ip: params.ip, now: params.now }, async () => {
    [found] = await db
      .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, email))
      .limit(1);
    const matches = await verifyPassword(found?.passwordHash ?? (await dummyPasswordHash()), params.password);
    return matches && found !== undefined;
  });
  return ok && found ? { id: found.id, email: found.email, name: found.name } : null;
}
