/**
 * A TIN's data as one source per (period, CEHRT product) holding the product's summed values (the
 * rollups), for the same `lib/mips` aggregation and scoring the TIN dashboard runs over individual
 * reports (summing is associative). That is exact only when, within a product, every report gives the
 * same yes/no answers (SRA, attestations, registries, exclusions): the rules for those look at each
 * source. A TIN where they differ is listed in `needReports`, and callers aggregate its individual
 * reports instead, so the figures always equal the TIN dashboard's.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cehrtProducts, tins } from "@/db/schema";
import type { ReportValue } from "@/lib/cehrt/report-values";
import { findMeasure, isPerformanceYear } from "@/lib/mips";
import type { OrgScope } from "../scope";
import { notFound } from "./access";
import { aggregateReports, getReportingChoice } from "./aggregation";
import { loadReports, type StoredReport } from "./load";
import { productRollups, type ProductMeasureSum, type ProductReportCount } from "./rollups";

export interface ProductInfo {
  id: string;
  tinId: string;
  vendor: string;
  productName: string;
  cehrtId: string;
  edition: string;
}

/** The organization's CEHRT products (of these TINs) by id (a few per TIN). */
export async function productInfo(db: Db, scope: OrgScope, tinIds?: readonly string[]): Promise<Map<string, ProductInfo>> {
  const rows = await db
    .select({ id: cehrtProducts.id, tinId: cehrtProducts.tinId, vendor: cehrtProducts.vendor, productName: cehrtProducts.productName, cehrtId: cehrtProducts.cehrtId, edition: cehrtProducts.edition })
    .from(cehrtProducts)
    .where(and(eq(cehrtProducts.organizationId, scope.organizationId), tinIds ? inArray(cehrtProducts.tinId, [...tinIds]) : undefined));
  return new Map(rows.map((r) => [r.id, r]));
}

const keyOf = (k: { tinId: string; productId: string | null; start: string; end: string }) => `${k.tinId}|${k.productId ?? ""}|${k.start}|${k.end}`;

/**
 * One synthetic stored report per (TIN, period, product) holding the product's sums, for TINs whose
 * yes/no answers agree inside each product; the set of TINs that need their individual reports.
 */
export function productSources(
  year: number,
  tinInfo: ReadonlyMap<string, { tin: string; name: string }>,
  products: ReadonlyMap<string, ProductInfo>,
  sums: readonly ProductMeasureSum[],
  reportCounts: readonly ProductReportCount[],
) {
  const reportsPer = new Map(reportCounts.map((r) => [keyOf(r), r.reports]));
  const sources = new Map<string, StoredReport>();
  const needReports = new Set<string>();
  for (const row of sums) {
    const key = keyOf(row);
    const isYesNo = row.answers > 0;
    const kind = isPerformanceYear(year) ? findMeasure(year, row.measureId)?.kind : undefined;
    // Registries and the IA bonus: "any yes" composes. Attestations: "none no, some yes" composes
    // through "every yes". The SRA ("every source, a silent one is a no") and exclusions ("every source
    // reporting the measure claims it") look at each source: sum them only when every report of the
    // product gives the same answer; otherwise read the TIN's reports.
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

/**
 * A TIN's group aggregation for the year from its product sums (the rollups), or from its individual
 * reports when its yes/no answers differ inside a product. Same figures as `tinAggregation` without
 * reading every clinician's values; no lineage per report (use `tinAggregation` for that).
 */
export async function summedTinAggregation(db: Db, scope: OrgScope, params: { tinId: string; performanceYear: number }) {
  const year = params.performanceYear;
  const [tin] = await db.select({ id: tins.id, tin: tins.tin, name: tins.name }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), eq(tins.id, params.tinId)));
  if (!tin) throw notFound("TIN");
  const [choice, rollups, products] = await Promise.all([
    getReportingChoice(db, scope, params),
    productRollups(db, scope, { performanceYear: year, tinIds: [tin.id] }),
    productInfo(db, scope, [tin.id]),
  ]);
  const chosen = choice?.performanceStart && choice.performanceEnd ? { start: choice.performanceStart, end: choice.performanceEnd } : null;
  const { sources, needReports } = productSources(year, new Map([[tin.id, tin]]), products, rollups.sums, rollups.reportCounts);
  const reports = needReports.size > 0 ? await loadReports(db, scope, { tinIds: [tin.id], performanceYear: year }) : sources;
  return { tin, choice, aggregation: aggregateReports(reports, chosen), aggregatedFrom: needReports.size > 0 ? ("reports" as const) : ("productSums" as const) };
}
