/**
 * The 100% rule for many TINs at once, without loading every membership into Node: SQL groups each TIN's
 * memberships active in the year by what decides a clinician's PI reweighting (clinician type, the year's
 * non-patient-facing / hospital-based / ASC-based flags, the hardship application that decides — approved
 * before pending before dismissed, the latest filed first, the clinician's own or the TIN's), and counts
 * them. lib/mips then decides each distinct combination once: a TIN of 10,000 clinicians has a handful.
 *
 * The combinations are stored per TIN and year (`tin_reweighting_summaries`) with the TIN's roster
 * version they were computed from; triggers bump that version with every roster change, so a reader
 * recomputes only the TINs changed since (db/schema/roster-summaries.ts). An overview of 1,000 TINs reads
 * 1,000 small rows instead of grouping 50,000 memberships on every request.
 *
 * Same figures as `tinStatuses` (which lists every clinician, for a page that shows them): the group's
 * `groupReweighting` is called with one representative clinician per combination and the TIN's true
 * small-practice status, and the blockers are counted by combination.
 */
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  clinicians,
  hardshipApplications,
  membershipYears,
  tins,
  tinMemberships,
  tinReweightingSummaries,
  tinRosterVersions,
  type HardshipApplication,
  type ReweightingCombination,
} from "@/db/schema";
import { groupReweighting, isMipsEligibleType, isPerformanceYear, type ClinicianType, type GroupClinician } from "@/lib/mips";
import { syntheticNpi } from "@/lib/roster/generate";
import type { OrgScope } from "../scope";
import { yearBounds } from "./guards";
import { SMALL_PRACTICE_MAX_CLINICIANS } from "./status";

export interface TinReweightingSummary {
  tinId: string;
  clinicianCount: number;
  /** Clinicians of MIPS eligible types billing under the TIN in the year. */
  eligibleClinicianCount: number;
  smallPractice: boolean;
  /** The 100% rule (or a group-level reason) met, as if the group submitted no PI data. */
  groupQualifiesForReweighting: boolean;
  /** MIPS eligible clinicians without a reason that counts (0 when a group-level reason applies). */
  blockingCount: number;
}

/** Per TIN, the memberships active in the year grouped by what decides reweighting. One query. */
async function reweightingCombinations(db: Db, scope: OrgScope, tinIds: readonly string[], year: number) {
  const { first, last } = yearBounds(year);
  const h = hardshipApplications;
  // The deciding application (pickHardship in status.ts): approved, pending, dismissed; latest filed first.
  const decidingHardship = sql<string | null>`(
    SELECT ${h.reason}::text || '|' || ${h.status}::text FROM ${h}
    WHERE ${h.organizationId} = ${scope.organizationId} AND ${h.performanceYear} = ${year} AND ${h.tinId} = ${tinMemberships.tinId}
      AND (${h.clinicianId} = ${tinMemberships.clinicianId} OR ${h.clinicianId} IS NULL)
    ORDER BY CASE ${h.status} WHEN 'approved' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, ${h.filedOn} DESC, ${h.clinicianId} IS NULL, ${h.id}
    LIMIT 1)`;
  const nonPatientFacing = sql<boolean>`coalesce(${membershipYears.nonPatientFacing}, false)`;
  const hospitalBased = sql<boolean>`coalesce(${membershipYears.hospitalBased}, false)`;
  const ascBased = sql<boolean>`coalesce(${membershipYears.ascBased}, false)`;
  return db
    .select({
      tinId: tinMemberships.tinId,
      clinicianType: clinicians.clinicianType,
      nonPatientFacing,
      hospitalBased,
      ascBased,
      hardship: decidingHardship,
      clinicians: sql<number>`count(*)::int`.mapWith(Number),
    })
    .from(tinMemberships)
    .innerJoin(clinicians, and(eq(clinicians.organizationId, tinMemberships.organizationId), eq(clinicians.id, tinMemberships.clinicianId)))
    .leftJoin(
      membershipYears,
      and(eq(membershipYears.organizationId, tinMemberships.organizationId), eq(membershipYears.membershipId, tinMemberships.id), eq(membershipYears.performanceYear, year)),
    )
    .where(
      and(
        eq(tinMemberships.organizationId, scope.organizationId),
        inArray(tinMemberships.tinId, [...tinIds]),
        sql`${tinMemberships.startDate} <= ${last}`,
        sql`(${tinMemberships.endDate} IS NULL OR ${tinMemberships.endDate} >= ${first})`,
      ),
    )
    // By position: the hardship subquery's parameters would make a repeated expression differ.
    .groupBy(sql`1, 2, 3, 4, 5, 6`);
}

/**
 * The stored combinations of these TINs in the year, recomputed (and stored) for those whose roster
 * changed since. The version is read before the combinations are computed, so a change committed in
 * between leaves an older version stored and the next reader recomputes it.
 */
async function currentCombinations(db: Db, scope: OrgScope, tinIds: readonly string[], year: number) {
  const byTin = new Map<string, ReweightingCombination[]>();
  if (tinIds.length === 0) return byTin;
  // The TINs of this organization among tinIds, with their roster versions (none yet: 0).
  const [versions, stored] = await Promise.all([
    db
      .select({ tinId: tins.id, version: tinRosterVersions.version })
      .from(tins)
      .leftJoin(tinRosterVersions, and(eq(tinRosterVersions.organizationId, tins.organizationId), eq(tinRosterVersions.tinId, tins.id)))
      .where(and(eq(tins.organizationId, scope.organizationId), inArray(tins.id, [...tinIds]))),
    db
      .select({ tinId: tinReweightingSummaries.tinId, rosterVersion: tinReweightingSummaries.rosterVersion, combinations: tinReweightingSummaries.combinations })
      .from(tinReweightingSummaries)
      .where(
        and(
          eq(tinReweightingSummaries.organizationId, scope.organizationId),
          eq(tinReweightingSummaries.performanceYear, year),
          inArray(tinReweightingSummaries.tinId, [...tinIds]),
        ),
      ),
  ]);
  const versionOf = new Map(versions.map((v) => [v.tinId, Number(v.version ?? 0)]));
  const storedOf = new Map(stored.map((s) => [s.tinId, s]));
  const stale: string[] = [];
  for (const tinId of versionOf.keys()) {
    const s = storedOf.get(tinId);
    if (s && Number(s.rosterVersion) === versionOf.get(tinId)) byTin.set(tinId, s.combinations);
    else stale.push(tinId);
  }
  if (stale.length === 0) return byTin;
  const rows = await reweightingCombinations(db, scope, stale, year);
  for (const tinId of stale) byTin.set(tinId, []);
  for (const { tinId, ...combination } of rows) byTin.get(tinId)!.push(combination);
  const t = tinReweightingSummaries;
  await db
    .insert(t)
    .values(stale.map((tinId) => ({ organizationId: scope.organizationId, tinId, performanceYear: year, rosterVersion: versionOf.get(tinId) ?? 0, combinations: byTin.get(tinId)! })))
    .onConflictDoUpdate({
      target: [t.organizationId, t.tinId, t.performanceYear],
      set: { rosterVersion: sql`excluded.roster_version`, combinations: sql`excluded.combinations` },
      // Never replace a summary computed from a newer version (a concurrent reader saw a later change).
      setWhere: lt(t.rosterVersion, sql`excluded.roster_version`),
    });
  return byTin;
}

/** The reweighting summary of each of these TINs in the year (two queries when nothing changed). */
export async function reweightingSummaries(db: Db, scope: OrgScope, tinIds: readonly string[], year: number): Promise<Map<string, TinReweightingSummary>> {
  const result = new Map<string, TinReweightingSummary>();
  const rulesYear = isPerformanceYear(year) ? year : 2018;
  const byTin = await currentCombinations(db, scope, tinIds, year);
  for (const tinId of tinIds) {
    const combos = byTin.get(tinId) ?? [];
    const clinicianCount = combos.reduce((n, c) => n + c.clinicians, 0);
    const eligibleClinicianCount = combos.filter((c) => isMipsEligibleType(c.clinicianType as ClinicianType, rulesYear)).reduce((n, c) => n + c.clinicians, 0);
    const representatives: GroupClinician[] = combos.map((c, i) => {
      const [reason, status] = c.hardship ? (c.hardship.split("|") as [HardshipApplication["reason"], HardshipApplication["status"]]) : [null, null];
      return {
        npi: syntheticNpi(i),
        clinicianType: c.clinicianType as ClinicianType,
        nonPatientFacing: c.nonPatientFacing,
        hospitalBased: c.hospitalBased,
        ascBased: c.ascBased,
        hardship: reason && status ? { reason, status } : null,
      };
    });
    const group = groupReweighting({
      performanceYear: rulesYear,
      entityType: "group",
      // The TIN's own count, not the number of representatives (lib/mips: 1 to 15 eligible clinicians).
      smallPractice: eligibleClinicianCount > 0 && eligibleClinicianCount <= SMALL_PRACTICE_MAX_CLINICIANS,
      clinicians: representatives,
      piDataSubmitted: false,
    });
    const blockingNpis = new Set(group.blockingClinicians.map((b) => b.npi));
    result.set(tinId, {
      tinId,
      clinicianCount,
      eligibleClinicianCount,
      smallPractice: eligibleClinicianCount <= SMALL_PRACTICE_MAX_CLINICIANS,
      groupQualifiesForReweighting: group.reweighted,
      blockingCount: combos.reduce((n, c, i) => n + (blockingNpis.has(representatives[i]!.npi) ? c.clinicians : 0), 0),
    });
  }
  return result;
}
