/**
 * Who may see and change CEHRT data: admins everything; clinicians only reports of their own NPI (the
 * clinician record linked to their user) and never whole-TIN data; executives read everything, change
 * nothing. Services take a `DataViewer` and call these guards; routers never re-implement them.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinicians, tinMemberships, type MembershipRole } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { OrgScope } from "../scope";

export interface DataViewer {
  userId: string;
  role: MembershipRole;
}

export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `No such ${what} in this organization.`);
}

/** The clinician record linked to a clinician-role viewer; null for admins and executives. */
export async function ownClinicianId(db: Db, scope: OrgScope, viewer: DataViewer): Promise<string | null> {
  if (viewer.role !== "clinician") return null;
  const [row] = await db
    .select({ id: clinicians.id })
    .from(clinicians)
    .where(and(eq(clinicians.organizationId, scope.organizationId), eq(clinicians.userId, viewer.userId)));
  if (!row) {
    throw new AppError(
      "FORBIDDEN",
      "Your user is not linked to a clinician record in this organization; ask an admin to link it on the Clinicians page.",
    );
  }
  return row.id;
}

/**
 * A clinician sees a TIN only if they bill under it (a TIN membership, any dates); another TIN of the
 * organization answers NOT_FOUND, like another organization's. Admins and executives see every TIN.
 */
export async function assertClinicianInTin(db: Db, scope: OrgScope, ownId: string | null, tinId: string): Promise<void> {
  if (ownId === null) return;
  const [row] = await db
    .select({ id: tinMemberships.id })
    .from(tinMemberships)
    .where(and(eq(tinMemberships.organizationId, scope.organizationId), eq(tinMemberships.tinId, tinId), eq(tinMemberships.clinicianId, ownId)))
    .limit(1);
  if (!row) throw notFound("TIN");
}

export function assertCanChange(viewer: DataViewer): void {
  if (viewer.role === "executive") throw new AppError("FORBIDDEN", "Executives read measure data; only admins and the clinician concerned change it.");
}

/** A clinician may touch only a report of their own NPI; whole-TIN data is the admins'. */
export function assertClinicianOwns(viewer: DataViewer, ownId: string | null, clinicianId: string | null): void {
  if (viewer.role !== "clinician") return;
  if (clinicianId === null || clinicianId !== ownId) {
    throw new AppError("FORBIDDEN", "Clinicians enter and see only their own NPI's reports.");
  }
}

/** Postgres unique_violation (23505), through drizzle's wrapper. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * An edit is refused unless the caller saw the current version: also when the caller saw no row at all
 * (expectedVersion absent) but someone created it meanwhile.
 */
export function versionMatches(current: number, expected: number | null | undefined): boolean {
  return expected != null && expected === current;
}
