/**
 * The roster: TINs, clinicians (NPIs), which clinician bills under which TIN and since when, per
 * performance year the special statuses and low-volume figures of each TIN/NPI pair, hardship
 * applications and virtual groups. Rules: ../shared/domain/mips-rules.md sections 1-5.
 *
 * Eligibility and reweighting are never stored: they are computed live by lib/mips from these facts.
 * Every table is tenant-owned (organization_id leads its keys). References between roster tables go
 * through composite foreign keys (organization_id, id), so a row can never point into another tenant.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { CLINICIAN_TYPES, HARDSHIP_STATUSES } from "../../lib/mips/submission";
import { HARDSHIP_REASONS } from "../../lib/mips/reweighting";
import { EXTREME_CIRCUMSTANCE_KINDS } from "../../lib/roster/schemas";
import { organizations, users } from "./tenancy";

export const clinicianType = pgEnum("clinician_type", CLINICIAN_TYPES);
export const hardshipStatus = pgEnum("hardship_status", HARDSHIP_STATUSES);
export const hardshipReason = pgEnum("hardship_reason", HARDSHIP_REASONS);
/** Extreme and uncontrollable circumstances: the kinds CMS lists (2018 application). */
export const extremeCircumstanceKind = pgEnum("extreme_circumstance_kind", EXTREME_CIRCUMSTANCE_KINDS);

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/** A TIN (Taxpayer Identification Number): a billing entity. 9 digits, stored without the dash. */
export const tins = pgTable(
  "tins",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    tin: text().notNull(),
    name: text().notNull(),
    /** Archived TINs leave lists and status computations but keep their history. */
    archivedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("tins_organization_tin_key").on(t.organizationId, t.tin),
    unique("tins_organization_id_key").on(t.organizationId, t.id),
    index("tins_organization_name_idx").on(t.organizationId, t.name),
    check("tins_tin_digits_check", sql`${t.tin} ~ '^[0-9]{9}$'`),
    foreignKey({ name: "tins_organization_fk", columns: [t.organizationId], foreignColumns: [organizations.id] }).onDelete("cascade"),
  ],
);

/** A clinician (NPI). The same NPI in two organizations is two independent records. */
export const clinicians = pgTable(
  "clinicians",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    npi: text().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    clinicianType: clinicianType().notNull(),
    specialty: text(),
    /** The user (with the clinician role in this organization) who sees this record as their own. */
    userId: uuid(),
    archivedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("clinicians_organization_npi_key").on(t.organizationId, t.npi),
    unique("clinicians_organization_id_key").on(t.organizationId, t.id),
    uniqueIndex("clinicians_organization_user_key").on(t.organizationId, t.userId),
    index("clinicians_organization_name_idx").on(t.organizationId, t.lastName, t.firstName),
    index("clinicians_organization_type_idx").on(t.organizationId, t.clinicianType),
    check("clinicians_npi_digits_check", sql`${t.npi} ~ '^[12][0-9]{9}$'`),
    foreignKey({ name: "clinicians_organization_fk", columns: [t.organizationId], foreignColumns: [organizations.id] }).onDelete("cascade"),
    foreignKey({ name: "clinicians_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("set null"),
  ],
);

/** A clinician billing under a TIN (reassignment), from a start date to an optional end date. */
export const tinMemberships = pgTable(
  "tin_memberships",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    tinId: uuid().notNull(),
    clinicianId: uuid().notNull(),
    startDate: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("tin_memberships_organization_tin_clinician_key").on(t.organizationId, t.tinId, t.clinicianId),
    unique("tin_memberships_organization_id_key").on(t.organizationId, t.id),
    index("tin_memberships_organization_clinician_idx").on(t.organizationId, t.clinicianId),
    check("tin_memberships_dates_check", sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
    foreignKey({ name: "tin_memberships_tin_fk", columns: [t.organizationId, t.tinId], foreignColumns: [tins.organizationId, tins.id] }).onDelete("cascade"),
    foreignKey({
      name: "tin_memberships_clinician_fk",
      columns: [t.organizationId, t.clinicianId],
      foreignColumns: [clinicians.organizationId, clinicians.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Per TIN/NPI pair and performance year: special statuses (section 4), the low-volume figures (allowed
 * charges in cents, Part B beneficiaries: integers), newly enrolled, Advanced APM QP. Small practice is
 * derived from the TIN's clinicians, not stored.
 */
export const membershipYears = pgTable(
  "membership_years",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    membershipId: uuid().notNull(),
    performanceYear: integer().notNull(),
    nonPatientFacing: boolean().notNull().default(false),
    hospitalBased: boolean().notNull().default(false),
    ascBased: boolean().notNull().default(false),
    rural: boolean().notNull().default(false),
    hpsa: boolean().notNull().default(false),
    allowedChargesCents: bigint({ mode: "number" }).notNull().default(0),
    partBBeneficiaries: integer().notNull().default(0),
    newlyEnrolled: boolean().notNull().default(false),
    advancedApmQp: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("membership_years_organization_membership_year_key").on(t.organizationId, t.membershipId, t.performanceYear),
    check("membership_years_figures_check", sql`${t.allowedChargesCents} >= 0 AND ${t.partBBeneficiaries} >= 0`),
    foreignKey({
      name: "membership_years_membership_fk",
      columns: [t.organizationId, t.membershipId],
      foreignColumns: [tinMemberships.organizationId, tinMemberships.id],
    }).onDelete("cascade"),
  ],
);

/**
 * A hardship exception application for the PI category (section 5), for one clinician under a TIN
 * (clinician_id set) or for a whole TIN (clinician_id null), in one performance year, as filed with CMS
 * (date, reason, CMS's reference). CMS decides: `status` stays pending until CMS's decision is recorded
 * (approved or dismissed, the day CMS decided, CMS's reference). Only an approved application counts
 * for reweighting.
 */
export const hardshipApplications = pgTable(
  "hardship_applications",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    tinId: uuid().notNull(),
    clinicianId: uuid(),
    performanceYear: integer().notNull(),
    reason: hardshipReason().notNull(),
    /** Only for extreme and uncontrollable circumstances. */
    circumstanceKind: extremeCircumstanceKind(),
    circumstanceStart: date({ mode: "string" }),
    circumstanceEnd: date({ mode: "string" }),
    filedOn: date({ mode: "string" }).notNull(),
    /** The reference CMS gave the application when it was filed (QPP application id), when known. */
    cmsReference: text(),
    /** pending until CMS's decision is recorded. */
    status: hardshipStatus().notNull().default("pending"),
    /** The day CMS decided (approved or dismissed); null while pending. */
    decidedOn: date({ mode: "string" }),
    /** CMS's reference for its decision (letter or case number), when given. */
    decisionReference: text(),
    notes: text(),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("hardship_applications_organization_tin_year_idx").on(t.organizationId, t.tinId, t.performanceYear),
    index("hardship_applications_organization_clinician_idx").on(t.organizationId, t.clinicianId),
    index("hardship_applications_organization_year_status_idx").on(t.organizationId, t.performanceYear, t.status),
    // The same pending application (TIN or TIN/NPI, year, reason) cannot be filed twice: CMS decides it once.
    uniqueIndex("hardship_applications_pending_unique")
      .on(t.organizationId, t.tinId, sql`coalesce(${t.clinicianId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.performanceYear, t.reason)
      .where(sql`${t.status} = 'pending'`),
    check("hardship_applications_decision_check", sql`(${t.status} = 'pending') = (${t.decidedOn} IS NULL) AND (${t.decidedOn} IS NULL OR ${t.decidedOn} >= ${t.filedOn})`),
    foreignKey({ name: "hardship_applications_tin_fk", columns: [t.organizationId, t.tinId], foreignColumns: [tins.organizationId, tins.id] }).onDelete("cascade"),
    foreignKey({
      name: "hardship_applications_clinician_fk",
      columns: [t.organizationId, t.clinicianId],
      foreignColumns: [clinicians.organizationId, clinicians.id],
    }).onDelete("cascade"),
  ],
);

/** A virtual group (from 2018): two or more small TINs electing to report together for a year. */
export const virtualGroups = pgTable(
  "virtual_groups",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    performanceYear: integer().notNull(),
    name: text().notNull(),
    /** The virtual group identifier CMS assigns at election (opaque, e.g. `x12345`). */
    cmsId: text(),
    electionDate: date({ mode: "string" }).notNull(),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("virtual_groups_organization_year_name_key").on(t.organizationId, t.performanceYear, t.name),
    unique("virtual_groups_organization_id_year_key").on(t.organizationId, t.id, t.performanceYear),
    foreignKey({ name: "virtual_groups_organization_fk", columns: [t.organizationId], foreignColumns: [organizations.id] }).onDelete("cascade"),
  ],
);

/** A member TIN of a virtual group. The year is repeated so that "one virtual group per TIN and year" is a key. */
export const virtualGroupTins = pgTable(
  "virtual_group_tins",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    virtualGroupId: uuid().notNull(),
    tinId: uuid().notNull(),
    performanceYear: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("virtual_group_tins_organization_tin_year_key").on(t.organizationId, t.tinId, t.performanceYear),
    index("virtual_group_tins_organization_group_idx").on(t.organizationId, t.virtualGroupId),
    foreignKey({
      name: "virtual_group_tins_group_fk",
      columns: [t.organizationId, t.virtualGroupId, t.performanceYear],
      foreignColumns: [virtualGroups.organizationId, virtualGroups.id, virtualGroups.performanceYear],
    }).onDelete("cascade"),
    foreignKey({ name: "virtual_group_tins_tin_fk", columns: [t.organizationId, t.tinId], foreignColumns: [tins.organizationId, tins.id] }).onDelete("cascade"),
  ],
);

export type Tin = typeof tins.$inferSelect;
export type Clinician = typeof clinicians.$inferSelect;
export type TinMembership = typeof tinMemberships.$inferSelect;
export type MembershipYear = typeof membershipYears.$inferSelect;
export type HardshipApplication = typeof hardshipApplications.$inferSelect;
export type VirtualGroup = typeof virtualGroups.$inferSelect;
export type VirtualGroupTin = typeof virtualGroupTins.$inferSelect;
