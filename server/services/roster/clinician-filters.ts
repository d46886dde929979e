/**
 * The clinician list's eligibility and reweighting filters, as SQL, so that filtering and pagination
 * happen in the database. They restate, for one TIN membership in one year, the lib/mips rules the
 * status columns are computed with (an integration test checks both agree on the same roster):
 * - eligible: an eligible type, the year's figures entered, above both low-volume figures (the TIN's
 *   combined figures when it reports as a group in the year), not newly enrolled, not an Advanced APM QP
 *   (lib/mips evaluateEligibility);
 * - exempt: an eligible type with figures that exempt it; noFigures: an eligible type without figures;
 * - notEligibleType: a type not MIPS eligible in the year (lib/mips mipsEligibleTypesFor);
 * - reweighted: qualifies for PI reweighting (automatic reason of the year, or an approved hardship with
 *   one of the year's reasons; clinicianReweighting)
 *   and no PI data was submitted for the TIN/NPI in the year (measure reports);
 * - dataSubmitted: qualifies, but PI data was submitted, which cancels the reweighting (rules section 5);
 * - blocking: an eligible type that does not qualify, so it blocks its TIN's group reweighting (100% rule).
 * A clinician matches when at least one of their memberships active in the year (under the chosen TIN,
 * if any) matches, archived TIN or not: like the statuses, a year counts everyone who billed in it
 * (archiving only hides records from lists; the list's own archive filter is on the clinician).
 */
import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { clinicians, hardshipApplications, measureReports, membershipYears, tinMemberships, tinReportingChoices } from "@/db/schema";
import { automaticallyReweightedTypes, hardshipReasonsFor, isPerformanceYear, lowVolumeThreshold, mipsEligibleTypesFor, type PerformanceYear } from "@/lib/mips";
import type { OrgScope } from "../scope";
import { yearBounds } from "./guards";

export type EligibilityFilter = "eligible" | "exempt" | "noFigures" | "notEligibleType";
export type ReweightingFilter = "reweighted" | "dataSubmitted" | "blocking";

export function membershipMatches(
  scope: OrgScope,
  year: number,
  filters: { tinId?: string | undefined; eligibility?: EligibilityFilter | undefined; reweighting?: ReweightingFilter | undefined },
): SQL {
  const { first, last } = yearBounds(year);
  const rulesYear: PerformanceYear = isPerformanceYear(year) ? year : 2018;
  const threshold = lowVolumeThreshold(rulesYear);
  const eligibleType = inArray(clinicians.clinicianType, [...mipsEligibleTypesFor(rulesYear)]);
  const autoTypes = automaticallyReweightedTypes(rulesYear);
  const conditions: (SQL | undefined)[] = [
    eq(tinMemberships.organizationId, scope.organizationId),
    eq(tinMemberships.clinicianId, clinicians.id),
    sql`${tinMemberships.startDate} <= ${last}`,
    sql`(${tinMemberships.endDate} IS NULL OR ${tinMemberships.endDate} >= ${first})`,
    filters.tinId ? eq(tinMemberships.tinId, filters.tinId) : undefined,
  ];
  const hasFigures = sql`${membershipYears.id} IS NOT NULL`;
  // A TIN reporting as a group in the year: the low-volume threshold applies to its combined figures, the
  // sums over every membership of the TIN active in the year (status.ts loadGroupVolumes).
  // Aliases for the columns; the FROM clause names them (an alias interpolated there renders its name only).
  const groupMembers = alias(tinMemberships, "group_memberships");
  const groupYears = alias(membershipYears, "group_years");
  const reportsAsGroup = sql`EXISTS (SELECT 1 FROM ${tinReportingChoices} WHERE ${and(
    eq(tinReportingChoices.organizationId, scope.organizationId),
    eq(tinReportingChoices.tinId, tinMemberships.tinId),
    eq(tinReportingChoices.performanceYear, year),
    eq(tinReportingChoices.mode, "group"),
  )})`;
  const groupSum = (column: typeof groupYears.allowedChargesCents | typeof groupYears.partBBeneficiaries) =>
    sql`(SELECT coalesce(sum(${column}), 0) FROM ${tinMemberships} AS ${sql.identifier("group_memberships")} INNER JOIN ${membershipYears} AS ${sql.identifier("group_years")} ON ${and(
      eq(groupYears.membershipId, groupMembers.id),
      eq(groupYears.organizationId, scope.organizationId),
      eq(groupYears.performanceYear, year),
    )} WHERE ${and(
      eq(groupMembers.organizationId, scope.organizationId),
      eq(groupMembers.tinId, tinMemberships.tinId),
      sql`${groupMembers.startDate} <= ${last}`,
      sql`(${groupMembers.endDate} IS NULL OR ${groupMembers.endDate} >= ${first})`,
    )})`;
  const volumeAbove = sql`(CASE WHEN ${reportsAsGroup}
    THEN ${groupSum(groupYears.allowedChargesCents)} > ${threshold.allowedChargesCents} AND ${groupSum(groupYears.partBBeneficiaries)} > ${threshold.beneficiaries}
    ELSE ${membershipYears.allowedChargesCents} > ${threshold.allowedChargesCents} AND ${membershipYears.partBBeneficiaries} > ${threshold.beneficiaries} END)`;
  const aboveThreshold = sql`(NOT ${membershipYears.newlyEnrolled} AND NOT ${membershipYears.advancedApmQp} AND ${volumeAbove})`;
  switch (filters.eligibility) {
    case "eligible":
      conditions.push(eligibleType, hasFigures, aboveThreshold);
      break;
    case "exempt":
      conditions.push(eligibleType, hasFigures, sql`NOT ${aboveThreshold}`);
      break;
    case "noFigures":
      conditions.push(eligibleType, sql`${membershipYears.id} IS NULL`);
      break;
    case "notEligibleType":
      conditions.push(sql`NOT ${eligibleType}`);
      break;
  }
  const approvedHardship = sql`EXISTS (SELECT 1 FROM ${hardshipApplications} WHERE ${and(
    eq(hardshipApplications.organizationId, scope.organizationId),
    eq(hardshipApplications.tinId, tinMemberships.tinId),
    eq(hardshipApplications.performanceYear, year),
    eq(hardshipApplications.status, "approved"),
    inArray(hardshipApplications.reason, hardshipReasonsFor(rulesYear).map((r) => r.code) as (typeof hardshipApplications.reason._.data)[]),
    or(sql`${hardshipApplications.clinicianId} IS NULL`, eq(hardshipApplications.clinicianId, clinicians.id)),
  )})`;
  const autoType = autoTypes.length > 0 ? inArray(clinicians.clinicianType, [...autoTypes]) : sql`false`;
  const qualifies = sql`(${autoType} OR coalesce(${membershipYears.nonPatientFacing}, false) OR coalesce(${membershipYears.hospitalBased}, false) OR coalesce(${membershipYears.ascBased}, false) OR ${approvedHardship})`;
  const piDataSubmitted = sql`EXISTS (SELECT 1 FROM ${measureReports} WHERE ${and(
    eq(measureReports.organizationId, scope.organizationId),
    eq(measureReports.tinId, tinMemberships.tinId),
    eq(measureReports.clinicianId, clinicians.id),
    eq(measureReports.performanceYear, year),
  )})`;
  if (filters.reweighting === "reweighted") conditions.push(qualifies, sql`NOT ${piDataSubmitted}`);
  if (filters.reweighting === "dataSubmitted") conditions.push(qualifies, piDataSubmitted);
  if (filters.reweighting === "blocking") conditions.push(eligibleType, sql`NOT ${qualifies}`);
  return sql`EXISTS (SELECT 1 FROM ${tinMemberships} LEFT JOIN ${membershipYears} ON ${and(
    eq(membershipYears.membershipId, tinMemberships.id),
    eq(membershipYears.organizationId, scope.organizationId),
    eq(membershipYears.performanceYear, year),
  )} WHERE ${and(...conditions)})`;
}
