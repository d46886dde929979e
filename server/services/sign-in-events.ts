/**
 * Sign-in events: the user's own history (sign_in_events, for the account page) and, for each
 * organization the user belongs to, an audit entry (user.signed_in, user.sign_in_failed,
 * user.sign_in_locked_out, user.two_factor_failed, user.recovery_code_used), so admins see them too.
 */
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, signInEvents } from "@/db/schema";
import { recordAudit } from "./audit";

export const SIGN_IN_EVENT_ACTIONS = {
  signed_in: "user.signed_in",
  password_failed: "user.sign_in_failed",
  locked_out: "user.sign_in_locked_out",
  two_factor_failed: "user.two_factor_failed",
  recovery_code_used: "user.recovery_code_used",
} as const;
export type SignInEventKind = keyof typeof SIGN_IN_EVENT_ACTIONS;

export async function recordSignInEvent(db: Db, params: { userId: string; kind: SignInEventKind; ip: string | null; userAgent?: string | null; now?: Date }): Promise<void> {
  const at = params.now ?? new Date();
  await db.transaction(async (tx) => {
    await tx.insert(signInEvents).values({ userId: params.userId, kind: params.kind, ip: params.ip, userAgent: params.userAgent?.slice(0, 300) ?? null, at });
    // eslint-disable-next-line tenant/require-organization-filter -- the user's own memberships, across organizations
    const orgs = await tx.select({ organizationId: memberships.organizationId }).from(memberships).where(eq(memberships.userId, params.userId));
    for (const { organizationId } of orgs) {
      await recordAudit(tx, { organizationId, actorUserId: params.userId, ip: params.ip }, { action: SIGN_IN_EVENT_ACTIONS[params.kind], targetType: "user", targetId: params.userId });
    }
  });
}

/** The user's most recent sign-in events, newest first. */
export function listMySignIns(db: Db, params: { userId: string; limit?: number }) {
  return db
    .select({ id: signInEvents.id, kind: signInEvents.kind, ip: signInEvents.ip, userAgent: signInEvents.userAgent, at: signInEvents.at })
    .from(signInEvents)
    .where(eq(signInEvents.userId, params.userId))
    .orderBy(desc(signInEvents.at), desc(signInEvents.id))
    .limit(params.limit ?? 20);
}
