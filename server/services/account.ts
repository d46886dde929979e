/** The signed-in user's own account. */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { badInput } from "@/lib/errors";
import { recordAudit } from "./audit";
import { hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from "./passwords";
import { revokeAllSessions } from "./sessions";
import { throttledCheck } from "./sign-in";

export interface ChangePasswordParams {
  userId: string;
  currentPassword: string;
  newPassword: string;
  ip: string | null;
}

/**
 * Changes the password and ends every session of this user, the current one included (the form signs
 * out and asks to sign in with the new password).
 * The change is audited in each organization the user belongs to (the audit log is per organization).
 */
export async function changePassword(db: Db, params: ChangePasswordParams): Promise<{ changedAt: Date }> {
  const [me] = await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, params.userId));
  // Throttled like sign-in: a stolen session must not become an unlimited password oracle.
  const currentOk = me !== undefined && (await throttledCheck(db, { email: me.email, ip: params.ip ?? "unknown" }, () => verifyPassword(me.passwordHash, params.currentPassword)));
  if (!currentOk) throw badInput("The current password is not correct.", [{ path: "currentPassword", message: "not correct" }]);
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, params.userId)).for("update");
    // The password changed between the check and the lock (a parallel change): check again.
    if (!user || user.passwordHash !== me.passwordHash) {
      throw badInput("The current password is not correct.", [{ path: "currentPassword", message: "not correct" }]);
    }
    if (params.newPassword.length < PASSWORD_MIN_LENGTH) {
      throw badInput(`The new password must have at least ${PASSWORD_MIN_LENGTH} characters.`, [
        { path: "newPassword", message: `at least ${PASSWORD_MIN_LENGTH} characters` },
      ]);
    }
    if (params.newPassword === params.currentPassword) {
      throw badInput("The new password must differ from the current one.", [{ path: "newPassword", message: "same as the current password" }]);
    }
    const changedAt = new Date();
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(params.newPassword), passwordChangedAt: changedAt })
      .where(eq(users.id, user.id));
    await revokeAllSessions(tx, { userId: user.id });
    // eslint-disable-next-line tenant/require-organization-filter -- the user's own memberships, across organizations
    const orgs = await tx.select({ organizationId: memberships.organizationId }).from(memberships).where(eq(memberships.userId, user.id));
    for (const { organizationId } of orgs) {
      await recordAudit(tx, { organizationId, actorUserId: user.id, ip: params.ip }, {
        action: "user.password_changed",
        targetType: "user",
        targetId: user.id,
      });
    }
    return { changedAt };
  });
}
