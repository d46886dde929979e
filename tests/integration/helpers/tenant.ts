/**
 * Test tenants with unique names, so test files and tests never depend on each other's data, and tRPC
 * callers acting as a given user (through the real router, middleware included).
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { memberships, organizations, users, type MembershipRole } from "@/db/schema";
import { createCaller } from "@/server/routers/_app";
import { hashPassword } from "@/server/services/passwords";
import { createSession } from "@/server/services/sessions";
import type { OrgScope } from "@/server/services/scope";

export const TEST_PASSWORD = "test-password-123";
let cachedHash: string | undefined;

export interface TestUser {
  id: string;
  email: string;
  name: string;
}

export interface TestTenant {
  organization: { id: string; slug: string; name: string };
  admin: TestUser;
  clinician: TestUser;
  executive: TestUser;
  /** The scope an admin's service calls take. */
  adminScope: OrgScope;
}

export function uniqueSuffix(): string {
  return randomBytes(5).toString("hex");
}

export async function createUser(db: Db, label: string): Promise<TestUser> {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const suffix = uniqueSuffix();
  const [user] = await db
    .insert(users)
    .values({ email: `${label}-${suffix}@example.test`, name: `${label} ${suffix}`, passwordHash: cachedHash })
    .returning({ id: users.id, email: users.email, name: users.name });
  return user!;
}

export async function addMembership(db: Db, organizationId: string, userId: string, role: MembershipRole) {
  const [m] = await db.insert(memberships).values({ organizationId, userId, role }).returning();
  return m!;
}

/** An organization with one admin, one clinician and one executive. */
export async function createTestTenant(db: Db, label = "org"): Promise<TestTenant> {
  const suffix = uniqueSuffix();
  const [organization] = await db
    .insert(organizations)
    .values({ slug: `${label}-${suffix}`, name: `${label} ${suffix}` })
    .returning({ id: organizations.id, slug: organizations.slug, name: organizations.name });
  const org = organization!;
  const [admin, clinician, executive] = await Promise.all([
    createUser(db, "admin"),
    createUser(db, "clinician"),
    createUser(db, "executive"),
  ]);
  await addMembership(db, org.id, admin.id, "admin");
  await addMembership(db, org.id, clinician.id, "clinician");
  await addMembership(db, org.id, executive.id, "executive");
  return { organization: org, admin, clinician, executive, adminScope: { organizationId: org.id, actorUserId: admin.id, ip: "127.0.0.1" } };
}

/**
 * A tRPC caller signed in as `user` (or anonymous when null): a fresh server-side session, created on the
 * caller's first call, unless `sessionId` names an existing one (to test what ending it does).
 */
export function callerAs(db: Db, user: TestUser | null, sessionId?: string) {
  let session: Promise<string> | undefined;
  return createCaller(async () => {
    if (user) session ??= sessionId ? Promise.resolve(sessionId) : createSession(db, { userId: user.id, ip: "127.0.0.1", userAgent: "vitest" });
    return {
      db,
      databaseKind: "postgres" as const,
      session: user ? { userId: user.id, sessionId: await session! } : null,
      ip: "127.0.0.1",
    };
  });
}
