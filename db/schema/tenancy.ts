/**
 * Users, organizations (tenants) and memberships. A user may belong to several organizations, with one
 * role in each: admin (manages the organization), clinician (sees and edits only their own data),
 * executive (reads everything, changes nothing).
 */
import { sql } from "drizzle-orm";
import { bigserial, boolean, foreignKey, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { MEMBERSHIP_ROLES } from "./roles";

export { MEMBERSHIP_ROLES, type MembershipRole } from "./roles";
export const membershipRole = pgEnum("membership_role", MEMBERSHIP_ROLES);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stored lower-cased; sign-in compares lower-cased input. */
    email: text().notNull(),
    name: text().notNull(),
    /** argon2id PHC string. */
    passwordHash: text().notNull(),
    /** Sessions issued before this moment are no longer accepted (set when the password changes). */
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

export const organizations = pgTable(
  "organizations",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** URL name, unique across the installation: /o/<slug>. */
    slug: text().notNull(),
    name: text().notNull(),
    /** "Admins must use two-factor": an admin's session without a second factor is refused in this organization. */
    requireAdminTwoFactor: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("organizations_slug_key").on(t.slug)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    userId: uuid().notNull(),
    role: membershipRole().notNull(),
    /** Optimistic concurrency: every update bumps it; an update against a stale version is refused. */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("memberships_organization_user_key").on(t.organizationId, t.userId),
    index("memberships_user_idx").on(t.userId),
    foreignKey({ name: "memberships_organization_fk", columns: [t.organizationId], foreignColumns: [organizations.id] }).onDelete("cascade"),
    foreignKey({ name: "memberships_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
  ],
);

/** Every sign-in attempt, to slow down guessing per email and per IP (not tenant-owned). */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    email: text().notNull(),
    ip: text().notNull(),
    succeeded: boolean().notNull(),
    attemptedAt: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    index("sign_in_attempts_email_idx").on(t.email, t.attemptedAt),
    index("sign_in_attempts_ip_idx").on(t.ip, t.attemptedAt),
  ],
);

export type User = typeof users.$inferSelect;
export type Organization = typeof organizations.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
