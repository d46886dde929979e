/**
 * CEHRT data: the certified EHR products each TIN uses, their security risk analyses (with evidence
 * files), measure reports (one source's PI data for one TIN, one NPI or the whole TIN, one product, one
 * performance period) with their values per measure, the imports that brought them in, and per TIN and
 * year how the TIN reports. Rules: ../shared/domain/mips-rules.md sections 1 (CEHRT ID), 6 (PI scoring),
 * 6.7 (multi-vendor aggregation).
 *
 * Every table is tenant-owned: organization_id leads every key and index, and references go through
 * composite foreign keys (organization_id, id), so a row can never point into another tenant. Counts
 * are integers with CHECKs; rates are computed from them at the last moment.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { clinicians, tins } from "./roster";
import { organizations, users } from "./tenancy";

/** Postgres bytea as a Node Buffer (drizzle has no built-in bytea column). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const cehrtEdition = pgEnum("cehrt_edition", ["2014", "2015", "2014/2015"]);
/** Where a measure report's data came from. */
export const reportSourceKind = pgEnum("report_source_kind", ["manual", "qrda3", "csv", "qpp_json"]);
/** How a TIN reports in a year (rules section 3). */
export const reportingMode = pgEnum("reporting_mode", ["individual", "group", "virtualGroup"]);

/** Evidence files are stored in Postgres; 10 MB each is plenty for a signed SRA (PDF) or a screenshot. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

/** A CEHRT product a TIN uses: vendor, product, CMS EHR Certification ID (edition derived where possible). */
export const cehrtProducts = pgTable(
  "cehrt_products",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    tinId: uuid().notNull(),
    vendor: text().notNull(),
    productName: text().notNull(),
    /** As entered (15 upper-case letters/digits). */
    cehrtId: text().notNull(),
    edition: cehrtEdition().notNull(),
    inUseFrom: date({ mode: "string" }),
    inUseTo: date({ mode: "string" }),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    unique("cehrt_products_organization_tin_cehrt_id_key").on(t.organizationId, t.tinId, t.cehrtId),
    unique("cehrt_products_organization_id_key").on(t.organizationId, t.id),
    check("cehrt_products_cehrt_id_check", sql`${t.cehrtId} ~ '^[0-9A-Z]{15}$'`),
    check("cehrt_products_dates_check", sql`${t.inUseTo} IS NULL OR ${t.inUseFrom} IS NULL OR ${t.inUseTo} >= ${t.inUseFrom}`),
    foreignKey({ name: "cehrt_products_tin_fk", columns: [t.organizationId, t.tinId], foreignColumns: [tins.organizationId, tins.id] }).onDelete("cascade"),
  ],
);

/** The security risk analysis of one product in one performance year (rules 6.7: it must cover every CEHRT in use). */
export const securityRiskAnalyses = pgTable(
  "security_risk_analyses",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    productId: uuid().notNull(),
    performanceYear: integer().notNull(),
    completedOn: date({ mode: "string" }).notNull(),
    /** Who attests that the analysis was done (a name, as on the signed document). */
    attestedBy: text().notNull(),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    unique("security_risk_analyses_organization_product_year_key").on(t.organizationId, t.productId, t.performanceYear),
    unique("security_risk_analyses_organization_id_key").on(t.organizationId, t.id),
    foreignKey({
      name: "security_risk_analyses_product_fk",
      columns: [t.organizationId, t.productId],
      foreignColumns: [cehrtProducts.organizationId, cehrtProducts.id],
    }).onDelete("cascade"),
  ],
);

/** A supporting document for a security risk analysis (PDF, PNG or JPEG, checked by its magic bytes). */
export const evidenceFiles = pgTable(
  "evidence_files",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    analysisId: uuid().notNull(),
    fileName: text().notNull(),
    mediaType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    content: bytea().notNull(),
    uploadedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("evidence_files_organization_analysis_idx").on(t.organizationId, t.analysisId),
    check("evidence_files_size_check", sql`${t.sizeBytes} > 0 AND ${t.sizeBytes} <= ${sql.raw(String(MAX_EVIDENCE_BYTES))}`),
    check("evidence_files_media_type_check", sql`${t.mediaType} IN ('application/pdf', 'image/png', 'image/jpeg')`),
    foreignKey({
      name: "evidence_files_analysis_fk",
      columns: [t.organizationId, t.analysisId],
      foreignColumns: [securityRiskAnalyses.organizationId, securityRiskAnalyses.id],
    }).onDelete("cascade"),
    foreignKey({ name: "evidence_files_uploaded_by_fk", columns: [t.uploadedBy], foreignColumns: [users.id] }).onDelete("set null"),
  ],
);

/** One committed upload of vendor files (several files at once); its checksum recognises a re-import. */
export const dataImports = pgTable(
  "data_imports",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    fileName: text().notNull(),
    sourceKind: reportSourceKind().notNull(),
    /** SHA-256 of the file's bytes, hex. */
    checksum: text().notNull(),
    status: text().notNull().default("committed"),
    reportCount: integer().notNull(),
    importedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("data_imports_organization_id_key").on(t.organizationId, t.id),
    index("data_imports_organization_checksum_idx").on(t.organizationId, t.checksum),
    index("data_imports_organization_created_idx").on(t.organizationId, t.createdAt),
    foreignKey({ name: "data_imports_organization_fk", columns: [t.organizationId], foreignColumns: [organizations.id] }).onDelete("cascade"),
    foreignKey({ name: "data_imports_imported_by_fk", columns: [t.importedBy], foreignColumns: [users.id] }).onDelete("set null"),
  ],
);

/**
 * One source's PI data for one TIN, one NPI (clinician_id) or the whole TIN (null, a group-level vendor
 * export), one CEHRT product (null when the file names no CEHRT ID) and one performance period.
 * A second report for the same TIN/NPI/product/period replaces the first (the key below).
 */
export const measureReports = pgTable(
  "measure_reports",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    tinId: uuid().notNull(),
    clinicianId: uuid(),
    productId: uuid(),
    performanceYear: integer().notNull(),
    performanceStart: date({ mode: "string" }).notNull(),
    performanceEnd: date({ mode: "string" }).notNull(),
    sourceKind: reportSourceKind().notNull(),
    fileName: text(),
    checksum: text(),
    importId: uuid(),
    importedBy: uuid(),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    unique("measure_reports_organization_source_period_key")
      .on(t.organizationId, t.tinId, t.clinicianId, t.productId, t.performanceStart, t.performanceEnd)
      .nullsNotDistinct(),
    unique("measure_reports_organization_id_key").on(t.organizationId, t.id),
    index("measure_reports_organization_tin_year_idx").on(t.organizationId, t.tinId, t.performanceYear),
    index("measure_reports_organization_clinician_idx").on(t.organizationId, t.clinicianId),
    check("measure_reports_period_check", sql`${t.performanceEnd} >= ${t.performanceStart}`),
    foreignKey({ name: "measure_reports_tin_fk", columns: [t.organizationId, t.tinId], foreignColumns: [tins.organizationId, tins.id] }).onDelete("cascade"),
    foreignKey({
      name: "measure_reports_clinician_fk",
      columns: [t.organizationId, t.clinicianId],
      foreignColumns: [clinicians.organizationId, clinicians.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "measure_reports_product_fk",
      columns: [t.organizationId, t.productId],
      foreignColumns: [cehrtProducts.organizationId, cehrtProducts.id],
    }).onDelete("restrict"),
    foreignKey({
      name: "measure_reports_import_fk",
      columns: [t.organizationId, t.importId],
      foreignColumns: [dataImports.organizationId, dataImports.id],
    }),
    foreignKey({ name: "measure_reports_imported_by_fk", columns: [t.importedBy], foreignColumns: [users.id] }).onDelete("set null"),
  ],
);

/**
 * A report's value for one measure: numerator/denominator (proportion measures) or yes/no (attestations,
 * the security risk analysis, registries, exclusions such as `PI_LVPP_1`).
 */
export const measureValues = pgTable(
  "measure_values",
  {
    organizationId: uuid().notNull(),
    reportId: uuid().notNull(),
    measureId: text().notNull(),
    numerator: integer(),
    denominator: integer(),
    yesNo: boolean(),
  },
  (t) => [
    primaryKey({ name: "measure_values_pkey", columns: [t.organizationId, t.reportId, t.measureId] }),
    check(
      "measure_values_shape_check",
      sql`(${t.yesNo} IS NOT NULL AND ${t.numerator} IS NULL AND ${t.denominator} IS NULL) OR (${t.yesNo} IS NULL AND ${t.numerator} IS NOT NULL AND ${t.denominator} IS NOT NULL)`,
    ),
    check("measure_values_counts_check", sql`${t.numerator} >= 0 AND ${t.numerator} <= ${t.denominator}`),
    foreignKey({
      name: "measure_values_report_fk",
      columns: [t.organizationId, t.reportId],
      foreignColumns: [measureReports.organizationId, measureReports.id],
    }).onDelete("cascade"),
  ],
);

/**
 * The quality and improvement activities measurement sets a vendor file carried beside its PI data, kept
 * as data (the QPP Submissions API shape, as read and checked by lib/mips submission-categories) so the
 * exported submission carries what came in. One row per set, in the file's order (`ordinal`); deleting
 * the report deletes its sets.
 */
export const reportMeasurementSets = pgTable(
  "report_measurement_sets",
  {
    organizationId: uuid().notNull(),
    measureReportId: uuid().notNull(),
    ordinal: integer().notNull(),
    category: text().notNull(),
    body: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "report_measurement_sets_pkey", columns: [t.organizationId, t.measureReportId, t.ordinal] }),
    check("report_measurement_sets_category_check", sql`${t.category} IN ('quality', 'ia')`),
    check("report_measurement_sets_ordinal_check", sql`${t.ordinal} >= 0`),
    foreignKey({
      name: "report_measurement_sets_report_fk",
      columns: [t.organizationId, t.measureReportId],
      foreignColumns: [measureReports.organizationId, measureReports.id],
    }).onDelete("cascade"),
  ],
);

/** Per TIN and performance year: how it reports and, for group reporting, the one performance period. */
export const tinReportingChoices = pgTable(
  "tin_reporting_choices",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid().notNull(),
    tinId: uuid().notNull(),
    performanceYear: integer().notNull(),
    mode: reportingMode().notNull(),
    performanceStart: date({ mode: "string" }),
    performanceEnd: date({ mode: "string" }),
    version: integer().notNull().default(1),
    ...timestamps,
  },
  (t) => [
    unique("tin_reporting_choices_organization_tin_year_key").on(t.organizationId, t.tinId, t.performanceYear),
    check(
      "tin_reporting_choices_period_check",
      sql`(${t.performanceStart} IS NULL) = (${t.performanceEnd} IS NULL) AND (${t.performanceEnd} IS NULL OR ${t.performanceEnd} >= ${t.performanceStart})`,
    ),
    foreignKey({ name: "tin_reporting_choices_tin_fk", columns: [t.organizationId, t.tinId], foreignColumns: [tins.organizationId, tins.id] }).onDelete("cascade"),
  ],
);

export type CehrtProduct = typeof cehrtProducts.$inferSelect;
export type SecurityRiskAnalysis = typeof securityRiskAnalyses.$inferSelect;
export type EvidenceFile = typeof evidenceFiles.$inferSelect;
export type DataImport = typeof dataImports.$inferSelect;
export type MeasureReport = typeof measureReports.$inferSelect;
export type MeasureValueRow = typeof measureValues.$inferSelect;
export type ReportMeasurementSetRow = typeof reportMeasurementSets.$inferSelect;
export type TinReportingChoice = typeof tinReportingChoices.$inferSelect;
export type ReportSourceKind = (typeof reportSourceKind.enumValues)[number];
export type ReportingMode = (typeof reportingMode.enumValues)[number];
