/**
 * Clinicians (NPIs) of an organization: list with search, filters (TIN, type, eligibility, reweighting)
 * and pagination in SQL, statuses of the page computed live in one batch; read; create; edit; archive;
 * link to a user with the clinician role. NPI (check digit) unique within the organization.
 */
import { and, asc, count, eq, ilike, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinicians, memberships, users, type MembershipRole } from "@/db/schema";
import type { ClinicianType } from "@/lib/mips";
import { AppError } from "@/lib/errors";
import { recordAudit } from "../audit";
import { requireOrganizationRecords } from "../organization-records";
import type { OrgScope } from "../scope";
import { membershipMatches, type EligibilityFilter, type ReweightingFilter } from "./clinician-filters";
import { assertVersion, isUniqueViolation, notFound } from "./guards";
import { clinicianStatuses } from "./status";
import { escapeLike } from "./tins";

const clinicianColumns = {
  id: clinicians.id,
  npi: clinicians.npi,
  firstName: clinicians.firstName,
  lastName: clinicians.lastName,
  clinicianType: clinicians.clinicianType,
  specialty: clinicians.specialty,
  userId: clinicians.userId,
  archivedAt: clinicians.archivedAt,
  version: clinicians.version,
  createdAt: clinicians.createdAt,
  updatedAt: clinicians.updatedAt,
};

/** Who is asking: a clinician-role member only ever sees their own record. */
export interface Viewer {
  role: MembershipRole;
  userId: string | null;
}

export interface ListCliniciansParams {
  search?: string | null | undefined;
  tinId?: string | undefined;
  clinicianType?: ClinicianType | undefined;
  eligibility?: EligibilityFilter | undefined;
  reweighting?: ReweightingFilter | undefined;
  performanceYear: number;
  includeArchived?: boolean;
  page: number;
  pageSize: number;
}

/** One page of clinicians matching the filters (in SQL), each with its statuses under every TIN in the year. */
export async function listClinicians(db: Db, scope: OrgScope, viewer: Viewer, params: ListCliniciansParams) {
  await requireOrganizationRecords(db, scope, { tinId: params.tinId });
  const search = params.search?.trim();
  const needsMembership = params.tinId || params.eligibility || params.reweighting;
  const where = and(
    eq(clinicians.organizationId, scope.organizationId),
    viewer.role === "clinician" ? (viewer.userId ? eq(clinicians.userId, viewer.userId) : sql`false`) : undefined,
    params.includeArchived ? undefined : isNull(clinicians.archivedAt),
    params.clinicianType ? eq(clinicians.clinicianType, params.clinicianType) : undefined,
    search
      ? or(
          ilike(clinicians.lastName, `%${escapeLike(search)}%`),
          ilike(clinicians.firstName, `%${escapeLike(search)}%`),
          sql`(${clinicians.firstName} || ' ' || ${clinicians.lastName}) ILIKE ${`%${escapeLike(search)}%`}`,
          /^\d+$/.test(search) ? ilike(clinicians.npi, `${search}%`) : undefined,
        )
      : undefined,
    needsMembership ? membershipMatches(scope, params.performanceYear, params) : undefined,
  );
  const [rows, totals] = await Promise.all([
    db
      .select(clinicianColumns)
      .from(clinicians)
      .where(where)
      .orderBy(asc(clinicians.lastName), asc(clinicians.firstName), asc(clinicians.npi))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(clinicians).where(where),
  ]);
  const statuses = await clinicianStatuses(db, scope, { clinicianIds: rows.map((r) => r.id) }, params.performanceYear, { countSubmittedData: true });
  return {
    clinicians: rows.map((r) => ({ ...r, tins: statuses.filter((s) => s.clinicianId === r.id) })),
    total: totals[0]?.total ?? 0,
    page: params.page,
    pageSize: params.pageSize,
  };
}

function forbiddenForClinician(): AppError {
  return new AppError("FORBIDDEN", "As a clinician you can see your own clinician record only.");
}

/** A clinician with their TIN memberships and statuses in the year. Clinician-role viewers: their own only. */
export async function getClinician(db: Db, scope: OrgScope, viewer: Viewer, params: { clinicianId: string; performanceYear: number }) {
  const [row] = await db
    .select({ ...clinicianColumns, userEmail: users.email, userName: users.name })
    .from(clinicians)
    .leftJoin(users, eq(users.id, clinicians.userId))
    .where(and(eq(clinicians.id, params.clinicianId), eq(clinicians.organizationId, scope.organizationId)));
  if (!row) throw notFound("clinician");
  if (viewer.role === "clinician" && row.userId !== viewer.userId) throw forbiddenForClinician();
  const statuses = await clinicianStatuses(db, scope, { clinicianIds: [row.id] }, params.performanceYear, { countSubmittedData: true });
  return { ...row, tins: statuses };
}

/** The clinician record linked to a user in this organization (for a clinician's "my record" link). */
export async function clinicianOfUser(db: Db, scope: OrgScope, userId: string) {
  const [row] = await db
    .select({ id: clinicians.id, firstName: clinicians.firstName, lastName: clinicians.lastName, npi: clinicians.npi })
    .from(clinicians)
    .where(and(eq(clinicians.organizationId, scope.organizationId), eq(clinicians.userId, userId)));
  return row ?? null;
}

/** At most this many users in the "linked user" picker (a health system has thousands of clinician users). */
export const CLINICIAN_USER_OPTIONS_LIMIT = 500;

/**
 * The "linked user" picker: members with the clinician role that no clinician record of the organization
 * links yet (the database allows one record per user), by name, at most CLINICIAN_USER_OPTIONS_LIMIT of them
 * (`more` says some were left out). Editing a record (`clinicianId`), the user it links comes first, so the
 * form never shows it unlinked; another organization's record is NOT_FOUND.
 */
export async function clinicianUserOptions(db: Db, scope: OrgScope, params: { clinicianId?: string | undefined } = {}) {
  await requireOrganizationRecords(db, scope, { clinicianId: params.clinicianId });
  const linkedHere = params.clinicianId ? eq(clinicians.id, params.clinicianId) : sql`false`;
  const rows = await db
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(clinicians, and(eq(clinicians.organizationId, scope.organizationId), eq(clinicians.userId, users.id)))
    .where(and(eq(memberships.organizationId, scope.organizationId), eq(memberships.role, "clinician"), or(isNull(clinicians.id), linkedHere)))
    // Past the filter, a linked record can only be the edited one: it sorts first.
    .orderBy(sql`(${clinicians.id} is not null) desc`, asc(users.name), asc(users.email))
    .limit(CLINICIAN_USER_OPTIONS_LIMIT + 1);
  return { options: rows.slice(0, CLINICIAN_USER_OPTIONS_LIMIT), more: rows.length > CLINICIAN_USER_OPTIONS_LIMIT };
}

export interface ClinicianParams {
  npi: string;
  firstName: string;
  lastName: string;
  clinicianType: ClinicianType;
  specialty?: string | null | undefined;
  userId?: string | null | undefined;
}

function duplicateNpi(npi: string): AppError {
  return new AppError("CONFLICT", `NPI ${npi} is already in this organization's roster.`, [{ path: "npi", message: `NPI ${npi} already exists; edit that clinician instead` }]);
}

async function checkClinician(tx: Db, scope: OrgScope, params: ClinicianParams, exceptId?: string) {
  await requireOrganizationRecords(tx, scope, { userId: params.userId });
  const [sameNpi] = await tx
    .select({ id: clinicians.id })
    .from(clinicians)
    .where(and(eq(clinicians.organizationId, scope.organizationId), eq(clinicians.npi, params.npi), exceptId ? ne(clinicians.id, exceptId) : undefined));
  if (sameNpi) throw duplicateNpi(params.npi);
  if (params.userId) {
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, scope.organizationId), eq(memberships.userId, params.userId)));
    if (!member || member.role !== "clinician") {
      throw new AppError("BAD_INPUT", "Only a member with the clinician role can be linked to a clinician record.", [
        { path: "userId", message: "choose a member of this organization with the clinician role" },
      ]);
    }
    const [linked] = await tx
      .select({ id: clinicians.id, npi: clinicians.npi })
      .from(clinicians)
      .where(and(eq(clinicians.organizationId, scope.organizationId), eq(clinicians.userId, params.userId), exceptId ? ne(clinicians.id, exceptId) : undefined));
    if (linked) {
      throw new AppError("CONFLICT", `That user is already linked to the clinician with NPI ${linked.npi}.`, [
        { path: "userId", message: `already linked to NPI ${linked.npi}; unlink it there first` },
      ]);
    }
  }
}

function values(params: ClinicianParams) {
  return {
    npi: params.npi,
    firstName: params.firstName,
    lastName: params.lastName,
    clinicianType: params.clinicianType,
    specialty: params.specialty ?? null,
    userId: params.userId ?? null,
  };
}

export async function createClinician(db: Db, scope: OrgScope, params: ClinicianParams) {
  try {
    return await db.transaction(async (tx) => {
      await checkClinician(tx, scope, params);
      const [row] = await tx.insert(clinicians).values({ organizationId: scope.organizationId, ...values(params) }).returning(clinicianColumns);
      await recordAudit(tx, scope, { action: "clinician.created", targetType: "clinician", targetId: row!.id, after: values(params) });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateNpi(params.npi);
    throw error;
  }
}

async function lockClinician(tx: Db, scope: OrgScope, clinicianId: string) {
  const [row] = await tx
    .select(clinicianColumns)
    .from(clinicians)
    .where(and(eq(clinicians.id, clinicianId), eq(clinicians.organizationId, scope.organizationId)))
    .for("update");
  if (!row) throw notFound("clinician");
  return row;
}

export async function updateClinician(db: Db, scope: OrgScope, params: ClinicianParams & { clinicianId: string; expectedVersion: number }) {
  try {
    return await db.transaction(async (tx) => {
      const current = await lockClinician(tx, scope, params.clinicianId);
      await assertVersion(tx, scope, current, params.expectedVersion, "clinician", "clinician");
      await checkClinician(tx, scope, params, current.id);
      const [row] = await tx
        .update(clinicians)
        .set({ ...values(params), version: sql`${clinicians.version} + 1`, updatedAt: new Date() })
        .where(and(eq(clinicians.id, current.id), eq(clinicians.organizationId, scope.organizationId)))
        .returning(clinicianColumns);
      const { id: _id, version: _v, createdAt: _c, updatedAt: _u, archivedAt: _a, ...before } = current;
      await recordAudit(tx, scope, { action: "clinician.updated", targetType: "clinician", targetId: current.id, before, after: values(params) });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateNpi(params.npi);
    throw error;
  }
}

export async function archiveClinician(db: Db, scope: OrgScope, params: { clinicianId: string; expectedVersion: number; archived: boolean }) {
  return db.transaction(async (tx) => {
    const current = await lockClinician(tx, scope, params.clinicianId);
    await assertVersion(tx, scope, current, params.expectedVersion, "clinician", "clinician");
    const archivedAt = params.archived ? new Date() : null;
    const [row] = await tx
      .update(clinicians)
      .set({ archivedAt, version: sql`${clinicians.version} + 1`, updatedAt: new Date() })
      .where(and(eq(clinicians.id, current.id), eq(clinicians.organizationId, scope.organizationId)))
      .returning(clinicianColumns);
    await recordAudit(tx, scope, {
      action: params.archived ? "clinician.archived" : "clinician.restored",
      targetType: "clinician",
      targetId: current.id,
      before: { archivedAt: current.archivedAt },
      after: { archivedAt },
    });
    return row!;
  });
}
