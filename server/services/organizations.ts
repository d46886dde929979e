/** Organizations (tenants) and the caller's memberships in them. */
import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, organizationDataVersions, organizations, type MembershipRole } from "@/db/schema";
import { badInput } from "@/lib/errors";
import { recordAudit } from "./audit";
import type { OrgScope } from "./scope";

export interface MembershipWithOrganization {
  membershipId: string;
  role: MembershipRole;
  organization: { id: string; slug: string; name: string; requireAdminTwoFactor: boolean };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user's membership in the organization given by id or slug, or null when they are not a member. */
export async function findMembership(
  db: Db,
  userId: string,
  organizationIdOrSlug: string,
): Promise<MembershipWithOrganization | null> {
  const matchesOrganization = UUID.test(organizationIdOrSlug)
    ? or(eq(organizations.id, organizationIdOrSlug), eq(organizations.slug, organizationIdOrSlug))
    : eq(organizations.slug, organizationIdOrSlug);
  // eslint-disable-next-line tenant/require-organization-filter -- looks up the caller's own membership to establish the scope
  const [row] = await db
    .select({
      membershipId: memberships.id,
      role: memberships.role,
      organization: { id: organizations.id, slug: organizations.slug, name: organizations.name, requireAdminTwoFactor: organizations.requireAdminTwoFactor },
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), matchesOrganization))
    .limit(1);
  return row ?? null;
}

const MEMBERSHIP_COLUMNS = {
  membershipId: memberships.id,
  role: memberships.role,
  organization: { id: organizations.id, slug: organizations.slug, name: organizations.name, requireAdminTwoFactor: organizations.requireAdminTwoFactor },
};

/** Every organization the user belongs to, with their role, by name. */
export function listMyOrganizations(db: Db, userId: string): Promise<MembershipWithOrganization[]> {
  // eslint-disable-next-line tenant/require-organization-filter -- the caller's own memberships, for the switcher
  return db
    .select(MEMBERSHIP_COLUMNS)
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name));
}

/**
 * listMyOrganizations with each organization's data version (db/schema/data-versions.ts; 0 before its first
 * counted write), in one query: the rendered-page cache's key (server/page-cache/key.ts).
 */
export function listMyOrganizationsWithDataVersions(db: Db, userId: string): Promise<Array<MembershipWithOrganization & { dataVersion: number }>> {
  // The page cache asks on every request: a named prepared statement per database handle (as sessions.ts's session check).
  let statement = membershipsWithVersionsStatements.get(db);
  if (!statement) membershipsWithVersionsStatements.set(db, (statement = prepareMembershipsWithVersions(db)));
  return statement.execute({ userId });
}

const membershipsWithVersionsStatements = new WeakMap<Db, ReturnType<typeof prepareMembershipsWithVersions>>();
function prepareMembershipsWithVersions(db: Db) {
  // eslint-disable-next-line tenant/require-organization-filter -- the caller's own memberships
  return db
    .select({ ...MEMBERSHIP_COLUMNS, dataVersion: sql<number>`coalesce(${organizationDataVersions.version}, 0)`.mapWith(Number) })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .leftJoin(organizationDataVersions, eq(organizationDataVersions.organizationId, organizations.id))
    .where(eq(memberships.userId, sql.placeholder("userId")))
    .orderBy(asc(organizations.name))
    .prepare("pi_my_memberships_with_data_versions");
}

/**
 * "Admins must use two-factor" on or off. Turning it on needs the caller's own session to have passed a
 * second factor, so an admin cannot lock themselves out. Audited.
 */
export async function setAdminTwoFactorPolicy(db: Db, scope: OrgScope, params: { required: boolean; callerTwoFactorVerified: boolean }) {
  if (params.required && !params.callerTwoFactorVerified) {
    throw badInput("Set up two-factor authentication for yourself first (Account page), then require it of the organization's admins.");
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ required: organizations.requireAdminTwoFactor }).from(organizations).where(eq(organizations.id, scope.organizationId)).for("update");
    await tx.update(organizations).set({ requireAdminTwoFactor: params.required }).where(eq(organizations.id, scope.organizationId));
    await recordAudit(tx, scope, {
      action: "organization.two_factor_policy_changed",
      targetType: "organization",
      targetId: scope.organizationId,
      before: { requireAdminTwoFactor: before?.required ?? false },
      after: { requireAdminTwoFactor: params.required },
    });
    return { requireAdminTwoFactor: params.required };
  });
}
