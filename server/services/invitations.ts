/**
 * Invitations: the only way into an organization. An admin invites an email with a role; the portal
 * mails a single-use link (7 days); the person holding it accepts by signing in with that email, or by
 * choosing a name and password when no account has it. Until then nothing is joined, and nothing the
 * admin sees depends on whether the email has an account anywhere (the cross-tenant pre-hijack of
 * issue 14: an admin used to create accounts with passwords of their choosing, or learn an account's
 * name and id by adding its email).
 */
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations, memberships, organizations, users, type MembershipRole } from "@/db/schema";
import { AppError, badInput } from "@/lib/errors";
import { invitationMail } from "../mail/templates";
import { sendMail } from "../mail/transport";
import { recordAudit } from "./audit";
import { isUniqueViolation } from "./cehrt/access";
import { hashPassword, PASSWORD_MIN_LENGTH } from "./passwords";
import type { OrgScope } from "./scope";
import { hashToken, newToken, portalUrl } from "./tokens";

export const INVITATION_DAYS = 7;
export const INVALID_INVITATION_MESSAGE =
  "This invitation link is not valid: it was already used, revoked or replaced by a newer one, or it expired. Ask your administrator for a new invitation.";

export interface InvitationRow {
  invitationId: string;
  email: string;
  role: MembershipRole;
  expiresAt: Date;
  sentAt: Date;
  createdAt: Date;
  /** Past its expiry: resend to give it another 7 days. */
  expired: boolean;
}

function expiryFrom(now: Date): Date {
  return new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
}

function row(i: typeof invitations.$inferSelect, now = new Date()): InvitationRow {
  return {
    invitationId: i.id,
    email: i.email,
    role: i.role,
    expiresAt: i.expiresAt,
    sentAt: i.sentAt,
    createdAt: i.createdAt,
    expired: i.expiresAt.getTime() <= now.getTime(),
  };
}

async function mailInvitation(db: Db, scope: OrgScope, invitation: typeof invitations.$inferSelect, token: string) {
  const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, scope.organizationId));
  const [inviter] = scope.actorUserId ? await db.select({ name: users.name }).from(users).where(eq(users.id, scope.actorUserId)) : [];
  await sendMail(
    invitationMail({
      to: invitation.email,
      organizationName: org?.name ?? "an organization",
      role: invitation.role,
      inviterName: inviter?.name ?? "An administrator",
      acceptUrl: portalUrl(`/invite/${token}`),
      expiresAt: invitation.expiresAt,
    }),
  );
}

export interface InviteMemberParams {
  email: string;
  role: MembershipRole;
  now?: Date;
}

/**
 * Records a pending invitation and mails its link. Refused (CONFLICT) only for facts about this
 * organization: the email is already a member, or already has a pending invitation.
 */
export async function inviteMember(db: Db, scope: OrgScope, params: InviteMemberParams): Promise<InvitationRow> {
  const email = params.email.trim().toLowerCase();
  const now = params.now ?? new Date();
  const { token, tokenHash } = newToken();
  const invitation = await db
    .transaction(async (tx) => {
      const [member] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.organizationId, scope.organizationId), eq(users.email, email)));
      if (member) throw new AppError("CONFLICT", `${email} is already a member of this organization.`);
      const [created] = await tx
        .insert(invitations)
        .values({ organizationId: scope.organizationId, email, role: params.role, tokenHash, invitedByUserId: scope.actorUserId, expiresAt: expiryFrom(now), createdAt: now, sentAt: now })
        .returning();
      await recordAudit(tx, scope, { action: "member.invited", targetType: "invitation", targetId: created!.id, after: { email, role: params.role } });
      return created!;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw new AppError("CONFLICT", `An invitation to ${email} is already pending; resend or revoke it from the list of invitations.`);
      }
      throw error;
    });
  await mailInvitation(db, scope, invitation, token);
  return row(invitation, now);
}

/** Pending invitations (not accepted, not revoked), expired ones included so they can be resent. */
export async function listInvitations(db: Db, scope: OrgScope): Promise<InvitationRow[]> {
  const rows = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.organizationId, scope.organizationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(asc(invitations.email));
  return rows.map((r) => row(r));
}

const NO_SUCH_INVITATION = "No such pending invitation in this organization.";

/** A new link (the old one stops working) and another 7 days. */
export async function resendInvitation(db: Db, scope: OrgScope, params: { invitationId: string; now?: Date }): Promise<InvitationRow> {
  const now = params.now ?? new Date();
  const { token, tokenHash } = newToken();
  const invitation = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(invitations)
      .set({ tokenHash, expiresAt: expiryFrom(now), sentAt: now })
      .where(
        and(
          eq(invitations.id, params.invitationId),
          eq(invitations.organizationId, scope.organizationId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning();
    if (!updated) throw new AppError("NOT_FOUND", NO_SUCH_INVITATION);
    await recordAudit(tx, scope, { action: "member.invitation_resent", targetType: "invitation", targetId: updated.id, after: { email: updated.email, role: updated.role } });
    return updated;
  });
  await mailInvitation(db, scope, invitation, token);
  return row(invitation, now);
}

export async function revokeInvitation(db: Db, scope: OrgScope, params: { invitationId: string }): Promise<{ invitationId: string }> {
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, params.invitationId),
          eq(invitations.organizationId, scope.organizationId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning();
    if (!revoked) throw new AppError("NOT_FOUND", NO_SUCH_INVITATION);
    await recordAudit(tx, scope, { action: "member.invitation_revoked", targetType: "invitation", targetId: revoked.id, before: { email: revoked.email, role: revoked.role } });
    return { invitationId: revoked.id };
  });
}

// ------------------------------------------------------------------------------ the invitee's side

export interface InvitationPreview {
  email: string;
  role: MembershipRole;
  organizationName: string;
  expiresAt: Date;
  /** Whether the invited email already has an account: told only to the holder of the emailed link. */
  accountExists: boolean;
}

/** A usable invitation by its token (pending, not expired), or null. */
async function usableInvitation(db: Db, token: string, now: Date) {
  // eslint-disable-next-line tenant/require-organization-filter -- found by its secret token; the organization comes from the row
  const [found] = await db
    .select({ invitation: invitations, organizationName: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .limit(1);
  return found ?? null;
}

export async function previewInvitation(db: Db, params: { token: string; now?: Date }): Promise<InvitationPreview> {
  const found = await usableInvitation(db, params.token, params.now ?? new Date());
  if (!found) throw new AppError("NOT_FOUND", INVALID_INVITATION_MESSAGE);
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, found.invitation.email)).limit(1);
  return {
    email: found.invitation.email,
    role: found.invitation.role,
    organizationName: found.organizationName,
    expiresAt: found.invitation.expiresAt,
    accountExists: account !== undefined,
  };
}

/**
 * Uses the invitation once, atomically (a second use, even in parallel, finds nothing), and adds the
 * membership; audited in the organization as accepted, by the person who accepted.
 */
async function consume(tx: Db, params: { token: string; userId: string; userEmail: string; ip: string | null; now: Date }) {
  // eslint-disable-next-line tenant/require-organization-filter -- found by its secret token; the organization comes from the row
  const [invitation] = await tx
    .update(invitations)
    .set({ acceptedAt: params.now, acceptedByUserId: params.userId })
    .where(
      and(
        eq(invitations.tokenHash, hashToken(params.token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, params.now),
      ),
    )
    .returning();
  if (!invitation) throw new AppError("NOT_FOUND", INVALID_INVITATION_MESSAGE);
  if (invitation.email !== params.userEmail) {
    throw new AppError(
      "FORBIDDEN",
      `This invitation was sent to ${invitation.email}, but you are signed in as ${params.userEmail}. Sign out, then open the link again and sign in as ${invitation.email}.`,
    );
  }
  const scope: OrgScope = { organizationId: invitation.organizationId, actorUserId: params.userId, ip: params.ip };
  const [existing] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organizationId, scope.organizationId), eq(memberships.userId, params.userId)));
  if (existing) throw new AppError("CONFLICT", "You are already a member of this organization.");
  const [membership] = await tx.insert(memberships).values({ organizationId: scope.organizationId, userId: params.userId, role: invitation.role }).returning();
  await recordAudit(tx, scope, {
    action: "member.invitation_accepted",
    targetType: "invitation",
    targetId: invitation.id,
    after: { email: invitation.email, role: invitation.role, membershipId: membership!.id },
  });
  const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, scope.organizationId));
  return { organizationSlug: org!.slug, role: invitation.role };
}

/** The signed-in user accepts an invitation sent to their own email. */
export async function acceptInvitation(db: Db, params: { token: string; userId: string; ip: string | null; now?: Date }) {
  const now = params.now ?? new Date();
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, params.userId));
    if (!user) throw new AppError("NOT_FOUND", INVALID_INVITATION_MESSAGE);
    return consume(tx, { token: params.token, userId: user.id, userEmail: user.email, ip: params.ip, now });
  });
}

export interface AcceptAsNewUserParams {
  token: string;
  name: string;
  password: string;
  ip: string | null;
  now?: Date;
}

/** Someone without an account accepts: the account is created with the name and password they choose. */
export async function acceptInvitationAsNewUser(db: Db, params: AcceptAsNewUserParams) {
  const now = params.now ?? new Date();
  if (params.password.length < PASSWORD_MIN_LENGTH) {
    throw badInput(`The password must have at least ${PASSWORD_MIN_LENGTH} characters.`, [{ path: "password", message: `at least ${PASSWORD_MIN_LENGTH} characters` }]);
  }
  const found = await usableInvitation(db, params.token, now);
  if (!found) throw new AppError("NOT_FOUND", INVALID_INVITATION_MESSAGE);
  const email = found.invitation.email;
  const passwordHash = await hashPassword(params.password);
  return db
    .transaction(async (tx) => {
      const [account] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
      if (account) throw new AppError("CONFLICT", `An account with ${email} already exists: sign in to accept the invitation.`);
      const [user] = await tx.insert(users).values({ email, name: params.name.trim(), passwordHash }).returning({ id: users.id });
      const accepted = await consume(tx, { token: params.token, userId: user!.id, userEmail: email, ip: params.ip, now });
      return { ...accepted, email };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError("CONFLICT", `An account with ${email} already exists: sign in to accept the invitation.`);
      throw error;
    });
}
