/**
 * Roster CSV export: one row per TIN membership and performance year (a membership without figures gets
 * one row with the year columns empty), in the import's columns, so the file imports back. Cells that a
 * spreadsheet would run as formulas are neutralised (lib/roster/csv). Clinicians who bill under no TIN
 * are not in the file (every import row needs a TIN).
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinicians, membershipYears, tinMemberships, tins } from "@/db/schema";
import { toCsv } from "@/lib/roster/csv";
import { ROSTER_HEADER } from "@/lib/roster/import-columns";
import { centsToDollars } from "@/lib/roster/values";
import type { OrgScope } from "../scope";

const yesNo = (value: boolean | null) => (value === null ? "" : value ? "yes" : "no");

export async function exportRosterCsv(db: Db, scope: OrgScope, params: { performanceYear?: number | undefined } = {}): Promise<{ csv: string; rowCount: number }> {
  const rows = await db
    .select({
      tin: tins.tin,
      tinName: tins.name,
      npi: clinicians.npi,
      firstName: clinicians.firstName,
      lastName: clinicians.lastName,
      clinicianType: clinicians.clinicianType,
      specialty: clinicians.specialty,
      startDate: tinMemberships.startDate,
      endDate: tinMemberships.endDate,
      year: membershipYears.performanceYear,
      nonPatientFacing: membershipYears.nonPatientFacing,
      hospitalBased: membershipYears.hospitalBased,
      ascBased: membershipYears.ascBased,
      rural: membershipYears.rural,
      hpsa: membershipYears.hpsa,
      allowedChargesCents: membershipYears.allowedChargesCents,
      partBBeneficiaries: membershipYears.partBBeneficiaries,
      newlyEnrolled: membershipYears.newlyEnrolled,
      advancedApmQp: membershipYears.advancedApmQp,
    })
    .from(tinMemberships)
    .innerJoin(tins, and(eq(tins.id, tinMemberships.tinId), eq(tins.organizationId, scope.organizationId)))
    .innerJoin(clinicians, and(eq(clinicians.id, tinMemberships.clinicianId), eq(clinicians.organizationId, scope.organizationId)))
    .leftJoin(
      membershipYears,
      and(
        eq(membershipYears.membershipId, tinMemberships.id),
        eq(membershipYears.organizationId, scope.organizationId),
        params.performanceYear ? eq(membershipYears.performanceYear, params.performanceYear) : undefined,
      ),
    )
    .where(eq(tinMemberships.organizationId, scope.organizationId))
    .orderBy(asc(tins.tin), asc(clinicians.lastName), asc(clinicians.firstName), asc(clinicians.npi), asc(membershipYears.performanceYear));
  const body = rows.map((r) => [
    r.tin,
    r.tinName,
    r.npi,
    r.firstName,
    r.lastName,
    r.clinicianType,
    r.specialty,
    r.startDate,
    r.endDate,
    r.year,
    yesNo(r.nonPatientFacing),
    yesNo(r.hospitalBased),
    yesNo(r.ascBased),
    yesNo(r.rural),
    yesNo(r.hpsa),
    r.allowedChargesCents === null ? "" : centsToDollars(r.allowedChargesCents),
    r.partBBeneficiaries,
    yesNo(r.newlyEnrolled),
    yesNo(r.advancedApmQp),
  ]);
  return { csv: toCsv([ROSTER_HEADER, ...body]), rowCount: body.length };
}
