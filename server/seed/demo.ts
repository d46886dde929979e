/**
 * Demo data for the embedded database and for `npm run db:seed` on a local Postgres. The logins are
 * printed in the README. Uses the same services as the app, so the audit log shows the seed's changes.
 */
import { count } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, organizations, users, type MembershipRole } from "@/db/schema";
import { hashPassword } from "../services/passwords";
import { recordAudit } from "../services/audit";
import { seedRoster } from "./roster";
import { seedCehrt } from "./cehrt";
import { seedRecentYears } from "./recent-years";

export const DEMO_PASSWORD = "demo-password-2018";

export const DEMO_ORGANIZATION = { slug: "riverside", name: "Riverside Medical Group" };
/** A second tenant, so the demo shows that organizations never see each other. */
export const OTHER_DEMO_ORGANIZATION = { slug: "lakeside", name: "Lakeside Health Partners" };

export const DEMO_USERS: { email: string; name: string; role: MembershipRole; organization: string }[] = [
  { email: "admin@riverside.test", name: "Alex Admin", role: "admin", organization: "riverside" },
  { email: "exec@riverside.test", name: "Erin Executive", role: "executive", organization: "riverside" },
  { email: "clinician@riverside.test", name: "Dr. Casey Clinician", role: "clinician", organization: "riverside" },
  { email: "admin@lakeside.test", name: "Lee Lakeside", role: "admin", organization: "lakeside" },
];

export async function seedDemo(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const orgs = await tx.insert(organizations).values([DEMO_ORGANIZATION, OTHER_DEMO_ORGANIZATION]).returning();
    const orgBySlug = new Map(orgs.map((o) => [o.slug, o]));
    const created = await tx
      .insert(users)
      .values(DEMO_USERS.map((u) => ({ email: u.email, name: u.name, passwordHash })))
      .returning();
    for (const [i, u] of DEMO_USERS.entries()) {
      const org = orgBySlug.get(u.organization)!;
      const [m] = await tx
        .insert(memberships)
        .values({ organizationId: org.id, userId: created[i]!.id, role: u.role })
        .returning();
      await recordAudit(tx, { organizationId: org.id, actorUserId: null, ip: null }, {
        action: "member.added",
        targetType: "membership",
        targetId: m!.id,
        after: { email: u.email, name: u.name, role: u.role, source: "demo seed" },
      });
    }
    const clinicianUser = created[DEMO_USERS.findIndex((u) => u.role === "clinician")]!;
    await seedRoster(tx, { riversideId: orgBySlug.get("riverside")!.id, lakesideId: orgBySlug.get("lakeside")!.id, clinicianUserId: clinicianUser.id });
    await seedCehrt(tx, { riversideId: orgBySlug.get("riverside")!.id });
    await seedRecentYears(tx, { riversideId: orgBySlug.get("riverside")!.id });
  });
}

/** Seeds the demo when the database has no user yet; returns whether it did. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return false;
  await seedDemo(db);
  return true;
}
