/**
 * Password reset by email: a single-use link valid for 1 hour. Asking always gets the same answer,
 * whether or not the email has an account, and takes the same time (the mail is sent after answering).
 * Using the link sets the new password, ends every session of the user and every other reset link.
 */
import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, passwordResetTokens, users } from "@/db/schema";
import { AppError, badInput } from "@/lib/errors";
import { passwordResetMail } from "../mail/templates";
import { sendMail } from "../mail/transport";
import { recordAudit } from "./audit";
import { hashPassword, PASSWORD_MIN_LENGTH } from "./passwords";
import { revokeAllSessions } from "./sessions";
import { hashToken, newToken, portalUrl } from "./tokens";

export const RESET_LINK_MINUTES = 60;
/** At most this many links per email and hour, so the form cannot be used to flood someone's inbox. */
export const MAX_RESET_LINKS_PER_HOUR = 3;
export const RESET_REQUESTED_MESSAGE =
  "If an account exists for that email, we sent it a link to choose a new password. The link works once, for 1 hour.";
export const INVALID_RESET_LINK_MESSAGE = "This password reset link is not valid: it was already used, or it expired. Ask for a new one.";

export interface RequestResetParams {
  email: string;
  now?: Date;
  /** Resolves when the mail (if any) is sent; tests wait on it, the router does not. */
  onSent?: (sending: Promise<void>) => void;
}

export async function requestPasswordReset(db: Db, params: RequestResetParams): Promise<{ message: string }> {
  const email = params.email.trim().toLowerCase();
  const now = params.now ?? new Date();
  const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email)).limit(1);
  if (user) {
    const [recent] = await db
      .select({ n: count() })
      .from(passwordResetTokens)
      .where(and(eq(passwordResetTokens.userId, user.id), gt(passwordResetTokens.createdAt, new Date(now.getTime() - 3_600_000))));
    if ((recent?.n ?? 0) < MAX_RESET_LINKS_PER_HOUR) {
      const { token, tokenHash } = newToken();
      const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000);
      await db.insert(passwordResetTokens).values({ userId: user.id, tokenHash, expiresAt, createdAt: now });
      const sending = sendMail(passwordResetMail({ to: user.email, resetUrl: portalUrl(`/reset-password/${token}`), expiresAt })).catch((error: unknown) => {
        console.error("password reset mail failed:", error instanceof Error ? error.message : error);
      });
      params.onSent?.(sending);
    }
  }
  return { message: RESET_REQUESTED_MESSAGE };
}

export async function resetPassword(db: Db, params: { token: string; newPassword: string; ip: string | null; now?: Date }): Promise<{ email: string }> {
  const now = params.now ?? new Date();
  if (params.newPassword.length < PASSWORD_MIN_LENGTH) {
    throw badInput(`The new password must have at least ${PASSWORD_MIN_LENGTH} characters.`, [{ path: "newPassword", message: `at least ${PASSWORD_MIN_LENGTH} characters` }]);
  }
  const passwordHash = await hashPassword(params.newPassword);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.tokenHash, hashToken(params.token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
      .returning({ userId: passwordResetTokens.userId });
    if (!used) throw new AppError("NOT_FOUND", INVALID_RESET_LINK_MESSAGE);
    const [user] = await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, used.userId)).returning({ id: users.id, email: users.email });
    // Every other link of this user stops working too, and every session ends.
    await tx.update(passwordResetTokens).set({ usedAt: now }).where(and(eq(passwordResetTokens.userId, used.userId), isNull(passwordResetTokens.usedAt)));
    await revokeAllSessions(tx, { userId: used.userId });
    // eslint-disable-next-line tenant/require-organization-filter -- the user's own memberships, across organizations
    const orgs = await tx.select({ organizationId: memberships.organizationId }).from(memberships).where(eq(memberships.userId, used.userId));
    for (const { organizationId } of orgs) {
      await recordAudit(tx, { organizationId, actorUserId: used.userId, ip: params.ip }, { action: "user.password_reset", targetType: "user", targetId: used.userId });
    }
    return { email: user!.email };
  });
}
