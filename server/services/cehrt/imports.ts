/**
 * Imports of vendor files (QRDA III XML, QPP JSON, CSV; several at once): a preview that lists, per file,
 * what will be added or replaced per TIN, NPI, CEHRT product and period, with every problem (TIN not in
 * the organization, NPI failing its check digit or not on the TIN's roster, a period shorter than 90
 * days or outside the year, measures of another year, two files for the same report), then a commit
 * that re-checks everything inside one transaction and applies all or nothing. A file whose checksum
 * matches reports already stored is recognised and left alone. Parsing reuses lib/formats.
 */
import { createHash, randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cehrtProducts, clinicians, dataImports, measureReports, measureValues, reportMeasurementSets, tinMemberships, tins, type ReportSourceKind } from "@/db/schema";
import { fromMeasurements, reportPeriodIssues, type ReportValue } from "@/lib/cehrt/report-values";
import { AppError, badInput, type Issue } from "@/lib/errors";
import { csvProblemIssues, readCsvMeasures } from "@/lib/formats/csv-measures";
import { describeWarning, readVendorFile } from "@/lib/formats";
import { cehrtEditionFromId, describeNpiProblem, formatTin, isPiMeasurementSet, piMeasurementSet, type IaMeasurementSet, type QualityMeasurementSet, type Submission } from "@/lib/mips";
import { recordAudit } from "../audit";
import type { OrgScope } from "../scope";
import { reweightingCancellations, reweightingKey } from "./reweighting-warning";

/** Rows per multi-row INSERT (and ids per DELETE): well under Postgres's 65,535 bind parameters. */
const ROWS_PER_STATEMENT = 1_000;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Per file: the upload cap of the vendor readers (50 MB); the router caps the request too. */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;

export interface ImportFile {
  fileName: string;
  content: Uint8Array;
}

export interface PlannedReport {
  tin: string;
  tinDisplay: string;
  tinId: string | null;
  npi: string | null;
  clinicianId: string | null;
  clinicianName: string | null;
  cehrtId: string | null;
  productId: string | null;
  productLabel: string;
  /** A CEHRT ID not yet registered for the TIN: the import adds the product, named by the vendor the user confirms. */
  addsProduct: boolean;
  /** The vendor the file names (QRDA III author or custodian organization, a CSV `vendor` column), if any. */
  suggestedVendor: string | null;
  performanceYear: number;
  performanceStart: string;
  performanceEnd: string;
  measureCount: number;
  action: "add" | "replace";
  replacesReportId: string | null;
  values: ReportValue[];
  /** The file's quality and IA measurement sets for this report, kept as data (report_measurement_sets). */
  categorySets: (QualityMeasurementSet | IaMeasurementSet)[];
  /** What the preview shows of them: per set, its category and number of measurements. */
  keptSets: { category: "quality" | "ia"; measureCount: number }[];
}

export interface PlannedFile {
  fileName: string;
  checksum: string;
  sourceKind: ReportSourceKind;
  /** Same bytes as reports already stored: nothing to do for this file. */
  alreadyImported: boolean;
  reports: PlannedReport[];
  problems: Issue[];
  warnings: string[];
}

/** A CEHRT ID the organization has not registered for a TIN the files name: the import adds it per TIN. */
export interface NewProduct {
  cehrtId: string;
  /** The first vendor name the files give for it (the preview's prefill), else null. */
  suggestedVendor: string | null;
  tins: string[];
  files: string[];
}

export interface ImportPlan {
  files: PlannedFile[];
  /** Every new CEHRT ID once: the preview asks for its vendor's name, the commit needs one. */
  newProducts: NewProduct[];
  problemCount: number;
  canCommit: boolean;
}

/** The vendor's name the user gives for a new CEHRT ID of the import. */
export interface VendorName {
  cehrtId: string;
  vendor: string;
}

/** Longest vendor name (the product form's limit). */
export const MAX_VENDOR_NAME = 200;

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function looksLikeCsv(fileName: string, bytes: Uint8Array): boolean {
  if (/\.csv$/i.test(fileName)) return true;
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] !== 0x3c && bytes[i] !== 0x7b; // neither "<" (XML) nor "{" (JSON)
}

/** The kind of a binary document uploaded by mistake (by its first bytes), or null for text. */
function binaryKind(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "a PDF document";
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "a PNG image";
  if (starts(0xff, 0xd8, 0xff)) return "a JPEG image";
  if (starts(0x50, 0x4b, 0x03, 0x04)) return "a ZIP archive (or an Excel/Word file)";
  return null;
}

interface ParsedFile {
  sourceKind: ReportSourceKind;
  submissions: Submission[];
  /** Per submission: the vendor the file names for it, or null. */
  vendorHints?: (string | null)[];
  problems: Issue[];
  warnings: string[];
}

/** Reads one file with lib/formats; a refusal becomes the file's problems (never half a file). */
function parseFile(file: ImportFile): ParsedFile {
  const name = file.fileName;
  if (file.content.byteLength > MAX_IMPORT_FILE_BYTES) {
    return { sourceKind: "qrda3", submissions: [], problems: [{ path: name, message: `${file.content.byteLength} bytes; files are limited to 50 MB` }], warnings: [] };
  }
  const binary = binaryKind(file.content);
  if (binary) {
    const message = `${name} is ${binary}, not measure data: expected a QRDA III XML, QPP JSON or CSV export of PI data`;
    return { sourceKind: "qrda3", submissions: [], problems: [{ path: name, message }], warnings: [] };
  }
  if (looksLikeCsv(name, file.content)) {
    const text = new TextDecoder("utf-8", { fatal: false }).decode(file.content);
    const result = readCsvMeasures(text);
    if (!result.ok) return { sourceKind: "csv", submissions: [], problems: csvProblemIssues(result.problems, name), warnings: [] };
    return { sourceKind: "csv", submissions: result.groups.map((g) => g.submission), vendorHints: result.groups.map((g) => g.vendor), problems: [], warnings: [] };
  }
  try {
    const read = readVendorFile(file.content, name);
    return {
      sourceKind: read.format === "qrda3" ? "qrda3" : "qpp_json",
      submissions: [read.submission],
      vendorHints: [read.sourceOrganization ?? null],
      problems: [],
      warnings: read.warnings.map(describeWarning),
    };
  } catch (error) {
    if (error instanceof AppError) {
      const issues = error.issues.length > 0 ? error.issues.map((i) => ({ path: `${name}: ${i.path}`, message: i.message })) : [{ path: name, message: error.message }];
      return { sourceKind: "qrda3", submissions: [], problems: issues, warnings: [] };
    }
    throw error;
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Everything the checks need from the database, in four queries whatever the number of rows. */
async function loadContext(db: Db, scope: OrgScope, tinNumbers: string[], years: number[]) {
  const tinRows = tinNumbers.length
    ? await db.select({ id: tins.id, tin: tins.tin, archivedAt: tins.archivedAt }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), inArray(tins.tin, tinNumbers)))
    : [];
  const tinIds = tinRows.map((t) => t.id);
  if (tinIds.length === 0) return { tinRows, roster: [], products: [], existing: [] };
  // One after the other: inside the commit's transaction they share one connection.
  const roster = await db
    .select({ tinId: tinMemberships.tinId, clinicianId: clinicians.id, npi: clinicians.npi, firstName: clinicians.firstName, lastName: clinicians.lastName, startDate: tinMemberships.startDate, endDate: tinMemberships.endDate })
    .from(tinMemberships)
    .innerJoin(clinicians, and(eq(clinicians.organizationId, tinMemberships.organizationId), eq(clinicians.id, tinMemberships.clinicianId)))
    .where(and(eq(tinMemberships.organizationId, scope.organizationId), inArray(tinMemberships.tinId, tinIds)));
  const products = await db
    .select({ id: cehrtProducts.id, tinId: cehrtProducts.tinId, cehrtId: cehrtProducts.cehrtId, vendor: cehrtProducts.vendor, productName: cehrtProducts.productName })
    .from(cehrtProducts)
    .where(and(eq(cehrtProducts.organizationId, scope.organizationId), inArray(cehrtProducts.tinId, tinIds)));
  const existing = await db
    .select({
      id: measureReports.id,
      tinId: measureReports.tinId,
      clinicianId: measureReports.clinicianId,
      productId: measureReports.productId,
      performanceStart: measureReports.performanceStart,
      performanceEnd: measureReports.performanceEnd,
      checksum: measureReports.checksum,
    })
    .from(measureReports)
    .where(and(eq(measureReports.organizationId, scope.organizationId), inArray(measureReports.tinId, tinIds), years.length ? inArray(measureReports.performanceYear, years) : undefined));
  return { tinRows, roster, products, existing };
}

/** Builds the plan (the preview) for the files; reads the database, changes nothing. */
async function planImport(db: Db, scope: OrgScope, files: readonly ImportFile[]): Promise<ImportPlan> {
  const parsed = files.map((f) => ({ file: f, checksum: sha256(f.content), ...parseFile(f) }));
  const allSubs = parsed.flatMap((p) => p.submissions);
  const tinNumbers = [...new Set(allSubs.flatMap((s) => (s.taxpayerIdentificationNumber ? [s.taxpayerIdentificationNumber] : [])))];
  const years = [...new Set(allSubs.map((s) => s.performanceYear))];
  const ctx = await loadContext(db, scope, tinNumbers, years);
  const tinByNumber = new Map(ctx.tinRows.map((t) => [t.tin, t]));
  const storedChecksums = new Set(ctx.existing.flatMap((r) => (r.checksum ? [r.checksum] : [])));
  // Indexes over the loaded rows, so each planned report costs map look-ups, not scans (tens of thousands of rows).
  const rosterByTinNpi = groupBy(ctx.roster, (m) => `${m.tinId}|${m.npi}`);
  const productByTinCehrtId = new Map(ctx.products.map((x) => [`${x.tinId}|${x.cehrtId}`, x]));
  const existingBySource = groupBy(ctx.existing, (r) => `${r.tinId}|${r.clinicianId ?? ""}|${r.productId ?? ""}`);
  const names = new Map<string, number>();
  const seenKeys = new Map<string, string>();

  const out: PlannedFile[] = [];
  for (const p of parsed) {
    const name = p.file.fileName;
    names.set(name, (names.get(name) ?? 0) + 1);
    const problems = [...p.problems];
    const warnings = new Set(p.warnings);
    if ((names.get(name) ?? 0) > 1) problems.push({ path: name, message: "two uploaded files have this name; rename one so each report's source can be told apart" });
    const alreadyImported = p.problems.length === 0 && storedChecksums.has(p.checksum);
    const reports: PlannedReport[] = [];
    if (!alreadyImported) {
      for (const [subIndex, sub] of p.submissions.entries()) {
        const set = piMeasurementSet(sub);
        const at = (what: string) => `${name}${p.submissions.length > 1 ? ` (TIN ${sub.taxpayerIdentificationNumber ?? "?"}${sub.nationalProviderIdentifier ? `, NPI ${sub.nationalProviderIdentifier}` : ""})` : ""}: ${what}`;
        if (sub.entityType === "virtualGroup") {
          problems.push({ path: at("entityType"), message: "a virtual group report cannot be stored per TIN; import each member TIN's data and export the virtual group from the portal" });
          continue;
        }
        if (!set) {
          problems.push({ path: at("measurementSets"), message: "holds no Promoting Interoperability measurement set" });
          continue;
        }
        const otherSets = sub.measurementSets.filter((x): x is QualityMeasurementSet | IaMeasurementSet => !isPiMeasurementSet(x) && (x.category === "quality" || x.category === "ia"));
        const tinNumber = sub.taxpayerIdentificationNumber ?? "";
        const tin = tinByNumber.get(tinNumber);
        const tinDisplay = /^\d{9}$/.test(tinNumber) ? formatTin(tinNumber) : tinNumber;
        if (!tin) problems.push({ path: at("TIN"), message: `TIN ${tinDisplay} is not in this organization; add it on the TINs page first` });
        else if (tin.archivedAt) problems.push({ path: at("TIN"), message: `TIN ${tinDisplay} is archived; restore it before importing its data` });
        const start = set.performanceStart ?? "";
        const end = set.performanceEnd ?? "";
        for (const issue of reportPeriodIssues(sub.performanceYear, start, end)) problems.push({ path: at(issue.path), message: issue.message });

        let clinicianId: string | null = null;
        let clinicianName: string | null = null;
        const npi = sub.entityType === "individual" ? (sub.nationalProviderIdentifier ?? null) : null;
        if (npi) {
          const npiProblem = describeNpiProblem(npi);
          if (npiProblem) problems.push({ path: at("NPI"), message: `${npiProblem}; such an NPI cannot be on a roster: correct it in the vendor's export` });
          else if (tin) {
            const member = rosterByTinNpi.get(`${tin.id}|${npi}`)?.find((m) => m.startDate <= end && (m.endDate === null || m.endDate >= start));
            if (!member) problems.push({ path: at("NPI"), message: `NPI ${npi} is not on the roster of TIN ${tinDisplay} during ${start}..${end}; add the clinician to the TIN first` });
            else {
              clinicianId = member.clinicianId;
              clinicianName = `${member.firstName} ${member.lastName}`;
            }
          }
        }
        const cehrtId = set.cehrtId ?? null;
        const product = tin && cehrtId ? productByTinCehrtId.get(`${tin.id}|${cehrtId}`) : undefined;
        const addsProduct = Boolean(tin && cehrtId && !product);
        if (addsProduct && cehrtId && !cehrtEditionFromId(cehrtId)) {
          problems.push({ path: at("cehrtId"), message: `CEHRT ID ${cehrtId} is not registered for this TIN and its edition cannot be derived from it; register the product (with its edition) first` });
        }
        if (!cehrtId) warnings.add(`${at("cehrtId")}: the file names no CEHRT ID; the report is stored without a CEHRT product (the group cannot claim 2015 Edition only)`);
        const key = [tin?.id ?? tinNumber, clinicianId ?? npi ?? "", product?.id ?? cehrtId ?? "", start, end].join("|");
        const earlier = seenKeys.get(key);
        if (earlier) problems.push({ path: at("period"), message: `${earlier} holds data for the same TIN, NPI, CEHRT product and period ${start}..${end}; import one of them` });
        seenKeys.set(key, name);
        const sameSource = tin ? (existingBySource.get(`${tin.id}|${clinicianId ?? ""}|${product?.id ?? ""}`) ?? []) : [];
        const replaced = addsProduct ? undefined : sameSource.find((r) => r.performanceStart === start && r.performanceEnd === end);
        const overlapping = sameSource.filter((r) => r !== replaced && r.performanceStart <= end && r.performanceEnd >= start);
        for (const o of overlapping) {
          warnings.add(`${at("period")}: a stored report of the same TIN, NPI and product covers the overlapping period ${o.performanceStart}..${o.performanceEnd}; both are kept, and a group reports one period only`);
        }
        reports.push({
          tin: tinNumber,
          tinDisplay,
          tinId: tin?.id ?? null,
          npi,
          clinicianId,
          clinicianName,
          cehrtId,
          productId: product?.id ?? null,
          productLabel: product ? `${product.vendor} ${product.productName}` : cehrtId ? `new product ${cehrtId}` : "no CEHRT product",
          addsProduct,
          suggestedVendor: p.vendorHints?.[subIndex] ?? null,
          performanceYear: sub.performanceYear,
          performanceStart: start,
          performanceEnd: end,
          measureCount: set.measurements.length,
          action: replaced ? "replace" : "add",
          replacesReportId: replaced?.id ?? null,
          values: fromMeasurements(set.measurements),
          categorySets: otherSets,
          keptSets: otherSets.map((x) => ({ category: x.category, measureCount: x.measurements.length })),
        });
      }
    }
    out.push({ fileName: name, checksum: p.checksum, sourceKind: p.sourceKind, alreadyImported, reports, problems, warnings: [...warnings] });
  }
  // Rules section 5: say before saving that submitted PI data cancels a reweighting.
  const targets = out.flatMap((f) => f.reports.flatMap((r) => (r.tinId ? [{ tinId: r.tinId, clinicianId: r.clinicianId, performanceYear: r.performanceYear }] : [])));
  const cancellations = await reweightingCancellations(db, scope, targets);
  for (const f of out) {
    const messages = new Set(f.warnings);
    for (const r of f.reports) {
      const message = r.tinId ? cancellations.get(reweightingKey({ tinId: r.tinId, clinicianId: r.clinicianId, performanceYear: r.performanceYear })) : undefined;
      if (message) messages.add(message);
    }
    f.warnings = [...messages];
  }
  const problemCount = out.reduce((n, f) => n + f.problems.length, 0);
  return { files: out, newProducts: newProductsOf(out), problemCount, canCommit: problemCount === 0 && out.some((f) => !f.alreadyImported && f.reports.length > 0) };
}

function newProductsOf(files: readonly PlannedFile[]): NewProduct[] {
  const byId = new Map<string, NewProduct>();
  for (const f of files) {
    for (const r of f.reports) {
      if (!r.addsProduct || !r.cehrtId) continue;
      let entry = byId.get(r.cehrtId);
      if (!entry) byId.set(r.cehrtId, (entry = { cehrtId: r.cehrtId, suggestedVendor: null, tins: [], files: [] }));
      entry.suggestedVendor ??= r.suggestedVendor;
      if (!entry.tins.includes(r.tinDisplay)) entry.tins.push(r.tinDisplay);
      if (!entry.files.includes(f.fileName)) entry.files.push(f.fileName);
    }
  }
  return [...byId.values()];
}

/**
 * The vendor's name per new CEHRT ID: the one the user gave (trimmed, spaces collapsed), else the file's;
 * every missing, blank or too long one is a problem naming the CEHRT ID and its files.
 */
export function vendorNamesFor(newProducts: readonly NewProduct[], given: readonly VendorName[]): { names: Map<string, string>; problems: Issue[] } {
  const givenById = new Map(given.map((v) => [v.cehrtId.trim().toUpperCase(), v.vendor]));
  const names = new Map<string, string>();
  const problems: Issue[] = [];
  for (const p of newProducts) {
    const path = `vendor of CEHRT ID ${p.cehrtId}`;
    const raw = givenById.get(p.cehrtId) ?? p.suggestedVendor ?? "";
    const name = raw.replace(/\s+/g, " ").trim();
    if (!name) problems.push({ path, message: `the CEHRT ID is new to TIN ${p.tins.join(", ")} (in ${p.files.join(", ")}): enter the vendor's name, e.g. the company that sells the EHR` });
    else if (name.length > MAX_VENDOR_NAME) problems.push({ path, message: `${name.length} characters; a vendor's name has at most ${MAX_VENDOR_NAME}` });
    else names.set(p.cehrtId, name);
  }
  return { names, problems };
}

/** What the preview shows: the plan without the values themselves. */
export async function previewImport(db: Db, scope: OrgScope, params: { files: readonly ImportFile[] }) {
  const plan = await planImport(db, scope, params.files);
  return { ...plan, files: plan.files.map((f) => ({ ...f, reports: f.reports.map(({ values: _values, categorySets: _sets, ...r }) => r) })) };
}

export interface ImportOutcome {
  added: number;
  replaced: number;
  skippedFiles: string[];
  productsAdded: number;
  importIds: string[];
}

/** Applies every file or none: re-plans inside the transaction and refuses with every problem listed. */
export async function commitImport(db: Db, scope: OrgScope, params: { files: readonly ImportFile[]; vendors?: readonly VendorName[] | undefined }): Promise<ImportOutcome> {
  if (params.files.length === 0) throw badInput("Choose at least one file to import.", [{ path: "files", message: "no file given" }]);
  return db.transaction(async (tx) => {
    // Serialise imports per organization, so two admins importing at once cannot both "add" the same report.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cehrt-import:${scope.organizationId}`}))`);
    const plan = await planImport(tx, scope, params.files);
    if (plan.problemCount > 0) {
      throw badInput(
        `Nothing was imported: ${plan.problemCount} problem(s) in ${plan.files.filter((f) => f.problems.length > 0).length} file(s). Fix them and import again.`,
        plan.files.flatMap((f) => f.problems),
      );
    }
    const vendorNames = vendorNamesFor(plan.newProducts, params.vendors ?? []);
    if (vendorNames.problems.length > 0) {
      throw badInput(`Nothing was imported: name the vendor of ${vendorNames.problems.length} new CEHRT product(s).`, vendorNames.problems);
    }
    const outcome: ImportOutcome = { added: 0, replaced: 0, skippedFiles: [], productsAdded: 0, importIds: [] };
    const organizationId = scope.organizationId;
    // Ids are made here so that every row can be written in multi-row statements, with no query per report.
    const importRows: (typeof dataImports.$inferInsert)[] = [];
    const productRows: (typeof cehrtProducts.$inferInsert)[] = [];
    const newProducts = new Map<string, string>();
    /** The file each new product came from, for its audit entry. */
    const productSources = new Map<string, string>();
    const replacedIds: string[] = [];
    const reportRows: (typeof measureReports.$inferInsert)[] = [];
    const valueRows: (typeof measureValues.$inferInsert)[] = [];
    const setRows: (typeof reportMeasurementSets.$inferInsert)[] = [];
    const fileAudits: { importId: string; file: PlannedFile; reports: unknown[] }[] = [];
    for (const file of plan.files) {
      if (file.alreadyImported || file.reports.length === 0) {
        outcome.skippedFiles.push(file.fileName);
        continue;
      }
      const importId = randomUUID();
      importRows.push({ id: importId, organizationId, fileName: file.fileName, sourceKind: file.sourceKind, checksum: file.checksum, reportCount: file.reports.length, importedBy: scope.actorUserId });
      outcome.importIds.push(importId);
      const audited: unknown[] = [];
      for (const r of file.reports) {
        let productId = r.productId;
        if (r.addsProduct && r.cehrtId && r.tinId) {
          const key = `${r.tinId}|${r.cehrtId}`;
          productId = newProducts.get(key) ?? null;
          if (!productId) {
            productId = randomUUID();
            newProducts.set(key, productId);
            productRows.push({
              id: productId,
              organizationId,
              tinId: r.tinId,
              vendor: vendorNames.names.get(r.cehrtId)!,
              productName: `imported from ${file.fileName}`,
              cehrtId: r.cehrtId,
              edition: cehrtEditionFromId(r.cehrtId)!,
            });
            productSources.set(productId, file.fileName);
          }
        }
        if (r.replacesReportId) {
          replacedIds.push(r.replacesReportId);
          outcome.replaced++;
        } else outcome.added++;
        const reportId = randomUUID();
        reportRows.push({
          id: reportId,
          organizationId,
          tinId: r.tinId!,
          clinicianId: r.clinicianId,
          productId,
          performanceYear: r.performanceYear,
          performanceStart: r.performanceStart,
          performanceEnd: r.performanceEnd,
          sourceKind: file.sourceKind,
          fileName: file.fileName,
          checksum: file.checksum,
          importId,
          importedBy: scope.actorUserId,
        });
        r.categorySets.forEach((body, ordinal) => setRows.push({ organizationId, measureReportId: reportId, ordinal, category: body.category, body: body as Record<string, unknown> }));
        for (const v of r.values) valueRows.push({ organizationId, reportId, measureId: v.measureId, numerator: v.numerator ?? null, denominator: v.denominator ?? null, yesNo: v.yesNo ?? null });
        audited.push({ reportId, action: r.action, replacedReportId: r.replacesReportId, tin: r.tin, npi: r.npi, cehrtId: r.cehrtId, period: `${r.performanceStart}..${r.performanceEnd}`, values: r.values, keptSets: r.keptSets });
      }
      fileAudits.push({ importId, file, reports: audited });
    }
    if (importRows.length === 0) return outcome;
    outcome.productsAdded = productRows.length;
    await tx.insert(dataImports).values(importRows);
    for (const rows of chunks(productRows, ROWS_PER_STATEMENT)) {
      const products = await tx.insert(cehrtProducts).values(rows).returning();
      // One audit entry per product added (a handful per import: one per new CEHRT ID of a TIN).
      for (const product of products) {
        await recordAudit(tx, scope, { action: "cehrt_product.created", targetType: "cehrt_product", targetId: product.id, after: { ...product, source: productSources.get(product.id) } });
      }
    }
    // Replaced reports go first (their values cascade), so the new ones take their place under the unique key.
    for (const ids of chunks(replacedIds, ROWS_PER_STATEMENT)) {
      // Values first, in one statement: the rollups subtract them set-based (their trigger), and the
      // reports' own delete trigger then finds nothing left to subtract per report.
      await tx.delete(measureValues).where(and(eq(measureValues.organizationId, organizationId), inArray(measureValues.reportId, ids)));
      await tx.delete(measureReports).where(and(eq(measureReports.organizationId, organizationId), inArray(measureReports.id, ids)));
    }
    for (const rows of chunks(reportRows, ROWS_PER_STATEMENT)) await tx.insert(measureReports).values(rows);
    for (const rows of chunks(valueRows, ROWS_PER_STATEMENT)) await tx.insert(measureValues).values(rows);
    for (const rows of chunks(setRows, ROWS_PER_STATEMENT)) await tx.insert(reportMeasurementSets).values(rows);
    for (const { importId, file, reports } of fileAudits) {
      await recordAudit(tx, scope, {
        action: "measure_report.imported",
        targetType: "data_import",
        targetId: importId,
        after: { fileName: file.fileName, checksum: file.checksum, sourceKind: file.sourceKind, reports },
      });
    }
    return outcome;
  });
}
