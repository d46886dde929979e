/**
 * Account security: invitations to join an organization, server-side sessions, password resets.
 * Tokens are never stored, only their SHA-256 (a database leak does not hand out working links).
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, foreignKey, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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

/**
 * One row per sign-in. The session cookie (a JWT) carries the row's id, and every request checks that the
 * row is still there, unrevoked and unexpired, so signing out, a password change or reset, and removal
 * from an organization end the session on the server: a copied cookie stops working.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Updated at most once a minute by the request check. */
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    ip: text(),
    userAgent: text(),
    /** When this session passed a second factor (at sign-in, or by enrolling): what "admins must use two-factor" asks. */
    twoFactorVerifiedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId, t.createdAt),
    foreignKey({ name: "sessions_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
  ],
);

/** A password reset link: single use, 1 hour; using it ends every session of the user. */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("password_reset_tokens_token_hash_key").on(t.tokenHash),
    index("password_reset_tokens_user_idx").on(t.userId),
    foreignKey({ name: "password_reset_tokens_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
  ],
);

export type Session = typeof sessions.$inferSelect;

/**
 * A user's TOTP authenticator (RFC 6238). The secret is encrypted at rest (AES-256-GCM, key derived from
 * NEXTAUTH_SECRET). Pending (enabledAt null) until the user confirms a first code.
 */
export const twoFactorCredentials = pgTable(
  "two_factor_credentials",
  {
    userId: uuid().primaryKey(),
    secretEncrypted: text().notNull(),
    enabledAt: timestamp({ withTimezone: true }),
    /** The last accepted code's time step: a code is accepted once (no replay within its 30 s window). */
    lastUsedTimeStep: bigint({ mode: "number" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [foreignKey({ name: "two_factor_credentials_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade")],
);

/** One-time recovery codes (10 at enrolment, shown once), SHA-256 at rest. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull(),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("recovery_codes_user_code_key").on(t.userId, t.codeHash),
    foreignKey({ name: "recovery_codes_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
  ],
);

/** The user's own sign-in history (account page); the same events go to each organization's audit log. */
export const signInEvents = pgTable(
  "sign_in_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    userId: uuid().notNull(),
    /** signed_in, password_failed, locked_out, two_factor_failed, recovery_code_used. */
    kind: text().notNull(),
    ip: text(),
    userAgent: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sign_in_events_user_at_idx").on(t.userId, t.at),
    foreignKey({ name: "sign_in_events_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
  ],
);
