/**
 * Account security: invitations to join an organization. Tokens are never stored, only their SHA-256
 * (a database leak does not hand out working links).
 */
import { sql } from "drizzle-orm";
import { foreignKey, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { membershipRole, organizations, users } from "./tenancy";

/**
 * An admin's invitation of an email to the organization with a role. Pending until accepted, revoked or
 * expired (7 days); resending replaces the token and the expiry. At most one pending per email.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    /** Lower-cased. */
    email: text().notNull(),
    role: membershipRole().notNull(),
    /** SHA-256 (hex) of the single-use token sent by email. */
    tokenHash: text().notNull(),
    invitedByUserId: uuid(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedByUserId: uuid(),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    uniqueIndex("invitations_organization_pending_email_key")
      .on(t.organizationId, t.email)
      .where(sql`${t.acceptedAt} IS NULL AND ${t.revokedAt} IS NULL`),
    index("invitations_organization_created_idx").on(t.organizationId, t.createdAt),
    foreignKey({ name: "invitations_organization_fk", columns: [t.organizationId], foreignColumns: [organizations.id] }).onDelete("cascade"),
    foreignKey({ name: "invitations_invited_by_fk", columns: [t.invitedByUserId], foreignColumns: [users.id] }).onDelete("set null"),
    foreignKey({ name: "invitations_accepted_by_fk", columns: [t.acceptedByUserId], foreignColumns: [users.id] }).onDelete("set null"),
  ],
);

export type Invitation = typeof invitations.$inferSelect;
