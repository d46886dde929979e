/**
 * Members of an organization: change a role, remove (people join by invitation: services/invitations.ts). The last admin can be
 * neither removed nor demoted (checked under a row lock, so two admins cannot demote each other at once).
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users, type MembershipRole } from "@/db/schema";
import { AppError, badInput } from "@/lib/errors";
import { recordAudit, staleVersionMessage } from "./audit";
import type { OrgScope } from "./scope";
import { revokeAllSessions } from "./sessions";

export interface MemberRow {
  membershipId: string;
  userId: string;
  email: string;
  name: string;
  role: MembershipRole;
  version: number;
  createdAt: Date;
}

export function listMembers(db: Db, scope: OrgScope): Promise<MemberRow[]> {
  return db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      version: memberships.version,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, scope.organizationId))
    .orderBy(asc(users.name), asc(users.email));
}

/** Locks the organization's admin memberships and counts them. */
async function lockedAdminCount(tx: Db, organizationId: string): Promise<number> {
  const admins = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "admin")))
    .for("update");
  return admins.length;
}

async function loadMembership(tx: Db, scope: OrgScope, membershipId: string) {
  const [row] = await tx
    .select({ id: memberships.id, role: memberships.role, version: memberships.version, email: users.email, userId: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.organizationId, scope.organizationId)))
    .for("update", { of: memberships });
  if (!row) throw new AppError("NOT_FOUND", "No such member in this organization.");
  return row;
}

export interface ChangeRoleParams {
  membershipId: string;
  role: MembershipRole;
  /** The version the caller saw; a stale one is refused. */
  expectedVersion: number;
}

export async function changeMemberRole(db: Db, scope: OrgScope, params: ChangeRoleParams) {
  return db.transaction(async (tx) => {
    const adminCount = await lockedAdminCount(tx, scope.organizationId);
    const current = await loadMembership(tx, scope, params.membershipId);
    if (current.version !== params.expectedVersion) {
      throw new AppError("CONFLICT", await staleVersionMessage(tx, scope, "membership", current.id, "membership"));
    }
    if (current.role === params.role) return { membershipId: current.id, role: current.role, version: current.version };
    if (current.role === "admin" && adminCount <= 1) {
      throw badInput(`${current.email} is the last admin of this organization and cannot be demoted; make another member admin first.`);
    }
    const [updated] = await tx
      .update(memberships)
      .set({ role: params.role, version: sql`${memberships.version} + 1`, updatedAt: new Date() })
      .where(and(eq(memberships.id, current.id), eq(memberships.organizationId, scope.organizationId)))
      .returning({ membershipId: memberships.id, role: memberships.role, version: memberships.version });
    // A role taken away ends the member's sessions: they sign in again and see what the new role allows.
    await revokeAllSessions(tx, { userId: current.userId });
    await recordAudit(tx, scope, {
      action: "member.role_changed",
      targetType: "membership",
      targetId: current.id,
      before: { email: current.email, role: current.role },
      after: { email: current.email, role: params.role },
    });
    return updated!;
  });
}

export async function removeMember(db: Db, scope: OrgScope, params: { membershipId: string }) {
  return db.transaction(async (tx) => {
    const adminCount = await lockedAdminCount(tx, scope.organizationId);
    const current = await loadMembership(tx, scope, params.membershipId);
    if (current.role === "admin" && adminCount <= 1) {
      throw badInput(`${current.email} is the last admin of this organization and cannot be removed; make another member admin first.`);
    }
    await tx
      .delete(memberships)
      .where(and(eq(memberships.id, current.id), eq(memberships.organizationId, scope.organizationId)));
    // Removal ends the removed person's sessions everywhere (they sign in again to reach other organizations).
    await revokeAllSessions(tx, { userId: current.userId });
    await recordAudit(tx, scope, {
      action: "member.removed",
      targetType: "membership",
      targetId: current.id,
      before: { email: current.email, role: current.role },
    });
    return { membershipId: current.id };
  });
}

export async function countMembersByRole(db: Db, scope: OrgScope) {
  return db
    .select({ role: memberships.role, total: count() })
    .from(memberships)
    .where(eq(memberships.organizationId, scope.organizationId))
    .groupBy(memberships.role);
}
