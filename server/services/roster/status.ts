/**
 * Eligibility and PI reweighting, computed live by lib/mips from the roster (never stored): per
 * clinician under each TIN, per TIN (the 100% rule, with the clinicians who block it and why, and small
 * practice), per virtual group. Batch-loaded whatever the number of clinicians or TINs: one query for the
 * memberships with their clinicians and TINs, one for their year figures, one for the hardship
 * applications; rows are then matched through Maps keyed by id (no scan of every row per row).
 *
 * Submitted PI data (rules section 5: "submitting PI data cancels reweighting") is counted only when the
 * caller asks (`{ countSubmittedData: true }`, one more GROUP BY query over measure reports). The default
 * stays "as if no data were submitted", which is what callers that compare against data themselves need
 * (the CEHRT "would cancel" warning, the dashboards' "qualifies" figures).
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinicians, hardshipApplications, measureReports, membershipYears, tinMemberships, tins, virtualGroups, virtualGroupTins, type HardshipApplication } from "@/db/schema";
import {
  clinicianReweighting,
  evaluateEligibility,
  formatTin,
  groupReweighting,
  isMipsEligibleType,
  isPerformanceYear,
  type PerformanceYear,
  combineVolumes,
  QP_PAYMENT_PERCENT,
  type ClinicianReweightingResult,
  type ClinicianType,
  type EligibilityResult,
  type GroupReweightingResult,
  type MedicareVolume,
} from "@/lib/mips";
import { getReportingChoices } from "../cehrt/aggregation";
import type { OrgScope } from "../scope";
import { yearBounds } from "./guards";

/** The rules year of a requested year (routers validate the year; 2018's rules for anything else). */
function rulesYearOf(year: number): PerformanceYear {
  return isPerformanceYear(year) ? year : 2018;
}

/** Special status: small practice is 15 or fewer eligible clinicians in the TIN (automatic PI reweighting from 2022). */
export const SMALL_PRACTICE_MAX_CLINICIANS = 15;

export interface YearFigures {
  id: string;
  version: number;
  nonPatientFacing: boolean;
  hospitalBased: boolean;
  ascBased: boolean;
  rural: boolean;
  hpsa: boolean;
  allowedChargesCents: number;
  partBBeneficiaries: number;
  newlyEnrolled: boolean;
  advancedApmQp: boolean;
}

export interface HardshipSummary {
  id: string;
  reason: HardshipApplication["reason"];
  status: HardshipApplication["status"];
  scope: "clinician" | "tin";
}

export interface ClinicianUnderTinStatus {
  membershipId: string;
  membershipVersion: number;
  startDate: string;
  endDate: string | null;
  tinId: string;
  tin: string;
  tinDisplay: string;
  tinName: string;
  clinicianId: string;
  npi: string;
  firstName: string;
  lastName: string;
  clinicianType: ClinicianType;
  figures: YearFigures | null;
  /** Null when no figures were entered for the year: eligibility cannot be decided. */
  eligibility: EligibilityResult | null;
  eligibilityNote: string;
  reweighting: ClinicianReweightingResult;
  hardship: HardshipSummary | null;
  /**
   * Measure reports of this TIN/NPI pair in the year; null when the caller did not ask to count
   * submitted data (then `reweighting` is computed as if none were submitted).
   */
  piReportCount: number | null;
  /** What the submitted data does to reweighting, for people; null without data or when not counted. */
  piDataNote: string | null;
}

export interface BlockingClinicianRow {
  clinicianId: string;
  npi: string;
  name: string;
  tinDisplay: string;
  why: string;
}

export interface TinStatus {
  tinId: string;
  performanceYear: number;
  clinicianCount: number;
  /** Clinicians of MIPS eligible types billing under the TIN in the year. */
  eligibleClinicianCount: number;
  smallPractice: boolean;
  group: GroupReweightingResult;
  blocking: BlockingClinicianRow[];
  clinicians: ClinicianUnderTinStatus[];
  /**
   * Measure reports of the TIN in the year (whole-TIN and per-NPI: group reporting aggregates them all,
   * rules 6.7); null when not counted (then `group` is computed as if the group submitted nothing).
   */
  piReportCount: number | null;
  piDataNote: string | null;
}

export interface StatusOptions {
  /**
   * Count PI data submitted for the year (measure reports): a clinician or group that qualifies but has
   * data is no longer reweighted. Default false: the status "before data", for callers that warn about
   * or compare with data themselves.
   */
  countSubmittedData?: boolean;
}

/** Measure reports per TIN and per TIN/NPI pair for these TINs in the year: one GROUP BY query. */
async function loadReportCounts(db: Db, scope: OrgScope, tinIds: readonly string[], year: number) {
  const byTin = new Map<string, number>();
  const byPair = new Map<string, number>();
  if (tinIds.length === 0) return { byTin, byPair };
  const rows = await db
    .select({ tinId: measureReports.tinId, clinicianId: measureReports.clinicianId, reports: sql<number>`count(*)::int` })
    .from(measureReports)
    .where(and(eq(measureReports.organizationId, scope.organizationId), eq(measureReports.performanceYear, year), inArray(measureReports.tinId, [...tinIds])))
    .groupBy(measureReports.tinId, measureReports.clinicianId);
  for (const r of rows) {
    const n = Number(r.reports);
    byTin.set(r.tinId, (byTin.get(r.tinId) ?? 0) + n);
    if (r.clinicianId) byPair.set(`${r.tinId}/${r.clinicianId}`, n);
  }
  return { byTin, byPair };
}

function reportsWord(n: number) {
  return `${n} report${n === 1 ? "" : "s"}`;
}

/** "PI data submitted for 2018 (3 reports) — this cancels the automatic reweighting", or null without data. */
export function piDataNote(year: number, reports: number | null, qualifies: boolean, basis: "automatic" | "hardship" | "group"): string | null {
  if (!reports) return null;
  const head = `PI data submitted for ${year} (${reportsWord(reports)})`;
  if (!qualifies) return `${head}: the data is scored (there is no reweighting to cancel)`;
  const what = { automatic: "the automatic reweighting", hardship: "the reweighting by the approved hardship exception", group: "the group's reweighting under the 100% rule" }[basis];
  return `${head} — this cancels ${what}; the data is scored`;
}

interface MembershipFilter {
  tinIds?: readonly string[];
  clinicianIds?: readonly string[];
}

/**
 * Memberships active in the year (started by Dec 31, not ended before Jan 1), with the year's figures.
 * Archived clinicians and TINs count too: archiving tidies lists, while who billed under a TIN in the
 * year is what the membership dates say (CMS counts every clinician who reassigned billing to the TIN
 * during the year, and their data still goes into exports). A departure is recorded with the end date.
 *
 * Two queries, joined here by membership id: the memberships with their clinicians and TINs, then the
 * year figures of exactly those memberships. One query with a LEFT JOIN on membership_years looked
 * cheaper, but on tables without fresh statistics (PGlite never autovacuums; a bulk import just wrote the
 * rows) the planner estimated one row and chose a nested loop rescanning every figure row of the year
 * per membership: 2,000 memberships took 1.2-2.4 s instead of milliseconds.
 */
async function loadMemberships(db: Db, scope: OrgScope, filter: MembershipFilter, year: number) {
  const { first, last } = yearBounds(year);
  const conditions: (SQL | undefined)[] = [sql`${tinMemberships.startDate} <= ${last}`, sql`(${tinMemberships.endDate} IS NULL OR ${tinMemberships.endDate} >= ${first})`];
  if (filter.tinIds) conditions.push(inArray(tinMemberships.tinId, [...filter.tinIds]));
  if (filter.clinicianIds) conditions.push(inArray(tinMemberships.clinicianId, [...filter.clinicianIds]));
  const rows = await db
    .select({
      membershipId: tinMemberships.id,
      membershipVersion: tinMemberships.version,
      startDate: tinMemberships.startDate,
      endDate: tinMemberships.endDate,
      tinId: tins.id,
      tin: tins.tin,
      tinName: tins.name,
      clinicianId: clinicians.id,
      npi: clinicians.npi,
      firstName: clinicians.firstName,
      lastName: clinicians.lastName,
      clinicianType: clinicians.clinicianType,
    })
    .from(tinMemberships)
    .innerJoin(clinicians, and(eq(clinicians.id, tinMemberships.clinicianId), eq(clinicians.organizationId, scope.organizationId)))
    .innerJoin(tins, and(eq(tins.id, tinMemberships.tinId), eq(tins.organizationId, scope.organizationId)))
    .where(and(eq(tinMemberships.organizationId, scope.organizationId), ...conditions))
    .orderBy(asc(clinicians.lastName), asc(clinicians.firstName), asc(tins.name));
  const figures = await loadYearFigures(db, scope, rows.map((r) => r.membershipId), year);
  return rows.map((r) => ({ ...r, figures: figures.get(r.membershipId) ?? null }));
}

/** The year's figures of these memberships, by membership id: one query, one array parameter. */
async function loadYearFigures(db: Db, scope: OrgScope, membershipIds: readonly string[], year: number) {
  const byMembership = new Map<string, YearFigures>();
  if (membershipIds.length === 0) return byMembership;
  // A single uuid[] parameter rather than IN ($1, ..., $n): any number of memberships (a 10,000-row roster),
  // and an index scan on (organization_id, membership_id, performance_year) whatever the statistics say.
  const idArray = `{${membershipIds.join(",")}}`;
  const rows = await db
    .select({
      membershipId: membershipYears.membershipId,
      id: membershipYears.id,
      version: membershipYears.version,
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
    .from(membershipYears)
    .where(and(eq(membershipYears.organizationId, scope.organizationId), eq(membershipYears.performanceYear, year), sql`${membershipYears.membershipId} = ANY(${idArray}::uuid[])`));
  for (const { membershipId, ...figures } of rows) byMembership.set(membershipId, figures);
  return byMembership;
}

/**
 * The combined Medicare figures of each of these TINs that reports as a group in the year (its reporting
 * choice): rules section 2, "for group reporting the threshold is applied to the group's combined
 * figures". Combined over every membership of the TIN active in the year with figures entered, whoever
 * they are (archived or not, any clinician type: all of them bill under the TIN). TINs reporting
 * individually, or as part of a virtual group, are not in the map: their clinicians' own figures decide.
 */
async function loadGroupVolumes(db: Db, scope: OrgScope, tinIds: readonly string[], year: number) {
  const volumes = new Map<string, MedicareVolume>();
  if (tinIds.length === 0) return volumes;
  const choices = await getReportingChoices(db, scope, { tinIds, performanceYear: year });
  const groupTinIds = choices.filter((c) => c.mode === "group").map((c) => c.tinId);
  if (groupTinIds.length === 0) return volumes;
  const { first, last } = yearBounds(year);
  const members = await db
    .select({ membershipId: tinMemberships.id, tinId: tinMemberships.tinId })
    .from(tinMemberships)
    .where(
      and(
        eq(tinMemberships.organizationId, scope.organizationId),
        inArray(tinMemberships.tinId, groupTinIds),
        sql`${tinMemberships.startDate} <= ${last}`,
        sql`(${tinMemberships.endDate} IS NULL OR ${tinMemberships.endDate} >= ${first})`,
      ),
    );
  const figures = await loadYearFigures(db, scope, members.map((m) => m.membershipId), year);
  const byTin = groupBy(
    members.flatMap((m) => {
      const f = figures.get(m.membershipId);
      return f ? [{ tinId: m.tinId, allowedChargesCents: f.allowedChargesCents, beneficiaries: f.partBBeneficiaries }] : [];
    }),
    (v) => v.tinId,
  );
  for (const tinId of groupTinIds) volumes.set(tinId, combineVolumes(byTin.get(tinId) ?? []));
  return volumes;
}

const STATUS_RANK = { approved: 0, pending: 1, dismissed: 2 } as const;

/** Hardship applications of the year for these TINs (TIN-wide and per clinician). */
async function loadHardships(db: Db, scope: OrgScope, tinIds: readonly string[], year: number) {
  if (tinIds.length === 0) return [];
  return db
    .select({
      id: hardshipApplications.id,
      tinId: hardshipApplications.tinId,
      clinicianId: hardshipApplications.clinicianId,
      reason: hardshipApplications.reason,
      status: hardshipApplications.status,
      filedOn: hardshipApplications.filedOn,
    })
    .from(hardshipApplications)
    .where(
      and(
        eq(hardshipApplications.organizationId, scope.organizationId),
        eq(hardshipApplications.performanceYear, year),
        inArray(hardshipApplications.tinId, [...tinIds]),
      ),
    );
}

type LoadedHardship = Awaited<ReturnType<typeof loadHardships>>[number];

/**
 * The application that decides a clinician's reweighting under a TIN: theirs or the TIN's, approved
 * before pending before dismissed (only approved counts), the latest filed first; on a tie, the one loaded
 * first (`order`), as a stable sort of the loaded list would pick.
 */
function pickHardship(...lists: readonly (readonly (LoadedHardship & { order: number })[])[]): HardshipSummary | null {
  let best: (LoadedHardship & { order: number }) | undefined;
  for (const list of lists) {
    for (const h of list) {
      if (!best) best = h;
      else {
        const cmp = STATUS_RANK[h.status] - STATUS_RANK[best.status] || best.filedOn.localeCompare(h.filedOn) || h.order - best.order;
        if (cmp < 0) best = h;
      }
    }
  }
  return best ? { id: best.id, reason: best.reason, status: best.status, scope: best.clinicianId ? "clinician" : "tin" } : null;
}

/**
 * Statuses of every clinician under every TIN selected by `filter`, in the year. Four queries (one more
 * counting data, two more when a TIN reports as a group: its combined figures).
 */
export async function clinicianStatuses(db: Db, scope: OrgScope, filter: MembershipFilter, year: number, options: StatusOptions = {}): Promise<ClinicianUnderTinStatus[]> {
  return (await loadClinicianStatuses(db, scope, filter, year, options)).statuses;
}

/** Statuses plus the per-TIN report counts (when counted), so TIN statuses need no second count query. */
async function loadClinicianStatuses(db: Db, scope: OrgScope, filter: MembershipFilter, year: number, options: StatusOptions) {
  if ((filter.tinIds && filter.tinIds.length === 0) || (filter.clinicianIds && filter.clinicianIds.length === 0)) {
    return { statuses: [] as ClinicianUnderTinStatus[], reportsByTin: options.countSubmittedData ? new Map<string, number>() : null };
  }
  const rows = await loadMemberships(db, scope, filter, year);
  const rowTinIds = [...new Set([...rows.map((r) => r.tinId), ...(filter.tinIds ?? [])])];
  // One after the other: inside a transaction they share one connection.
  const hardships = await loadHardships(db, scope, [...new Set(rows.map((r) => r.tinId))], year);
  const counts = options.countSubmittedData ? await loadReportCounts(db, scope, rowTinIds, year) : null;
  const groupVolumes = await loadGroupVolumes(db, scope, [...new Set(rows.map((r) => r.tinId))], year);
  // Applications keyed by TIN (TIN-wide ones) and by TIN/clinician, so each row looks up its own.
  const tinWide = new Map<string, (LoadedHardship & { order: number })[]>();
  const byPair = new Map<string, (LoadedHardship & { order: number })[]>();
  for (const [order, loaded] of hardships.entries()) {
    const h = { ...loaded, order };
    const key = h.clinicianId === null ? h.tinId : `${h.tinId}/${h.clinicianId}`;
    const map = h.clinicianId === null ? tinWide : byPair;
    const list = map.get(key);
    if (list) list.push(h);
    else map.set(key, [h]);
  }
  const statuses = rows.map((r): ClinicianUnderTinStatus => {
    const figures = r.figures;
    const hardship = pickHardship(byPair.get(`${r.tinId}/${r.clinicianId}`) ?? [], tinWide.get(r.tinId) ?? []);
    let eligibility: EligibilityResult | null = null;
    let eligibilityNote: string;
    if (figures) {
      eligibility = evaluateEligibility({
        performanceYear: year,
        clinicianType: r.clinicianType,
        newlyEnrolled: figures.newlyEnrolled,
        individualVolume: { allowedChargesCents: figures.allowedChargesCents, beneficiaries: figures.partBBeneficiaries },
        // Group reporting: the low-volume threshold applies to the TIN's combined figures (rules section 2).
        ...(groupVolumes.has(r.tinId) ? { reportingAs: "group" as const, groupVolume: groupVolumes.get(r.tinId)! } : {}),
        // The roster records QP status as a yes/no; the engine takes the share through the APM.
        advancedApm: figures.advancedApmQp ? { paymentPercent: QP_PAYMENT_PERCENT } : undefined,
      });
      eligibilityNote = eligibility.reasons.map((x) => x.message).join("; ");
    } else {
      eligibilityNote = isMipsEligibleType(r.clinicianType, rulesYearOf(year))
        ? `no ${year} Medicare figures entered for this TIN: eligibility (low-volume threshold) cannot be decided`
        : `clinician type "${r.clinicianType}" is not a MIPS eligible clinician type in ${year}`;
    }
    const piReportCount = counts ? (counts.byPair.get(`${r.tinId}/${r.clinicianId}`) ?? 0) : null;
    const reweighting = clinicianReweighting({
      performanceYear: rulesYearOf(year),
      clinicianType: r.clinicianType,
      nonPatientFacing: figures?.nonPatientFacing ?? false,
      hospitalBased: figures?.hospitalBased ?? false,
      ascBased: figures?.ascBased ?? false,
      hardship: hardship ? { reason: hardship.reason, status: hardship.status } : null,
      // Rules section 5: PI data submitted for this TIN/NPI in the year cancels the reweighting.
      piDataSubmitted: (piReportCount ?? 0) > 0,
    });
    const basis = reweighting.reasons.some((x) => x.basis === "automatic") ? "automatic" : "hardship";
    const note = piDataNote(year, piReportCount, reweighting.qualifies, basis);
    return { ...r, tinDisplay: formatTin(r.tin), figures, eligibility, eligibilityNote, reweighting, hardship, piReportCount, piDataNote: note };
  });
  return { statuses, reportsByTin: counts ? counts.byTin : null };
}

/** Rows grouped by a key, in their order. */
function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

function groupOf(year: number, entityType: "group" | "virtualGroup", members: readonly ClinicianUnderTinStatus[], piDataSubmitted: boolean, tin?: string) {
  const group = groupReweighting({
    performanceYear: rulesYearOf(year),
    entityType,
    ...(tin ? { tin } : {}),
    clinicians: members.map((m) => ({
      npi: m.npi,
      tin: m.tin,
      clinicianType: m.clinicianType,
      nonPatientFacing: m.figures?.nonPatientFacing ?? false,
      hospitalBased: m.figures?.hospitalBased ?? false,
      ascBased: m.figures?.ascBased ?? false,
      hardship: m.hardship ? { reason: m.hardship.reason, status: m.hardship.status } : null,
    })),
    piDataSubmitted,
  });
  const byKey = new Map(members.map((m) => [`${m.tin}/${m.npi}`, m]));
  const blocking = group.blockingClinicians.map((b) => {
    const m = byKey.get(`${b.tin}/${b.npi}`)!;
    return { clinicianId: m.clinicianId, npi: b.npi, name: `${m.firstName} ${m.lastName}`, tinDisplay: m.tinDisplay, why: b.why };
  });
  return { group, blocking };
}

/** The 100% rule and small-practice status of each TIN in the year, with its clinicians (queries: see clinicianStatuses). */
export async function tinStatuses(db: Db, scope: OrgScope, tinIds: readonly string[], year: number, options: StatusOptions = {}): Promise<Map<string, TinStatus>> {
  const { statuses: all, reportsByTin } = await loadClinicianStatuses(db, scope, { tinIds }, year, options);
  const byTin = groupBy(all, (m) => m.tinId);
  const result = new Map<string, TinStatus>();
  for (const tinId of tinIds) {
    const members = byTin.get(tinId) ?? [];
    const tin = members[0]?.tin;
    const piReportCount = reportsByTin ? (reportsByTin.get(tinId) ?? 0) : null;
    const { group, blocking } = groupOf(year, "group", members, (piReportCount ?? 0) > 0, tin);
    const allQualify = group.blockingClinicians.length === 0 && (group.qualifyingClinicians.length > 0 || group.groupLevelReason !== null);
    const eligibleClinicianCount = members.filter((m) => isMipsEligibleType(m.clinicianType, rulesYearOf(year))).length;
    result.set(tinId, {
      tinId,
      performanceYear: year,
      clinicianCount: members.length,
      eligibleClinicianCount,
      smallPractice: eligibleClinicianCount <= SMALL_PRACTICE_MAX_CLINICIANS,
      group,
      blocking,
      clinicians: members,
      piReportCount,
      piDataNote: piDataNote(year, piReportCount, allQualify, "group"),
    });
  }
  return result;
}

/** Member TINs of virtual groups (batch). */
export async function virtualGroupMembers(db: Db, scope: OrgScope, virtualGroupIds: readonly string[]) {
  if (virtualGroupIds.length === 0) return [];
  return db
    .select({ virtualGroupId: virtualGroupTins.virtualGroupId, tinId: tins.id, tin: tins.tin, name: tins.name, performanceYear: virtualGroupTins.performanceYear })
    .from(virtualGroupTins)
    .innerJoin(tins, and(eq(tins.id, virtualGroupTins.tinId), eq(tins.organizationId, scope.organizationId)))
    .where(and(eq(virtualGroupTins.organizationId, scope.organizationId), inArray(virtualGroupTins.virtualGroupId, [...virtualGroupIds])))
    .orderBy(asc(tins.name));
}

export interface VirtualGroupStatus {
  group: GroupReweightingResult;
  blocking: BlockingClinicianRow[];
  clinicianCount: number;
  eligibleClinicianCount: number;
  /** Member TINs (CMS: a virtual group is two or more TINs). */
  memberTinCount: number;
  /** Measure reports of every member TIN in the year; null when not counted. */
  piReportCount: number | null;
  piDataNote: string | null;
}

/** The 100% rule across every clinician of every member TIN of each virtual group (same year as the group). */
export async function virtualGroupStatuses(db: Db, scope: OrgScope, groups: readonly { id: string; performanceYear: number }[], options: StatusOptions = {}) {
  const members = await virtualGroupMembers(db, scope, groups.map((g) => g.id));
  const result = new Map<string, VirtualGroupStatus>();
  const years = [...new Set(groups.map((g) => g.performanceYear))];
  for (const year of years) {
    const tinIds = [...new Set(members.filter((m) => m.performanceYear === year).map((m) => m.tinId))];
    const { statuses, reportsByTin } = await loadClinicianStatuses(db, scope, { tinIds }, year, options);
    for (const g of groups.filter((x) => x.performanceYear === year)) {
      const groupTins = new Set(members.filter((m) => m.virtualGroupId === g.id).map((m) => m.tinId));
      const clinicianRows = statuses.filter((s) => groupTins.has(s.tinId));
      const piReportCount = reportsByTin ? [...groupTins].reduce((n, tinId) => n + (reportsByTin.get(tinId) ?? 0), 0) : null;
      const { group, blocking } = groupOf(year, "virtualGroup", clinicianRows, (piReportCount ?? 0) > 0);
      const allQualify = group.blockingClinicians.length === 0 && group.qualifyingClinicians.length > 0;
      result.set(g.id, {
        group,
        blocking,
        clinicianCount: clinicianRows.length,
        eligibleClinicianCount: clinicianRows.filter((m) => isMipsEligibleType(m.clinicianType, rulesYearOf(year))).length,
        memberTinCount: groupTins.size,
        piReportCount,
        piDataNote: piDataNote(year, piReportCount, allQualify, "group"),
      });
    }
  }
  return result;
}

/** The virtual group a TIN belongs to in a year, if any. */
export async function virtualGroupOfTin(db: Db, scope: OrgScope, tinId: string, year: number) {
  const [row] = await db
    .select({ id: virtualGroups.id, name: virtualGroups.name, cmsId: virtualGroups.cmsId })
    .from(virtualGroupTins)
    .innerJoin(virtualGroups, and(eq(virtualGroups.id, virtualGroupTins.virtualGroupId), eq(virtualGroups.organizationId, scope.organizationId)))
    .where(and(eq(virtualGroupTins.organizationId, scope.organizationId), eq(virtualGroupTins.tinId, tinId), eq(virtualGroupTins.performanceYear, year)));
  return row ?? null;
}
