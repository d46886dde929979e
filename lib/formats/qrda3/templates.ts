/**
 * The HL7/CMS identifiers the QRDA III reader matches on (CMS QRDA III Implementation Guide for Eligible
 * Clinicians; template ids are matched on `@root`, whatever their `@extension` version).
 */
export const HL7_V3_NAMESPACE = "urn:hl7-org:v3";

export const TEMPLATE = {
  /** QRDA Category III Report (document level). */
  qrda3Document: "2.16.840.1.113883.10.20.27.1.1",
  /** Promoting Interoperability (formerly Advancing Care Information) section. */
  piSection: "2.16.840.1.113883.10.20.27.2.5",
  /** Reporting Parameters Section (CMS EP), a document-wide period used by older files. */
  reportingParametersSection: "2.16.840.1.113883.10.20.27.2.6",
  reportingParametersSectionBase: "2.16.840.1.113883.10.20.17.2.1",
  /** Reporting Parameters Act: `effectiveTime/low` and `high` give the performance period. */
  reportingParametersAct: "2.16.840.1.113883.10.20.17.3.8",
  /** PI numerator/denominator measure reference and results (organizer). */
  proportionMeasure: "2.16.840.1.113883.10.20.27.3.28",
  /** PI yes/no ("measure performed") measure reference and results (organizer). */
  booleanMeasure: "2.16.840.1.113883.10.20.27.3.29",
  /** Measure performed observation: `value/@code` Y or N. */
  measurePerformed: "2.16.840.1.113883.10.20.27.3.27",
  numeratorData: "2.16.840.1.113883.10.20.27.3.31",
  denominatorData: "2.16.840.1.113883.10.20.27.3.32",
  /** Aggregate count: `value/@value` is the count. */
  aggregateCount: "2.16.840.1.113883.10.20.27.3.3",
} as const;

/** `id/@root` values in the header. */
export const ID_ROOT = {
  cmsProgram: "2.16.840.1.113883.3.249.7",
  tin: "2.16.840.1.113883.4.2",
  npi: "2.16.840.1.113883.4.6",
  virtualGroup: "2.16.840.1.113883.3.249.5.2",
  cehrtId: "2.16.840.1.113883.3.2074.1",
} as const;
