/**
 * Organization overview: every TIN of the year with how it reports, its PI category score (or
 * "reweighted"), final-score points, base met, attestations, the clinicians who block reweighting, and
 * data completeness; headline figures across TINs.
 *
 * Scale: a health system has 50 TINs, 10,000 clinicians and millions of measure values. The values are
 * summed in SQL per (TIN, period, CEHRT product, measure), so the server reads a few rows per product and
 * measure instead of every clinician's report. Each product's sums become one source for the same
 * `lib/mips` aggregation and scoring the TIN dashboard uses (summing is associative). That is exact only
 * when, within a product, every report gives the same yes/no answers (SRA, attestations, registries,
 * exclusions): the rules for those look at each source. A TIN where they differ is aggregated from its
 * individual reports instead (batch-loaded), so the figures always equal the TIN dashboard's.
 */
import { and, asc, count, countDistinct, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cehrtProducts, measureReports, measureValues, tinReportingChoices, tins, type ReportingMode } from "@/db/schema";
import type { ReportValue } from "@/lib/cehrt/report-values";
import { findMeasure, formatTin, isPerformanceYear } from "@/lib/mips";
import { aggregateReports } from "../cehrt/aggregation";
import { loadReports, type StoredReport } from "../cehrt/load";
import { tinStatuses } from "../roster/status";
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

interface ProductPeriodKey {
  tinId: string;
  productId: string | null;
  start: string;
  end: string;
}
const keyOf = (k: ProductPeriodKey) => `${k.tinId}|${k.productId ?? ""}|${k.start}|${k.end}`;

/** Sums per (TIN, period, product, measure) and whether the yes/no answers agree inside each product. */
async function productSums(db: Db, scope: OrgScope, year: number) {
  const [sums, reportCounts] = await Promise.all([
    db
      .select({
        tinId: measureReports.tinId,
        productId: measureReports.productId,
        start: measureReports.performanceStart,
        end: measureReports.performanceEnd,
        measureId: measureValues.measureId,
        numerator: sql<number | null>`sum(${measureValues.numerator})`.mapWith((v) => (v === null ? null : Number(v))),
        denominator: sql<number | null>`sum(${measureValues.denominator})`.mapWith((v) => (v === null ? null : Number(v))),
        anyYes: sql<boolean | null>`bool_or(${measureValues.yesNo})`,
        everyYes: sql<boolean | null>`bool_and(${measureValues.yesNo})`,
        answers: sql<number>`count(${measureValues.yesNo})`.mapWith(Number),
      })
      .from(measureValues)
      .innerJoin(measureReports, and(eq(measureReports.organizationId, measureValues.organizationId), eq(measureReports.id, measureValues.reportId)))
      .where(and(eq(measureValues.organizationId, scope.organizationId), eq(measureReports.organizationId, scope.organizationId), eq(measureReports.performanceYear, year)))
      .groupBy(measureReports.tinId, measureReports.productId, measureReports.performanceStart, measureReports.performanceEnd, measureValues.measureId)
      .orderBy(asc(measureValues.measureId)),
    db
      .select({
        tinId: measureReports.tinId,
        productId: measureReports.productId,
        start: measureReports.performanceStart,
        end: measureReports.performanceEnd,
        reports: count(),
      })
      .from(measureReports)
      .where(and(eq(measureReports.organizationId, scope.organizationId), eq(measureReports.performanceYear, year)))
      .groupBy(measureReports.tinId, measureReports.productId, measureReports.performanceStart, measureReports.performanceEnd),
  ]);
  return { sums, reportCounts };
}

/** Per TIN: clinicians with data, whole-TIN reports, vendors with data (SQL counts). */
async function dataCompleteness(db: Db, scope: OrgScope, year: number) {
  const [withData, registered] = await Promise.all([
    db
      .select({
        tinId: measureReports.tinId,
        clinicians: countDistinct(measureReports.clinicianId),
        wholeTin: sql<number>`count(*) filter (where ${measureReports.clinicianId} is null)`.mapWith(Number),
        vendors: sql<number>`count(distinct ${cehrtProducts.vendor})`.mapWith(Number),
      })
      .from(measureReports)
      .leftJoin(cehrtProducts, and(eq(cehrtProducts.organizationId, measureReports.organizationId), eq(cehrtProducts.id, measureReports.productId)))
      .where(and(eq(measureReports.organizationId, scope.organizationId), eq(measureReports.performanceYear, year)))
      .groupBy(measureReports.tinId),
    db
      .select({ tinId: cehrtProducts.tinId, vendors: sql<number>`count(distinct ${cehrtProducts.vendor})`.mapWith(Number) })
      .from(cehrtProducts)
      .where(and(eq(cehrtProducts.organizationId, scope.organizationId), isNotNull(cehrtProducts.vendor)))
      .groupBy(cehrtProducts.tinId),
  ]);
  return { withData: new Map(withData.map((r) => [r.tinId, r])), registered: new Map(registered.map((r) => [r.tinId, r.vendors])) };
}

async function productInfo(db: Db, scope: OrgScope) {
  const rows = await db
    .select({ id: cehrtProducts.id, vendor: cehrtProducts.vendor, productName: cehrtProducts.productName, cehrtId: cehrtProducts.cehrtId, edition: cehrtProducts.edition })
    .from(cehrtProducts)
    .where(eq(cehrtProducts.organizationId, scope.organizationId));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * One synthetic stored report per (TIN, period, product) holding the product's sums, for TINs whose
 * yes/no answers agree inside each product; the set of TINs that need their individual reports.
 */
function productSources(
  year: number,
  tinInfo: Map<string, { tin: string; name: string }>,
  products: Awaited<ReturnType<typeof productInfo>>,
  { sums, reportCounts }: Awaited<ReturnType<typeof productSums>>,
) {
  const reportsPer = new Map(reportCounts.map((r) => [keyOf(r), r.reports]));
  const sources = new Map<string, StoredReport>();
  const needReports = new Set<string>();
  for (const row of sums) {
    const key = keyOf(row);
    const isYesNo = row.answers > 0;
    const kind = isPerformanceYear(year) ? findMeasure(year, row.measureId)?.kind : undefined;
    // Registries and the IA bonus: "any yes" (bool_or) composes. Attestations: "none no, some yes"
    // composes through bool_and. The SRA ("every source, a silent one is a no") and exclusions ("every
    // source reporting the measure claims it") look at each source: sum them only when every report of
    // the product gives the same answer; otherwise read the TIN's reports.
    const perSource = kind === "securityRiskAnalysis" || kind === "exclusion" || kind === undefined;
    if (isYesNo && perSource && (row.answers !== reportsPer.get(key) || row.anyYes !== row.everyYes)) needReports.add(row.tinId);
    if (isYesNo && row.numerator !== null) needReports.add(row.tinId);
    let source = sources.get(key);
    if (!source) {
      const tin = tinInfo.get(row.tinId);
      const product = row.productId ? products.get(row.productId) : undefined;
      source = {
        id: key,
        version: 1,
        tinId: row.tinId,
        tin: tin?.tin ?? "",
        tinName: tin?.name ?? "",
        clinicianId: null,
        npi: null,
        clinicianName: null,
        productId: row.productId,
        vendor: product?.vendor ?? null,
        productName: product?.productName ?? null,
        cehrtId: product?.cehrtId ?? null,
        cehrtEdition: product?.edition ?? null,
        performanceYear: year,
        performanceStart: row.start,
        performanceEnd: row.end,
        sourceKind: "manual",
        // reportLabel() names sources by file name: make it unique per product and period.
        fileName: `${product ? `${product.vendor} ${product.productName}` : "no CEHRT product"} ${row.start}..${row.end}`,
        checksum: null,
        importId: null,
        createdAt: new Date(0),
        values: [],
      };
      sources.set(key, source);
    }
    const value: ReportValue = isYesNo
      ? { measureId: row.measureId, numerator: null, denominator: null, yesNo: kind === "registry" || kind === "iaBonus" || kind === "yesNo" ? row.anyYes : row.everyYes }
      : { measureId: row.measureId, numerator: row.numerator, denominator: row.denominator, yesNo: null };
    source.values.push(value);
  }
  return { sources: [...sources.values()], needReports };
}

export async function organizationOverview(db: Db, scope: OrgScope, params: { performanceYear: number }): Promise<OrganizationOverview> {
  const year = params.performanceYear;
  const tinRows = await db
    .select({ id: tins.id, tin: tins.tin, name: tins.name })
    .from(tins)
    .where(and(eq(tins.organizationId, scope.organizationId), isNull(tins.archivedAt)))
    .orderBy(asc(tins.name), asc(tins.tin));
  const tinIds = tinRows.map((t) => t.id);
  const [choices, statuses, sums, completeness, products] = await Promise.all([
    db.select().from(tinReportingChoices).where(and(eq(tinReportingChoices.organizationId, scope.organizationId), eq(tinReportingChoices.performanceYear, year))),
    tinStatuses(db, scope, tinIds, year),
    productSums(db, scope, year),
    dataCompleteness(db, scope, year),
    productInfo(db, scope),
  ]);
  const tinInfo = new Map(tinRows.map((t) => [t.id, t]));
  const { sources, needReports } = productSources(year, tinInfo, products, sums);
  const exactReports = needReports.size > 0 ? await loadReports(db, scope, { tinIds: [...needReports], performanceYear: year }) : [];
  const choiceOf = new Map(choices.map((c) => [c.tinId, c]));

  const rows: OverviewTin[] = tinRows.map((t) => {
    const choice = choiceOf.get(t.id);
    const chosen = choice?.performanceStart && choice.performanceEnd ? { start: choice.performanceStart, end: choice.performanceEnd } : null;
    const fromReports = needReports.has(t.id);
    const aggregation = aggregateReports((fromReports ? exactReports : sources).filter((r) => r.tinId === t.id), chosen);
    const status = statuses.get(t.id)!;
    const data = completeness.withData.get(t.id);
    return {
      tinId: t.id,
      tin: t.tin,
      tinDisplay: formatTin(t.tin),
      name: t.name,
      reportingMode: choice?.mode ?? null,
      performancePeriod: aggregation.period,
      ...groupSummary(aggregation, status.group.reweighted),
      groupQualifiesForReweighting: status.group.reweighted,
      blockingCount: status.blocking.length,
      clinicianCount: status.clinicianCount,
      eligibleClinicianCount: status.eligibleClinicianCount,
      cliniciansWithData: data?.clinicians ?? 0,
      wholeTinReports: data?.wholeTin ?? 0,
      vendorsWithData: data?.vendors ?? 0,
      vendorsRegistered: completeness.registered.get(t.id) ?? 0,
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

