/**
 * Aggregates of the CEHRT measure data, maintained on write so dashboards read hundreds of rows instead
 * of every clinician's values. Postgres triggers (migration `rollup_triggers`) keep them in the same
 * transaction as every insert, update and delete of `measure_reports` and `measure_values` (imports,
 * manual edits, replacements, cascades), so no code path can forget them. Nobody writes them otherwise;
 * `server/services/cehrt/rollups.ts` reads them, and a test compares them with a full recomputation.
 *
 * Both are keyed like the overview groups its sources: (organization, year, TIN, CEHRT product or none,
 * performance period) and, for values, the measure. Counts are integers; rates are computed at the last
 * moment by lib/mips from the sums.
 */
import { foreignKey, bigint, date, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { tins } from "./roster";

/** Per (organization, year, TIN, product, period, measure): sums of numerators/denominators and answer counts. */
export const measureValueRollups = pgTable(
  "measure_value_rollups",
  {
    organizationId: uuid().notNull(),
    performanceYear: integer().notNull(),
    tinId: uuid().notNull(),
    /** Null: reports without a CEHRT product. */
    productId: uuid(),
    performanceStart: date({ mode: "string" }).notNull(),
    performanceEnd: date({ mode: "string" }).notNull(),
    measureId: text().notNull(),
    /** Value rows summed here (a row is deleted when this reaches 0). */
    valueCount: integer().notNull(),
    /** Rows with a numerator/denominator (proportion measures). */
    rateCount: integer().notNull(),
    numeratorSum: bigint({ mode: "number" }).notNull(),
    denominatorSum: bigint({ mode: "number" }).notNull(),
    /** Rows answering yes / no (attestations, SRA, registries, exclusions). */
    yesCount: integer().notNull(),
    noCount: integer().notNull(),
  },
  (t) => [
    unique("measure_value_rollups_key")
      .on(t.organizationId, t.performanceYear, t.tinId, t.productId, t.performanceStart, t.performanceEnd, t.measureId)
      .nullsNotDistinct(),
    foreignKey({ name: "measure_value_rollups_tin_fk", columns: [t.organizationId, t.tinId], foreignColumns: [tins.organizationId, tins.id] }).onDelete("cascade"),
  ],
);

/** Per (organization, year, TIN, product, period): how many reports, and how many of them are whole-TIN ones. */
export const measureReportRollups = pgTable(
  "measure_report_rollups",
  {
    organizationId: uuid().notNull(),
    performanceYear: integer().notNull(),
    tinId: uuid().notNull(),
    productId: uuid(),
    performanceStart: date({ mode: "string" }).notNull(),
    performanceEnd: date({ mode: "string" }).notNull(),
    reportCount: integer().notNull(),
    /** Reports without a clinician (group-level vendor exports). */
    wholeTinReportCount: integer().notNull(),
  },
  (t) => [
    unique("measure_report_rollups_key").on(t.organizationId, t.performanceYear, t.tinId, t.productId, t.performanceStart, t.performanceEnd).nullsNotDistinct(),
    foreignKey({ name: "measure_report_rollups_tin_fk", columns: [t.organizationId, t.tinId], foreignColumns: [tins.organizationId, tins.id] }).onDelete("cascade"),
  ],
);

export type MeasureValueRollup = typeof measureValueRollups.$inferSelect;
export type MeasureReportRollup = typeof measureReportRollups.$inferSelect;

/**
 * Per (organization, year, TIN, clinician or none): reports stored. "Clinicians with data" per TIN is a
 * count of these rows, and the roster's "PI data submitted" counts read them instead of every report.
 */
export const measureReportClinicianRollups = pgTable(
  "measure_report_clinician_rollups",
  {
    organizationId: uuid().notNull(),
    performanceYear: integer().notNull(),
    tinId: uuid().notNull(),
    /** Null: whole-TIN reports. */
    clinicianId: uuid(),
    reportCount: integer().notNull(),
  },
  (t) => [
    unique("measure_report_clinician_rollups_key").on(t.organizationId, t.performanceYear, t.tinId, t.clinicianId).nullsNotDistinct(),
    foreignKey({ name: "measure_report_clinician_rollups_tin_fk", columns: [t.organizationId, t.tinId], foreignColumns: [tins.organizationId, tins.id] }).onDelete("cascade"),
  ],
);

export type MeasureReportClinicianRollup = typeof measureReportClinicianRollups.$inferSelect;
