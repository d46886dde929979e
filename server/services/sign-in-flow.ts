/**
 * Signing in, step by step: the password (throttled, services/sign-in.ts), then, when the user has
 * two-factor on, a TOTP code or a recovery code (throttled on its own counter), then a server-side
 * session. Every outcome for a known account is a sign-in event (services/sign-in-events.ts). The
 * credentials provider (server/auth.ts) maps the outcome to next-auth's answers.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createSession } from "./sessions";
import { recordSignInEvent } from "./sign-in-events";
import { verifyCredentials, type SignedInUser } from "./sign-in";
import { hasTwoFactor, verifySecondFactor } from "./two-factor";

export type SignInOutcome =
  | { kind: "signed_in"; user: SignedInUser; sessionId: string; twoFactor: boolean }
  | { kind: "invalid" }
  | { kind: "two_factor_required" }
  | { kind: "two_factor_invalid" };

export interface SignInFlowParams {
  email: string;
  password: string;
  /** The second step's code (6 digits, or a recovery code); absent on the first submission. */
  code?: string | null;
  ip: string;
  userAgent?: string | null;
  now?: Date;
}

async function userIdByEmail(db: Db, email: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row?.id ?? null;
}

function isLockout(error: unknown): boolean {
  return error instanceof AppError && error.code === "TOO_MANY_REQUESTS";
}

export async function signInWithPassword(db: Db, params: SignInFlowParams): Promise<SignInOutcome> {
  const event = { ip: params.ip, userAgent: params.userAgent ?? null, now: params.now };
  let user: SignedInUser | null;
  try {
    user = await verifyCredentials(db, { email: params.email, password: params.password, ip: params.ip, now: params.now });
  } catch (error) {
    if (isLockout(error)) {
      const userId = await userIdByEmail(db, params.email);
      if (userId) await recordSignInEvent(db, { userId, kind: "locked_out", ...event });
    }
    throw error;
  }
  if (!user) {
    const userId = await userIdByEmail(db, params.email);
    if (userId) await recordSignInEvent(db, { userId, kind: "password_failed", ...event });
    return { kind: "invalid" };
  }
  const twoFactor = await hasTwoFactor(db, user.id);
  if (twoFactor) {
    const code = params.code?.trim();
    if (!code) return { kind: "two_factor_required" };
    let how;
    try {
      how = await verifySecondFactor(db, { userId: user.id, email: user.email, code, ip: params.ip, now: params.now });
    } catch (error) {
      if (isLockout(error)) await recordSignInEvent(db, { userId: user.id, kind: "locked_out", ...event });
      throw error;
    }
    if (!how) {
      await recordSignInEvent(db, { userId: user.id, kind: "two_factor_failed", ...event });
      return { kind: "two_factor_invalid" };
    }
    if (how === "recovery_code") await recordSignInEvent(db, { userId: user.id, kind: "recovery_code_used", ...event });
  }
  const sessionId = await createSession(db, { userId: user.id, ip: params.ip, userAgent: params.userAgent, twoFactorVerified: twoFactor, now: params.now });
  await recordSignInEvent(db, { userId: user.id, kind: "signed_in", ...event });
  return { kind: "signed_in", user, sessionId, twoFactor };
}
