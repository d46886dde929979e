/**
 * A clinician billing under a TIN (start and end dates), and per performance year its special statuses
 * and low-volume figures. One membership per TIN/NPI pair (its dates can be edited).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinicians, membershipYears, tinMemberships, tins } from "@/db/schema";
import { formatTin } from "@/lib/mips/identifiers";
import { AppError } from "@/lib/errors";
import type { YearStatusFields } from "@/lib/roster/schemas";
import { recordAudit } from "../audit";
import type { OrgScope } from "../scope";
import { assertVersion, isUniqueViolation, notFound } from "./guards";

const membershipColumns = {
  id: tinMemberships.id,
  tinId: tinMemberships.tinId,
  clinicianId: tinMemberships.clinicianId,
  startDate: tinMemberships.startDate,
  endDate: tinMemberships.endDate,
  version: tinMemberships.version,
};

export async function addMembership(db: Db, scope: OrgScope, params: { tinId: string; clinicianId: string; startDate: string; endDate?: string | null | undefined }) {
  try {
    return await db.transaction(async (tx) => {
      const [tin] = await tx.select({ id: tins.id, tin: tins.tin }).from(tins).where(and(eq(tins.id, params.tinId), eq(tins.organizationId, scope.organizationId)));
      if (!tin) throw notFound("TIN");
      const [clinician] = await tx
        .select({ id: clinicians.id, npi: clinicians.npi })
        .from(clinicians)
        .where(and(eq(clinicians.id, params.clinicianId), eq(clinicians.organizationId, scope.organizationId)));
      if (!clinician) throw notFound("clinician");
      const [existing] = await tx
        .select({ id: tinMemberships.id })
        .from(tinMemberships)
        .where(and(eq(tinMemberships.organizationId, scope.organizationId), eq(tinMemberships.tinId, tin.id), eq(tinMemberships.clinicianId, clinician.id)));
      if (existing) throw alreadyMember(clinician.npi, tin.tin);
      const [row] = await tx
        .insert(tinMemberships)
        .values({ organizationId: scope.organizationId, tinId: tin.id, clinicianId: clinician.id, startDate: params.startDate, endDate: params.endDate ?? null })
        .returning(membershipColumns);
      await recordAudit(tx, scope, {
        action: "tin_membership.created",
        targetType: "tin_membership",
        targetId: row!.id,
        after: { tin: tin.tin, npi: clinician.npi, startDate: params.startDate, endDate: params.endDate ?? null },
      });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "This clinician already bills under this TIN; edit that membership's dates instead.");
    throw error;
  }
}

function alreadyMember(npi: string, tin: string) {
  return new AppError("CONFLICT", `NPI ${npi} already bills under TIN ${formatTin(tin)}; edit that membership's dates instead.`, [
    { path: "tinId", message: `already a member of TIN ${formatTin(tin)}` },
  ]);
}

async function lockMembership(tx: Db, scope: OrgScope, membershipId: string) {
  const [row] = await tx
    .select(membershipColumns)
    .from(tinMemberships)
    .where(and(eq(tinMemberships.id, membershipId), eq(tinMemberships.organizationId, scope.organizationId)))
    .for("update");
  if (!row) throw notFound("TIN membership");
  return row;
}

export async function updateMembership(db: Db, scope: OrgScope, params: { membershipId: string; startDate: string; endDate?: string | null | undefined; expectedVersion: number }) {
  return db.transaction(async (tx) => {
    const current = await lockMembership(tx, scope, params.membershipId);
    await assertVersion(tx, scope, current, params.expectedVersion, "tin_membership", "TIN membership");
    const [row] = await tx
      .update(tinMemberships)
      .set({ startDate: params.startDate, endDate: params.endDate ?? null, version: sql`${tinMemberships.version} + 1`, updatedAt: new Date() })
      .where(and(eq(tinMemberships.id, current.id), eq(tinMemberships.organizationId, scope.organizationId)))
      .returning(membershipColumns);
    await recordAudit(tx, scope, {
      action: "tin_membership.updated",
      targetType: "tin_membership",
      targetId: current.id,
      before: { startDate: current.startDate, endDate: current.endDate },
      after: { startDate: params.startDate, endDate: params.endDate ?? null },
    });
    return row!;
  });
}

/** Removes a membership entered by mistake (with its year figures). To record a departure, set an end date. */
export async function removeMembership(db: Db, scope: OrgScope, params: { membershipId: string; expectedVersion: number }) {
  return db.transaction(async (tx) => {
    const current = await lockMembership(tx, scope, params.membershipId);
    await assertVersion(tx, scope, current, params.expectedVersion, "tin_membership", "TIN membership");
    await tx.delete(tinMemberships).where(and(eq(tinMemberships.id, current.id), eq(tinMemberships.organizationId, scope.organizationId)));
    await recordAudit(tx, scope, { action: "tin_membership.removed", targetType: "tin_membership", targetId: current.id, before: current });
    return { membershipId: current.id };
  });
}

/**
 * Sets a membership's statuses and figures for a year: creates them, or updates them against the
 * version the form saw (a stale one is refused, naming who changed them).
 */
export async function setYearStatus(db: Db, scope: OrgScope, params: YearStatusFields & { membershipId: string; performanceYear: number; expectedVersion?: number | undefined }) {
  const { membershipId, performanceYear, expectedVersion, ...figures } = params;
  return db.transaction(async (tx) => {
    const membership = await lockMembership(tx, scope, membershipId);
    const [current] = await tx
      .select()
      .from(membershipYears)
      .where(and(eq(membershipYears.organizationId, scope.organizationId), eq(membershipYears.membershipId, membership.id), eq(membershipYears.performanceYear, performanceYear)))
      .for("update");
    if (current) {
      if (expectedVersion === undefined) {
        throw new AppError("CONFLICT", `The ${performanceYear} figures of this membership were entered by someone else after you opened the form. Reload to see them, then apply your change again.`);
      }
      await assertVersion(tx, scope, current, expectedVersion, "membership_year", `membership's ${performanceYear} figures`);
      const [row] = await tx
        .update(membershipYears)
        .set({ ...figures, version: sql`${membershipYears.version} + 1`, updatedAt: new Date() })
        .where(and(eq(membershipYears.id, current.id), eq(membershipYears.organizationId, scope.organizationId)))
        .returning();
      const { id: _i, organizationId: _o, membershipId: _m, version: _v, createdAt: _c, updatedAt: _u, ...before } = current;
      await recordAudit(tx, scope, { action: "membership_year.updated", targetType: "membership_year", targetId: current.id, before, after: { performanceYear, ...figures } });
      return row!;
    }
    if (expectedVersion !== undefined) {
      throw new AppError("CONFLICT", `The ${performanceYear} figures you edited no longer exist. Reload the page.`);
    }
    const [row] = await tx
      .insert(membershipYears)
      .values({ organizationId: scope.organizationId, membershipId: membership.id, performanceYear, ...figures })
      .returning();
    await recordAudit(tx, scope, { action: "membership_year.created", targetType: "membership_year", targetId: row!.id, after: { membershipId, performanceYear, ...figures } });
    return row!;
  });
}
