/**
 * Organization overview: every TIN of the year with how it reports, its PI category score (or
 * "reweighted"), final-score points, base met, attestations, the clinicians who block reweighting, and
 * data completeness; headline figures across TINs.
 *
 * Scale: a health system has 50 TINs, 10,000 clinicians and millions of measure values. The values are
 * read from the rollups maintained on write (per TIN, period, CEHRT product and measure: a few rows per
 * product and measure instead of every clinician's report), and each product's sums become one source
 * for the same `lib/mips` aggregation and scoring the TIN dashboard uses (cehrt/product-sources.ts; a
 * TIN whose yes/no answers differ inside a product is aggregated from its individual reports instead).
 * The 100% rule comes from a per-TIN summary computed in SQL (roster/tin-summary.ts), not from every
 * membership loaded into Node.
 */
import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { measureReportClinicianRollups, tinReportingChoices, tins, type ReportingMode } from "@/db/schema";
import { formatTin } from "@/lib/mips";
import { aggregateReports } from "../cehrt/aggregation";
import { loadReports, type StoredReport } from "../cehrt/load";
import { productInfo, productSources, type ProductInfo } from "../cehrt/product-sources";
import { productRollups, type ProductReportCount } from "../cehrt/rollups";
import { reweightingSummaries } from "../roster/tin-summary";
import type { OrgScope } from "../scope";
import { groupSummary, type ScoreSummary } from "./summary";

export interface OverviewTin extends ScoreSummary {
  tinId: string;
  tin: string;
  tinDisplay: string;
  name: string;
  reportingMode: ReportingMode | null;
  performancePeriod: { start: string; end: string } | null;
  /** 100% rule met (every MIPS eligible clinician qualifies), whatever the data. */
  groupQualifiesForReweighting: boolean;
  blockingCount: number;
  clinicianCount: number;
  eligibleClinicianCount: number;
  cliniciansWithData: number;
  /** Reports of the whole TIN (group-level vendor exports), not tied to a clinician. */
  wholeTinReports: number;
  vendorsWithData: number;
  vendorsRegistered: number;
  smallPractice: boolean;
  /** How the figures were computed: SQL sums per product, or the TIN's individual reports. */
  aggregatedFrom: "productSums" | "reports";
}

export interface OrganizationOverview {
  performanceYear: number;
  tins: OverviewTin[];
  headline: {
    tinCount: number;
    scoredTins: number;
    reweightedTins: number;
    tinsWithoutData: number;
    /** Mean capped PI score of the scored TINs (null when none). */
    averagePiScore: number | null;
    baseMetTins: number;
    blockingClinicians: number;
    clinicians: number;
    cliniciansWithData: number;
  };
}

/** Per TIN: clinicians with data (NPIs with a report in the year: rows of the per-clinician report rollup). */
async function cliniciansWithData(db: Db, scope: OrgScope, year: number) {
  const r = measureReportClinicianRollups;
  const rows = await db
    .select({ tinId: r.tinId, clinicians: count(r.clinicianId) })
    .from(r)
    .where(and(eq(r.organizationId, scope.organizationId), eq(r.performanceYear, year)))
    .groupBy(r.tinId);
  return new Map(rows.map((row) => [row.tinId, row.clinicians]));
}

/** Per TIN: whole-TIN reports and vendors with data (from the report rollups), vendors registered (products). */
function vendorCompleteness(reportCounts: readonly ProductReportCount[], products: ReadonlyMap<string, ProductInfo>) {
  const wholeTin = new Map<string, number>();
  const withData = new Map<string, Set<string>>();
  const registered = new Map<string, Set<string>>();
  for (const r of reportCounts) {
    wholeTin.set(r.tinId, (wholeTin.get(r.tinId) ?? 0) + r.wholeTinReports);
    const vendor = r.productId ? products.get(r.productId)?.vendor : undefined;
    if (vendor !== undefined) withData.set(r.tinId, (withData.get(r.tinId) ?? new Set()).add(vendor));
  }
  for (const p of products.values()) registered.set(p.tinId, (registered.get(p.tinId) ?? new Set()).add(p.vendor));
  return { wholeTin, withData, registered };
}

export async function organizationOverview(db: Db, scope: OrgScope, params: { performanceYear: number }): Promise<OrganizationOverview> {
  const year = params.performanceYear;
  const tinRows = await db
    .select({ id: tins.id, tin: tins.tin, name: tins.name })
    .from(tins)
    .where(and(eq(tins.organizationId, scope.organizationId), isNull(tins.archivedAt)))
    .orderBy(asc(tins.name), asc(tins.tin));
  const tinIds = tinRows.map((t) => t.id);
  const [choices, statuses, rollups, withData, products] = await Promise.all([
    db.select().from(tinReportingChoices).where(and(eq(tinReportingChoices.organizationId, scope.organizationId), eq(tinReportingChoices.performanceYear, year))),
    reweightingSummaries(db, scope, tinIds, year),
    productRollups(db, scope, { performanceYear: year }),
    cliniciansWithData(db, scope, year),
    productInfo(db, scope),
  ]);
  const tinInfo = new Map(tinRows.map((t) => [t.id, t]));
  const { sources, needReports } = productSources(year, tinInfo, products, rollups.sums, rollups.reportCounts);
  const completeness = vendorCompleteness(rollups.reportCounts, products);
  const sourcesOf = new Map<string, StoredReport[]>();
  for (const s of sources) sourcesOf.set(s.tinId, [...(sourcesOf.get(s.tinId) ?? []), s]);
  const reportsOf = new Map<string, StoredReport[]>();
  const exactReports = needReports.size > 0 ? await loadReports(db, scope, { tinIds: [...needReports], performanceYear: year }) : [];
  for (const r of exactReports) reportsOf.set(r.tinId, [...(reportsOf.get(r.tinId) ?? []), r]);
  const choiceOf = new Map(choices.map((c) => [c.tinId, c]));

  const rows: OverviewTin[] = tinRows.map((t) => {
    const choice = choiceOf.get(t.id);
    const chosen = choice?.performanceStart && choice.performanceEnd ? { start: choice.performanceStart, end: choice.performanceEnd } : null;
    const fromReports = needReports.has(t.id);
    const aggregation = aggregateReports((fromReports ? reportsOf : sourcesOf).get(t.id) ?? [], chosen);
    const status = statuses.get(t.id)!;
    return {
      tinId: t.id,
      tin: t.tin,
      tinDisplay: formatTin(t.tin),
      name: t.name,
      reportingMode: choice?.mode ?? null,
      performancePeriod: aggregation.period,
      ...groupSummary(aggregation, status.groupQualifiesForReweighting),
      groupQualifiesForReweighting: status.groupQualifiesForReweighting,
      blockingCount: status.blockingCount,
      clinicianCount: status.clinicianCount,
      eligibleClinicianCount: status.eligibleClinicianCount,
      cliniciansWithData: withData.get(t.id) ?? 0,
      wholeTinReports: completeness.wholeTin.get(t.id) ?? 0,
      vendorsWithData: completeness.withData.get(t.id)?.size ?? 0,
      vendorsRegistered: completeness.registered.get(t.id)?.size ?? 0,
      smallPractice: status.smallPractice,
      aggregatedFrom: fromReports ? "reports" : "productSums",
    };
  });
  const scored = rows.filter((r) => r.piScore !== null);
  return {
    performanceYear: year,
    tins: rows,
    headline: {
      tinCount: rows.length,
      scoredTins: scored.length,
      reweightedTins: rows.filter((r) => r.status === "reweighted").length,
      tinsWithoutData: rows.filter((r) => r.status === "noData").length,
      averagePiScore: scored.length ? Math.round((scored.reduce((s, r) => s + r.piScore!, 0) / scored.length) * 100) / 100 : null,
      baseMetTins: rows.filter((r) => r.baseMet).length,
      blockingClinicians: rows.reduce((s, r) => s + r.blockingCount, 0),
      clinicians: rows.reduce((s, r) => s + r.clinicianCount, 0),
      cliniciansWithData: rows.reduce((s, r) => s + r.cliniciansWithData, 0),
    },
  };
}

