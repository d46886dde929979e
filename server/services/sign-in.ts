/**
 * Checking credentials, with throttling: repeated failures for one email or one IP within a window
 * refuse further attempts for a while. Wrong credentials always give the same generic answer, whether
 * or not the email exists.
 */
import { and, count, eq, gt, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { dummyPasswordHash, verifyPassword } from "./passwords";

export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;
export const INVALID_CREDENTIALS_MESSAGE = "Invalid email or password.";

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

async function recentFailures(db: Db, column: typeof signInAttempts.email | typeof signInAttempts.ip, value: string, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(column, value), eq(signInAttempts.succeeded, false), gt(signInAttempts.attemptedAt, since)));
  return row?.n ?? 0;
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
 * Returns the user when the credentials are right; null when they are wrong; throws TOO_MANY_REQUESTS
 * when this email or IP has failed too often recently (checked before the password, so a correct
 * guess during a lockout does not succeed either).
 */
export async function verifyCredentials(db: Db, params: SignInParams): Promise<SignedInUser | null> {
  const email = params.email.trim().toLowerCase();
  const now = params.now ?? new Date();
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
  const [byEmail, byIp] = await Promise.all([
    recentFailures(db, signInAttempts.email, email, since),
    recentFailures(db, signInAttempts.ip, params.ip, since),
  ]);
  if (byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP) {
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `Too many failed sign-in attempts. Try again in ${SIGN_IN_WINDOW_MINUTES} minutes.`,
    );
  }
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), params.password);
  const succeeded = ok && user !== undefined;
  await db.insert(signInAttempts).values({ email, ip: params.ip, succeeded, attemptedAt: now });
  await forgetStaleAttempts(db, email, params.ip, now);
  return succeeded ? { id: user.id, email: user.email, name: user.name } : null;
}
