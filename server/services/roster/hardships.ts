/**
 * Hardship exception applications for the PI category (rules section 5): per clinician under a TIN or
 * per whole TIN, per performance year. The practice records what it filed with CMS (date, reason, CMS's
 * reference), by December 31 of the performance year (later is refused, saying why). CMS decides: the
 * application stays pending until CMS's decision is recorded (approved or dismissed, the day CMS
 * decided, CMS's reference); a decision recorded by mistake can be cleared. Only approved counts.
 * "Today" is a parameter, so the date rules are testable.
 */
import { and, asc, count, desc, eq, isNull, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinicians, hardshipApplications, tinMemberships, tins, type HardshipApplication } from "@/db/schema";
import { formatTin } from "@/lib/mips/identifiers";
import { AppError, badInput } from "@/lib/errors";
import { isUniqueViolation } from "../cehrt/access";
import type { HardshipFields } from "@/lib/roster/schemas";
import { isoDay } from "@/lib/roster/values";
import { recordAudit } from "../audit";
import { requireOrganizationRecords } from "../organization-records";
import type { OrgScope } from "../scope";
import { assertVersion, notFound } from "./guards";

/** Applications for a performance year are due by December 31 of that year. */
export function hardshipDeadline(performanceYear: number): string {
  return `${performanceYear}-12-31`;
}

const columns = {
  id: hardshipApplications.id,
  tinId: hardshipApplications.tinId,
  clinicianId: hardshipApplications.clinicianId,
  performanceYear: hardshipApplications.performanceYear,
  reason: hardshipApplications.reason,
  circumstanceKind: hardshipApplications.circumstanceKind,
  circumstanceStart: hardshipApplications.circumstanceStart,
  circumstanceEnd: hardshipApplications.circumstanceEnd,
  filedOn: hardshipApplications.filedOn,
  cmsReference: hardshipApplications.cmsReference,
  status: hardshipApplications.status,
  decidedOn: hardshipApplications.decidedOn,
  decisionReference: hardshipApplications.decisionReference,
  notes: hardshipApplications.notes,
  version: hardshipApplications.version,
};

export interface ListHardshipsParams {
  performanceYear?: number | undefined;
  status?: HardshipApplication["status"] | undefined;
  tinId?: string | undefined;
  clinicianId?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listHardships(db: Db, scope: OrgScope, params: ListHardshipsParams) {
  await requireOrganizationRecords(db, scope, { tinId: params.tinId, clinicianId: params.clinicianId });
  const filters: (SQL | undefined)[] = [
    params.performanceYear ? eq(hardshipApplications.performanceYear, params.performanceYear) : undefined,
    params.status ? eq(hardshipApplications.status, params.status) : undefined,
    params.tinId ? eq(hardshipApplications.tinId, params.tinId) : undefined,
    params.clinicianId ? eq(hardshipApplications.clinicianId, params.clinicianId) : undefined,
  ];
  const where = and(eq(hardshipApplications.organizationId, scope.organizationId), ...filters);
  const [rows, totals] = await Promise.all([
    db
      .select({ ...columns, tin: tins.tin, tinName: tins.name, npi: clinicians.npi, firstName: clinicians.firstName, lastName: clinicians.lastName })
      .from(hardshipApplications)
      .innerJoin(tins, and(eq(tins.id, hardshipApplications.tinId), eq(tins.organizationId, scope.organizationId)))
      .leftJoin(clinicians, and(eq(clinicians.id, hardshipApplications.clinicianId), eq(clinicians.organizationId, scope.organizationId)))
      .where(where)
      .orderBy(desc(hardshipApplications.performanceYear), asc(tins.name), desc(hardshipApplications.filedOn), asc(hardshipApplications.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(hardshipApplications).where(where),
  ]);
  return {
    hardships: rows.map((r) => ({ ...r, tinDisplay: formatTin(r.tin), deadline: hardshipDeadline(r.performanceYear) })),
    total: totals[0]?.total ?? 0,
    page: params.page,
    pageSize: params.pageSize,
  };
}

/** Files (records) an application. `now` is today; the filing date defaults to it. */
function duplicatePending(year: number, filedOn: string | null): AppError {
  return new AppError(
    "CONFLICT",
    `The same application (same TIN or TIN/NPI, ${year}, same reason) is already pending with CMS${filedOn ? `, filed on ${filedOn}` : ""}: record CMS's decision on it, or edit its notes, instead of filing it again.`,
  );
}

export async function fileHardship(db: Db, scope: OrgScope, params: HardshipFields & { now: Date }) {
  const today = isoDay(params.now);
  const filedOn = params.filedOn ?? today;
  const deadline = hardshipDeadline(params.performanceYear);
  if (filedOn > today) {
    throw badInput(`The filing date ${filedOn} is in the future; enter the day the application was filed (today is ${today}).`, [
      { path: "filedOn", message: `expected a date on or before today (${today})` },
    ]);
  }
  if (filedOn > deadline) {
    throw badInput(
      `Hardship applications for the ${params.performanceYear} performance year had to be filed by December 31, ${params.performanceYear} (CMS deadline); this one is dated ${filedOn}, so it cannot be accepted.`,
      [{ path: "filedOn", message: `expected a filing date on or before ${deadline}, the deadline for ${params.performanceYear}` }],
    );
  }
  return db.transaction(async (tx) => {
    const [tin] = await tx.select({ id: tins.id, tin: tins.tin }).from(tins).where(and(eq(tins.id, params.tinId), eq(tins.organizationId, scope.organizationId)));
    if (!tin) throw notFound("TIN");
    await requireOrganizationRecords(tx, scope, { clinicianId: params.clinicianId });
    // The clinician by id (the select) or by NPI (the TIN page's text field for a TIN of many clinicians).
    const memberOf = (clinician: SQL) =>
      tx
        .select({ clinicianId: clinicians.id, npi: clinicians.npi })
        .from(tinMemberships)
        .innerJoin(clinicians, and(eq(clinicians.id, tinMemberships.clinicianId), eq(clinicians.organizationId, scope.organizationId)))
        .where(and(eq(tinMemberships.organizationId, scope.organizationId), eq(tinMemberships.tinId, tin.id), clinician))
        .limit(1);
    let clinicianId: string | null = null;
    let npi: string | null = null;
    if (params.clinicianId) {
      const [member] = await memberOf(eq(tinMemberships.clinicianId, params.clinicianId));
      if (!member) {
        throw badInput(`That clinician does not bill under TIN ${formatTin(tin.tin)}.`, [{ path: "clinicianId", message: `choose a clinician of TIN ${formatTin(tin.tin)}, or none for the whole TIN` }]);
      }
      ({ clinicianId, npi } = member);
    } else if (params.clinicianNpi) {
      const [member] = await memberOf(eq(clinicians.npi, params.clinicianNpi));
      if (!member) {
        throw badInput(`No clinician with NPI ${params.clinicianNpi} bills under TIN ${formatTin(tin.tin)}.`, [
          { path: "clinicianNpi", message: `enter the NPI of a clinician of TIN ${formatTin(tin.tin)} (see the clinicians list), or leave it empty for the whole TIN` },
        ]);
      }
      ({ clinicianId, npi } = member);
    }
    const values = {
      tinId: tin.id,
      clinicianId,
      performanceYear: params.performanceYear,
      reason: params.reason,
      circumstanceKind: params.circumstanceKind ?? null,
      circumstanceStart: params.circumstanceStart ?? null,
      circumstanceEnd: params.circumstanceEnd ?? null,
      filedOn,
      cmsReference: params.cmsReference ?? null,
      notes: params.notes ?? null,
    };
    // CMS decides an application once: the same pending one (TIN or TIN/NPI, year, reason) is not filed twice.
    const [twin] = await tx
      .select({ filedOn: hardshipApplications.filedOn })
      .from(hardshipApplications)
      .where(
        and(
          eq(hardshipApplications.organizationId, scope.organizationId),
          eq(hardshipApplications.tinId, tin.id),
          clinicianId ? eq(hardshipApplications.clinicianId, clinicianId) : isNull(hardshipApplications.clinicianId),
          eq(hardshipApplications.performanceYear, params.performanceYear),
          eq(hardshipApplications.reason, params.reason),
          eq(hardshipApplications.status, "pending"),
        ),
      )
      .limit(1);
    if (twin) throw duplicatePending(params.performanceYear, twin.filedOn);
    const [row] = await tx
      .insert(hardshipApplications)
      .values({ organizationId: scope.organizationId, ...values, status: "pending" })
      .returning(columns)
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw duplicatePending(params.performanceYear, null);
        throw error;
      });
    await recordAudit(tx, scope, { action: "hardship.filed", targetType: "hardship_application", targetId: row!.id, after: { ...values, tin: tin.tin, npi, status: "pending" } });
    return row!;
  });
}

export interface RecordHardshipDecisionParams {
  hardshipId: string;
  expectedVersion: number;
  /** CMS's decision; "pending" clears a decision recorded by mistake (CMS has not decided). */
  decision: HardshipApplication["status"];
  /** The day CMS decided (on or after the filing date, not in the future). Required for a decision. */
  decidedOn?: string | null | undefined;
  decisionReference?: string | null | undefined;
  now: Date;
}

/** Records CMS's decision on an application (or clears a decision recorded by mistake). Audited. */
export async function recordHardshipDecision(db: Db, scope: OrgScope, params: RecordHardshipDecisionParams) {
  const today = isoDay(params.now);
  return db.transaction(async (tx) => {
    const current = await lockHardship(tx, scope, params.hardshipId, params.expectedVersion);
    const decided = params.decision !== "pending";
    const decidedOn = decided ? (params.decidedOn ?? null) : null;
    const decisionReference = decided ? (params.decisionReference ?? null) : null;
    if (decided && !decidedOn) throw badInput("Enter the day CMS decided.", [{ path: "decidedOn", message: "the date of CMS's decision is required (YYYY-MM-DD)" }]);
    if (decidedOn && decidedOn < current.filedOn) {
      throw badInput(`CMS's decision cannot be dated ${decidedOn}, before the application was filed on ${current.filedOn}.`, [
        { path: "decidedOn", message: `expected a date on or after the filing date ${current.filedOn}` },
      ]);
    }
    if (decidedOn && decidedOn > today) {
      throw badInput(`CMS's decision cannot be dated ${decidedOn}, in the future (today is ${today}).`, [{ path: "decidedOn", message: `expected a date on or before today (${today})` }]);
    }
    if (current.status === params.decision && current.decidedOn === decidedOn && current.decisionReference === decisionReference) return current;
    const [row] = await tx
      .update(hardshipApplications)
      .set({ status: params.decision, decidedOn, decisionReference, version: current.version + 1, updatedAt: new Date() })
      .where(and(eq(hardshipApplications.id, current.id), eq(hardshipApplications.organizationId, scope.organizationId)))
      .returning(columns)
      .catch((error: unknown) => {
        // Clearing a decision back to pending while the same application is pending again.
        if (isUniqueViolation(error)) throw duplicatePending(current.performanceYear, null);
        throw error;
      });
    await recordAudit(tx, scope, {
      action: decided ? `hardship.${params.decision}` : "hardship.decision_cleared",
      targetType: "hardship_application",
      targetId: current.id,
      before: { status: current.status, decidedOn: current.decidedOn, decisionReference: current.decisionReference },
      after: { status: params.decision, decidedOn, decisionReference },
    });
    return row!;
  });
}

/**
 * Records CMS's decision dated `now` (seeds and tests that do not care about the date; the app asks
 * for the day CMS decided, see `recordHardshipDecision`).
 */
export async function changeHardshipStatus(
  db: Db,
  scope: OrgScope,
  params: { hardshipId: string; status: HardshipApplication["status"]; expectedVersion: number; now: Date },
) {
  return recordHardshipDecision(db, scope, { hardshipId: params.hardshipId, expectedVersion: params.expectedVersion, decision: params.status, decidedOn: isoDay(params.now), now: params.now });
}

/** Updates what the practice knows about its filing: CMS's reference and the notes. Audited. */
export async function updateHardshipDetails(
  db: Db,
  scope: OrgScope,
  params: { hardshipId: string; expectedVersion: number; cmsReference?: string | null | undefined; notes?: string | null | undefined },
) {
  return db.transaction(async (tx) => {
    const current = await lockHardship(tx, scope, params.hardshipId, params.expectedVersion);
    const cmsReference = params.cmsReference === undefined ? current.cmsReference : params.cmsReference;
    const notes = params.notes === undefined ? current.notes : params.notes;
    if (cmsReference === current.cmsReference && notes === current.notes) return current;
    const [row] = await tx
      .update(hardshipApplications)
      .set({ cmsReference, notes, version: current.version + 1, updatedAt: new Date() })
      .where(and(eq(hardshipApplications.id, current.id), eq(hardshipApplications.organizationId, scope.organizationId)))
      .returning(columns);
    await recordAudit(tx, scope, {
      action: "hardship.updated",
      targetType: "hardship_application",
      targetId: current.id,
      before: { cmsReference: current.cmsReference, notes: current.notes },
      after: { cmsReference, notes },
    });
    return row!;
  });
}

async function lockHardship(tx: Db, scope: OrgScope, hardshipId: string, expectedVersion: number) {
  const [current] = await tx
    .select(columns)
    .from(hardshipApplications)
    .where(and(eq(hardshipApplications.id, hardshipId), eq(hardshipApplications.organizationId, scope.organizationId)))
    .for("update");
  if (!current) throw notFound("hardship application");
  await assertVersion(tx, scope, current, expectedVersion, "hardship_application", "hardship application");
  return current;
}

export async function getHardship(db: Db, scope: OrgScope, hardshipId: string) {
  const [row] = await db
    .select(columns)
    .from(hardshipApplications)
    .where(and(eq(hardshipApplications.id, hardshipId), eq(hardshipApplications.organizationId, scope.organizationId)));
  if (!row) throw notFound("hardship application");
  return row;
}

/**
 * Withdraws (deletes) an application that is still pending, e.g. recorded by mistake or withdrawn
 * before CMS decided. A decided application (approved or dismissed) is CMS's answer and stays on
 * record: reopen it first if it was recorded wrongly. Audited with the whole application as "before".
 */
export async function withdrawHardship(db: Db, scope: OrgScope, params: { hardshipId: string; expectedVersion: number }) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ ...columns, tin: tins.tin })
      .from(hardshipApplications)
      .innerJoin(tins, and(eq(tins.id, hardshipApplications.tinId), eq(tins.organizationId, scope.organizationId)))
      .where(and(eq(hardshipApplications.id, params.hardshipId), eq(hardshipApplications.organizationId, scope.organizationId)))
      .for("update", { of: hardshipApplications });
    if (!current) throw notFound("hardship application");
    await assertVersion(tx, scope, current, params.expectedVersion, "hardship_application", "hardship application");
    if (current.status !== "pending") {
      throw badInput(
        `CMS ${current.status} this hardship application on ${current.decidedOn ?? "a recorded date"}; only a pending application can be withdrawn. CMS's decision stays on record — clear the decision first if it was recorded by mistake.`,
        [{ path: "hardshipId", message: `the application is ${current.status}; expected a pending application` }],
      );
    }
    await tx
      .delete(hardshipApplications)
      .where(and(eq(hardshipApplications.id, current.id), eq(hardshipApplications.organizationId, scope.organizationId)));
    const { version: _version, ...before } = current;
    await recordAudit(tx, scope, { action: "hardship.withdrawn", targetType: "hardship_application", targetId: current.id, before });
    return { id: current.id };
  });
}
