/**
 * Measure reports: list (paginated in SQL), read, manual entry (create or edit with a version), delete.
 * Manual entry is checked against CMS's catalog of the year (lib/cehrt/report-values.ts) and the roster:
 * the NPI bills under the TIN, the product is one of the TIN's. Clinicians see and change only their own
 * NPI's reports; executives read only.
 */
import { and, count, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cehrtProducts, clinicians, measureReports, measureValues, tinMemberships, tins } from "@/db/schema";
import { type ReportValue, reportPeriodIssues, reportValueIssues } from "@/lib/cehrt/report-values";
import { AppError, badInput, type Issue } from "@/lib/errors";
import { formatTin } from "@/lib/mips";
import { recordAudit, staleVersionMessage } from "../audit";
import { requireOrganizationRecords } from "../organization-records";
import type { OrgScope } from "../scope";
import { assertCanChange, assertClinicianInTin, assertClinicianOwns, type DataViewer, isUniqueViolation, notFound, ownClinicianId } from "./access";
import { loadReports } from "./load";
import { reweightingCancellations, reweightingKey } from "./reweighting-warning";

export interface ListReportsParams {
  tinId?: string | undefined;
  performanceYear?: number | undefined;
  page: number;
  pageSize: number;
}

/** One page of reports, newest period first, with the total; a clinician sees only their own NPI's. */
export async function listReports(db: Db, scope: OrgScope, viewer: DataViewer, params: ListReportsParams) {
  await requireOrganizationRecords(db, scope, { tinId: params.tinId });
  const own = await ownClinicianId(db, scope, viewer);
  const where = and(
    eq(measureReports.organizationId, scope.organizationId),
    params.tinId ? eq(measureReports.tinId, params.tinId) : undefined,
    params.performanceYear ? eq(measureReports.performanceYear, params.performanceYear) : undefined,
    viewer.role === "clinician" ? eq(measureReports.clinicianId, own ?? "") : undefined,
  );
  const measureCount = db
    .select({ reportId: measureValues.reportId, n: count().as("n") })
    .from(measureValues)
    .where(eq(measureValues.organizationId, scope.organizationId))
    .groupBy(measureValues.reportId)
    .as("measure_count");
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: measureReports.id,
        tinId: measureReports.tinId,
        tin: tins.tin,
        tinName: tins.name,
        clinicianId: measureReports.clinicianId,
        npi: clinicians.npi,
        firstName: clinicians.firstName,
        lastName: clinicians.lastName,
        vendor: cehrtProducts.vendor,
        productName: cehrtProducts.productName,
        cehrtId: cehrtProducts.cehrtId,
        performanceYear: measureReports.performanceYear,
        performanceStart: measureReports.performanceStart,
        performanceEnd: measureReports.performanceEnd,
        sourceKind: measureReports.sourceKind,
        fileName: measureReports.fileName,
        version: measureReports.version,
        updatedAt: measureReports.updatedAt,
        measureCount: sql<number>`coalesce(${measureCount.n}, 0)`.mapWith(Number),
      })
      .from(measureReports)
      .innerJoin(tins, and(eq(tins.organizationId, measureReports.organizationId), eq(tins.id, measureReports.tinId)))
      .leftJoin(clinicians, and(eq(clinicians.organizationId, measureReports.organizationId), eq(clinicians.id, measureReports.clinicianId)))
      .leftJoin(cehrtProducts, and(eq(cehrtProducts.organizationId, measureReports.organizationId), eq(cehrtProducts.id, measureReports.productId)))
      .leftJoin(measureCount, eq(measureCount.reportId, measureReports.id))
      .where(where)
      .orderBy(desc(measureReports.performanceYear), desc(measureReports.performanceStart), tins.tin, clinicians.npi, measureReports.id)
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(measureReports).where(where),
  ]);
  return {
    reports: rows.map((r) => ({ ...r, tinDisplay: formatTin(r.tin) })),
    total: totals[0]?.total ?? 0,
    page: params.page,
    pageSize: params.pageSize,
  };
}

export async function getReport(db: Db, scope: OrgScope, viewer: DataViewer, reportId: string) {
  const [report] = await loadReports(db, scope, { reportIds: [reportId] });
  if (!report) throw notFound("measure report");
  if (viewer.role === "clinician") {
    const own = await ownClinicianId(db, scope, viewer);
    // Not revealed to another clinician: the same answer as a missing report.
    if (report.clinicianId !== own) throw notFound("measure report");
  }
  return report;
}

export interface ManualReportParams {
  /** Editing an existing report: its id and the version the form was opened with. */
  reportId?: string | undefined;
  expectedVersion?: number | undefined;
  tinId: string;
  clinicianId: string | null;
  productId: string;
  performanceYear: number;
  performanceStart: string;
  performanceEnd: string;
  values: ReportValue[];
}

/** What entering this report would change beyond itself: the reweighting it cancels (null when none). */
export async function manualReportWarning(db: Db, scope: OrgScope, viewer: DataViewer, params: { tinId: string; clinicianId: string | null; performanceYear: number }) {
  await requireOrganizationRecords(db, scope, params);
  const own = await ownClinicianId(db, scope, viewer);
  assertClinicianOwns(viewer, own, params.clinicianId);
  await assertClinicianInTin(db, scope, own, params.tinId);
  const messages = await reweightingCancellations(db, scope, [params]);
  return { reweightingCancelled: messages.get(reweightingKey(params)) ?? null };
}

/** Roster checks: the TIN, the clinician billing under it in the year, the product being the TIN's. */
async function rosterIssues(tx: Db, scope: OrgScope, params: ManualReportParams): Promise<Issue[]> {
  const issues: Issue[] = [];
  const [tin] = await tx.select({ id: tins.id }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), eq(tins.id, params.tinId), isNull(tins.archivedAt)));
  if (!tin) return [{ path: "tinId", message: "no such TIN in this organization" }];
  if (params.clinicianId) {
    const first = `${params.performanceYear}-01-01`;
    const last = `${params.performanceYear}-12-31`;
    const [membership] = await tx
      .select({ id: tinMemberships.id })
      .from(tinMemberships)
      .where(
        and(
          eq(tinMemberships.organizationId, scope.organizationId),
          eq(tinMemberships.tinId, params.tinId),
          eq(tinMemberships.clinicianId, params.clinicianId),
          sql`${tinMemberships.startDate} <= ${last}`,
          sql`(${tinMemberships.endDate} IS NULL OR ${tinMemberships.endDate} >= ${first})`,
        ),
      );
    if (!membership) issues.push({ path: "clinicianId", message: `this clinician does not bill under the TIN in ${params.performanceYear} (see the TIN's roster)` });
  }
  const [product] = await tx
    .select({ id: cehrtProducts.id })
    .from(cehrtProducts)
    .where(and(eq(cehrtProducts.organizationId, scope.organizationId), eq(cehrtProducts.id, params.productId), eq(cehrtProducts.tinId, params.tinId)));
  if (!product) issues.push({ path: "productId", message: "choose one of this TIN's CEHRT products (register it first on the CEHRT data page)" });
  return issues;
}


/** Creates or edits a manually entered report; every problem is reported at once and nothing is saved. */
export async function saveManualReport(db: Db, scope: OrgScope, viewer: DataViewer, params: ManualReportParams) {
  assertCanChange(viewer);
  await requireOrganizationRecords(db, scope, { tinId: params.tinId, clinicianId: params.clinicianId, productId: params.productId });
  const own = await ownClinicianId(db, scope, viewer);
  assertClinicianOwns(viewer, own, params.clinicianId);
  const values = params.values.filter((v) => v.yesNo != null || v.numerator != null || v.denominator != null);
  const issues = [...reportPeriodIssues(params.performanceYear, params.performanceStart, params.performanceEnd), ...reportValueIssues(params.performanceYear, values)];
  if (values.length === 0) issues.push({ path: "values", message: "enter at least one measure" });
  return db.transaction(async (tx) => {
    issues.push(...(await rosterIssues(tx, scope, params)));
    if (issues.length > 0) throw badInput(`The report cannot be saved (${issues.length} problem(s)).`, issues);
    let before: Awaited<ReturnType<typeof loadReports>>[number] | undefined;
    if (params.reportId) {
      [before] = await loadReports(tx, scope, { reportIds: [params.reportId] });
      if (!before) throw notFound("measure report");
      assertClinicianOwns(viewer, own, before.clinicianId);
      if (before.version !== params.expectedVersion) throw new AppError("CONFLICT", await staleVersionMessage(tx, scope, "measure_report", before.id, "measure report"));
    }
    const fields = {
      tinId: params.tinId,
      clinicianId: params.clinicianId,
      productId: params.productId,
      performanceYear: params.performanceYear,
      performanceStart: params.performanceStart,
      performanceEnd: params.performanceEnd,
    };
    let reportId: string;
    try {
      if (before) {
        // The version in the WHERE makes a concurrent edit that passed the check above lose, not overwrite.
        const updated = await tx
          .update(measureReports)
          .set({ ...fields, sourceKind: "manual", fileName: null, checksum: null, importId: null, version: sql`${measureReports.version} + 1`, updatedAt: new Date(), importedBy: scope.actorUserId })
          .where(and(eq(measureReports.organizationId, scope.organizationId), eq(measureReports.id, before.id), eq(measureReports.version, before.version)))
          .returning({ id: measureReports.id });
        if (updated.length === 0) throw new AppError("CONFLICT", await staleVersionMessage(tx, scope, "measure_report", before.id, "measure report"));
        await tx.delete(measureValues).where(and(eq(measureValues.organizationId, scope.organizationId), eq(measureValues.reportId, before.id)));
        reportId = before.id;
      } else {
        const [row] = await tx
          .insert(measureReports)
          .values({ organizationId: scope.organizationId, ...fields, sourceKind: "manual", importedBy: scope.actorUserId })
          .returning({ id: measureReports.id });
        reportId = row!.id;
      }
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError("CONFLICT", "A report for this TIN, NPI, CEHRT product and period already exists; open it from the reports list to change it.", [
          { path: "performanceStart", message: "a report for the same TIN, NPI, product and period exists" },
        ]);
      }
      throw error;
    }
    await tx.insert(measureValues).values(
      values.map((v) => ({ organizationId: scope.organizationId, reportId, measureId: v.measureId, numerator: v.numerator ?? null, denominator: v.denominator ?? null, yesNo: v.yesNo ?? null })),
    );
    const [after] = await loadReports(tx, scope, { reportIds: [reportId] });
    await recordAudit(tx, scope, {
      action: before ? "measure_report.updated" : "measure_report.created",
      targetType: "measure_report",
      targetId: reportId,
      before: before ?? null,
      after,
    });
    return after!;
  });
}

export async function deleteReport(db: Db, scope: OrgScope, viewer: DataViewer, params: { reportId: string; expectedVersion: number }) {
  assertCanChange(viewer);
  const own = await ownClinicianId(db, scope, viewer);
  return db.transaction(async (tx) => {
    const [before] = await loadReports(tx, scope, { reportIds: [params.reportId] });
    if (!before || (viewer.role === "clinician" && before.clinicianId !== own)) throw notFound("measure report");
    if (before.version !== params.expectedVersion) throw new AppError("CONFLICT", await staleVersionMessage(tx, scope, "measure_report", before.id, "measure report"));
    const deleted = await tx
      .delete(measureReports)
      .where(and(eq(measureReports.organizationId, scope.organizationId), eq(measureReports.id, before.id), eq(measureReports.version, before.version)))
      .returning({ id: measureReports.id });
    if (deleted.length === 0) throw new AppError("CONFLICT", await staleVersionMessage(tx, scope, "measure_report", before.id, "measure report"));
    await recordAudit(tx, scope, { action: "measure_report.deleted", targetType: "measure_report", targetId: before.id, before });
    return { deleted: before.id };
  });
}

export interface EntryOptionsParams {
  performanceYear: number;
  /**
   * The TIN whose clinicians and products are listed (the entry page's `tin`). Another organization's id is
   * NOT_FOUND; one of ours the viewer cannot enter data for (archived, or a TIN a clinician does not bill
   * under that year) falls back, as no TIN does, to the first of the list.
   */
  tinId?: string | undefined;
}

/**
 * Where a user may enter data in a year: the TINs (all of the organization's, or a clinician's own TINs of
 * the year), and of ONE chosen TIN its clinicians (a clinician: only themself) and its CEHRT products, so the
 * answer stays one row per TIN plus one TIN's roster however many clinicians the organization has.
 */
export async function entryOptions(db: Db, scope: OrgScope, viewer: DataViewer, params: EntryOptionsParams) {
  await requireOrganizationRecords(db, scope, { tinId: params.tinId });
  const own = await ownClinicianId(db, scope, viewer);
  const first = `${params.performanceYear}-01-01`;
  const last = `${params.performanceYear}-12-31`;
  const billsInYear: (SQL | undefined)[] = [
    eq(tinMemberships.organizationId, scope.organizationId),
    sql`${tinMemberships.startDate} <= ${last}`,
    sql`(${tinMemberships.endDate} IS NULL OR ${tinMemberships.endDate} >= ${first})`,
    isNull(tins.archivedAt),
    isNull(clinicians.archivedAt),
    own ? eq(tinMemberships.clinicianId, own) : undefined,
  ];
  // A clinician's TINs are the ones they bill under that year; staff see every active TIN.
  const allTins = own
    ? await db
        .selectDistinct({ id: tins.id, tin: tins.tin, name: tins.name })
        .from(tinMemberships)
        .innerJoin(tins, and(eq(tins.organizationId, tinMemberships.organizationId), eq(tins.id, tinMemberships.tinId)))
        .innerJoin(clinicians, and(eq(clinicians.organizationId, tinMemberships.organizationId), eq(clinicians.id, tinMemberships.clinicianId)))
        .where(and(...billsInYear))
        .orderBy(tins.tin)
    : await db.select({ id: tins.id, tin: tins.tin, name: tins.name }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), isNull(tins.archivedAt))).orderBy(tins.tin);
  const chosen = allTins.find((t) => t.id === params.tinId) ?? allTins[0];
  // Every clinician of the chosen TIN (not paged: a TIN of thousands lists thousands; one TIN, not all).
  const members = chosen
    ? await db
        .selectDistinct({ clinicianId: clinicians.id, npi: clinicians.npi, firstName: clinicians.firstName, lastName: clinicians.lastName })
        .from(tinMemberships)
        .innerJoin(tins, and(eq(tins.organizationId, tinMemberships.organizationId), eq(tins.id, tinMemberships.tinId)))
        .innerJoin(clinicians, and(eq(clinicians.organizationId, tinMemberships.organizationId), eq(clinicians.id, tinMemberships.clinicianId)))
        .where(and(...billsInYear, eq(tinMemberships.tinId, chosen.id)))
        .orderBy(clinicians.lastName, clinicians.firstName, clinicians.npi, clinicians.id)
    : [];
  const products = chosen
    ? await db
        .select({ id: cehrtProducts.id, tinId: cehrtProducts.tinId, vendor: cehrtProducts.vendor, productName: cehrtProducts.productName, cehrtId: cehrtProducts.cehrtId, edition: cehrtProducts.edition })
        .from(cehrtProducts)
        .where(and(eq(cehrtProducts.organizationId, scope.organizationId), eq(cehrtProducts.tinId, chosen.id)))
        .orderBy(cehrtProducts.vendor)
    : [];
  return {
    ownClinicianId: own,
    /** The TIN the clinicians and products belong to (null: no TIN to enter data for). */
    tinId: chosen?.id ?? null,
    tins: allTins.map((t) => ({ ...t, tinDisplay: formatTin(t.tin) })),
    clinicians: members.map((m) => ({ tinId: chosen!.id, clinicianId: m.clinicianId, npi: m.npi, name: `${m.firstName} ${m.lastName}` })),
    products,
  };
}
