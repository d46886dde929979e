/**
 * Batch loading of stored measure reports with their values: one query for the reports (with TIN,
 * clinician and product), one for every value of those reports, whatever their number. Turns a stored
 * report into the QPP submission the lib/ aggregation and scoring read.
 */
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cehrtProducts, clinicians, measureReports, measureValues, tins, type ReportSourceKind } from "@/db/schema";
import { type ReportValue, reportMeasurementSet } from "@/lib/cehrt/report-values";
import { type PerformanceYear, type Submission } from "@/lib/mips";
import type { OrgScope } from "../scope";

export interface StoredReport {
  id: string;
  version: number;
  tinId: string;
  tin: string;
  tinName: string;
  clinicianId: string | null;
  npi: string | null;
  clinicianName: string | null;
  productId: string | null;
  vendor: string | null;
  productName: string | null;
  cehrtId: string | null;
  cehrtEdition: string | null;
  performanceYear: number;
  performanceStart: string;
  performanceEnd: string;
  sourceKind: ReportSourceKind;
  fileName: string | null;
  checksum: string | null;
  importId: string | null;
  createdAt: Date;
  values: ReportValue[];
}

export interface ReportFilter {
  tinIds?: readonly string[];
  clinicianIds?: readonly string[];
  reportIds?: readonly string[];
  performanceYear?: number;
}

/** Reports matching the filter, with values. Two queries. */
export async function loadReports(db: Db, scope: OrgScope, filter: ReportFilter): Promise<StoredReport[]> {
  return attachValues(db, scope, await loadReportHeaders(db, scope, filter));
}

/** The values of these reports (loaded without them), in place; the reports returned. One query. */
export async function attachValues(db: Db, scope: OrgScope, reports: StoredReport[]): Promise<StoredReport[]> {
  const values = await loadValues(db, scope, reports.map((r) => r.id));
  for (const r of reports) r.values = values.get(r.id) ?? [];
  return reports;
}

/** Reports matching the filter without their values (`values` empty until `attachValues`). One query. */
export async function loadReportHeaders(db: Db, scope: OrgScope, filter: ReportFilter): Promise<StoredReport[]> {
  for (const list of [filter.tinIds, filter.clinicianIds, filter.reportIds]) if (list && list.length === 0) return [];
  const conditions: (SQL | undefined)[] = [
    eq(measureReports.organizationId, scope.organizationId),
    filter.tinIds ? inArray(measureReports.tinId, [...filter.tinIds]) : undefined,
    filter.clinicianIds ? inArray(measureReports.clinicianId, [...filter.clinicianIds]) : undefined,
    filter.reportIds ? inArray(measureReports.id, [...filter.reportIds]) : undefined,
    filter.performanceYear !== undefined ? eq(measureReports.performanceYear, filter.performanceYear) : undefined,
  ];
  const rows = await db
    .select({
      id: measureReports.id,
      version: measureReports.version,
      tinId: measureReports.tinId,
      tin: tins.tin,
      tinName: tins.name,
      clinicianId: measureReports.clinicianId,
      npi: clinicians.npi,
      firstName: clinicians.firstName,
      lastName: clinicians.lastName,
      productId: measureReports.productId,
      vendor: cehrtProducts.vendor,
      productName: cehrtProducts.productName,
      cehrtId: cehrtProducts.cehrtId,
      cehrtEdition: cehrtProducts.edition,
      performanceYear: measureReports.performanceYear,
      performanceStart: measureReports.performanceStart,
      performanceEnd: measureReports.performanceEnd,
      sourceKind: measureReports.sourceKind,
      fileName: measureReports.fileName,
      checksum: measureReports.checksum,
      importId: measureReports.importId,
      createdAt: measureReports.createdAt,
    })
    .from(measureReports)
    .innerJoin(tins, and(eq(tins.organizationId, measureReports.organizationId), eq(tins.id, measureReports.tinId)))
    .leftJoin(clinicians, and(eq(clinicians.organizationId, measureReports.organizationId), eq(clinicians.id, measureReports.clinicianId)))
    .leftJoin(cehrtProducts, and(eq(cehrtProducts.organizationId, measureReports.organizationId), eq(cehrtProducts.id, measureReports.productId)))
    .where(and(...conditions))
    .orderBy(asc(measureReports.performanceStart), asc(clinicians.npi), asc(measureReports.createdAt));
  return rows.map(({ firstName, lastName, ...r }): StoredReport => ({
    ...r,
    clinicianName: firstName ? `${firstName} ${lastName ?? ""}`.trim() : null,
    values: [],
  }));
}

async function loadValues(db: Db, scope: OrgScope, reportIds: string[]): Promise<Map<string, ReportValue[]>> {
  const out = new Map<string, ReportValue[]>();
  if (reportIds.length === 0) return out;
  const rows = await db
    .select()
    .from(measureValues)
    .where(and(eq(measureValues.organizationId, scope.organizationId), inArray(measureValues.reportId, reportIds)))
    .orderBy(asc(measureValues.measureId));
  for (const r of rows) {
    const list = out.get(r.reportId) ?? [];
    list.push({ measureId: r.measureId, numerator: r.numerator, denominator: r.denominator, yesNo: r.yesNo });
    out.set(r.reportId, list);
  }
  return out;
}

/** The report as the QPP submission its source would have produced (individual, or whole-TIN as a group). */
export function reportSubmission(r: StoredReport): Submission {
  return {
    performanceYear: r.performanceYear,
    entityType: r.npi ? "individual" : "group",
    taxpayerIdentificationNumber: r.tin,
    ...(r.npi ? { nationalProviderIdentifier: r.npi } : {}),
    measurementSets: [reportMeasurementSet(r.performanceYear as PerformanceYear, { performanceStart: r.performanceStart, performanceEnd: r.performanceEnd, cehrtId: r.cehrtId }, r.values)],
  };
}

/** A label unique among reports, naming what a user recognises: file (or manual entry), NPI, product. */
export function reportLabel(r: StoredReport): string {
  const source = r.fileName ?? "manual entry";
  const who = r.npi ? `NPI ${r.npi}` : "whole TIN";
  const product = r.productName ? `${r.vendor} ${r.productName}` : "no CEHRT product";
  return `${source} (${who}, ${product}, #${r.id.slice(0, 8)})`;
}

export function periodKey(r: { performanceStart: string; performanceEnd: string }): string {
  return `${r.performanceStart}..${r.performanceEnd}`;
}
