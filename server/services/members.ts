/**
 * Members of an organization: add a user with a role, change a role, remove. The last admin can be
 * neither removed nor demoted (checked under a row lock, so two admins cannot demote each other at once).
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users, type MembershipRole } from "@/db/schema";
import { AppError, badInput } from "@/lib/errors";
import { recordAudit, staleVersionMessage } from "./audit";
import { hashPassword, PASSWORD_MIN_LENGTH } from "./passwords";
import type { OrgScope } from "./scope";

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

export interface AddMemberParams {
  email: string;
  role: MembershipRole;
  /** Needed only when no user has this email yet. */
  name?: string;
  initialPassword?: string;
}

/** Adds an existing user, or creates the user (name and initial password required) and adds them. */
export async function addMember(db: Db, scope: OrgScope, params: AddMemberParams): Promise<MemberRow> {
  const email = params.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    let [user] = await tx.select().from(users).where(eq(users.email, email)).limit(1);
    if (!user) {
      const problems = [];
      if (!params.name?.trim()) problems.push({ path: "name", message: "a name is needed for a new user" });
      if (!params.initialPassword || params.initialPassword.length < PASSWORD_MIN_LENGTH) {
        problems.push({
          path: "initialPassword",
          message: `an initial password of at least ${PASSWORD_MIN_LENGTH} characters is needed for a new user`,
        });
      }
      if (problems.length > 0) throw badInput(`No user has the email ${email} yet; to create one:`, problems);
      [user] = await tx
        .insert(users)
        .values({ email, name: params.name!.trim(), passwordHash: await hashPassword(params.initialPassword!) })
        .returning();
    }
    const created = user!;
    const [existing] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.organizationId, scope.organizationId), eq(memberships.userId, created.id)));
    if (existing) throw new AppError("CONFLICT", `${email} is already a member of this organization.`);
    const [membership] = await tx
      .insert(memberships)
      .values({ organizationId: scope.organizationId, userId: created.id, role: params.role })
      .returning();
    const m = membership!;
    await recordAudit(tx, scope, {
      action: "member.added",
      targetType: "membership",
      targetId: m.id,
      after: { email, name: created.name, role: m.role },
    });
    return { membershipId: m.id, userId: created.id, email, name: created.name, role: m.role, version: m.version, createdAt: m.createdAt };
  });
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
