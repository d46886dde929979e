/**
 * Reads the measure rollups (db/schema/cehrt-rollups.ts, maintained on write by triggers): per (TIN,
 * period, CEHRT product, measure) the summed numerators/denominators and how the yes/no answers went, and
 * per (TIN, period, product) the number of reports. A dashboard reads a few rows per product and measure
 * instead of every clinician's values; lib/mips aggregates and scores the sums like any other source.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { measureReportRollups, measureValueRollups } from "@/db/schema";
import type { OrgScope } from "../scope";

export interface ProductMeasureSum {
  tinId: string;
  productId: string | null;
  start: string;
  end: string;
  measureId: string;
  /** Summed over the reports that give a numerator/denominator; null when none does. */
  numerator: number | null;
  denominator: number | null;
  /** Some report answers yes (null: no report answers yes/no). */
  anyYes: boolean | null;
  /** Every report answering yes/no answers yes (null: none answers). */
  everyYes: boolean | null;
  /** Reports answering yes/no. */
  answers: number;
}

export interface ProductReportCount {
  tinId: string;
  productId: string | null;
  start: string;
  end: string;
  reports: number;
  wholeTinReports: number;
}

export interface RollupFilter {
  performanceYear: number;
  /** Only these TINs (all of the organization's when omitted). */
  tinIds?: readonly string[];
}

/** The year's sums per (TIN, product, period, measure) and report counts per (TIN, product, period). Two queries. */
export async function productRollups(db: Db, scope: OrgScope, filter: RollupFilter): Promise<{ sums: ProductMeasureSum[]; reportCounts: ProductReportCount[] }> {
  if (filter.tinIds && filter.tinIds.length === 0) return { sums: [], reportCounts: [] };
  const v = measureValueRollups;
  const r = measureReportRollups;
  const [values, reports] = await Promise.all([
    db
      .select()
      .from(v)
      .where(and(eq(v.organizationId, scope.organizationId), eq(v.performanceYear, filter.performanceYear), filter.tinIds ? inArray(v.tinId, [...filter.tinIds]) : undefined))
      .orderBy(asc(v.measureId)),
    db
      .select()
      .from(r)
      .where(and(eq(r.organizationId, scope.organizationId), eq(r.performanceYear, filter.performanceYear), filter.tinIds ? inArray(r.tinId, [...filter.tinIds]) : undefined)),
  ]);
  const sums = values.map((row): ProductMeasureSum => {
    const answers = row.yesCount + row.noCount;
    return {
      tinId: row.tinId,
      productId: row.productId,
      start: row.performanceStart,
      end: row.performanceEnd,
      measureId: row.measureId,
      numerator: row.rateCount > 0 ? Number(row.numeratorSum) : null,
      denominator: row.rateCount > 0 ? Number(row.denominatorSum) : null,
      anyYes: answers > 0 ? row.yesCount > 0 : null,
      everyYes: answers > 0 ? row.noCount === 0 : null,
      answers,
    };
  });
  const reportCounts = reports.map((row): ProductReportCount => ({
    tinId: row.tinId,
    productId: row.productId,
    start: row.performanceStart,
    end: row.performanceEnd,
    reports: row.reportCount,
    wholeTinReports: row.wholeTinReportCount,
  }));
  return { sums, reportCounts };
}
