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
  /** QRDA Category III Measure Section (quality, eCQMs); the CMS variant is `...27.2.3`. */
  qualitySection: "2.16.840.1.113883.10.20.27.2.1",
  qualitySectionCms: "2.16.840.1.113883.10.20.27.2.3",
  /** Improvement Activities section. */
  iaSection: "2.16.840.1.113883.10.20.27.2.4",
  /** eCQM Measure Reference and Results (organizer; CMS variant `...27.3.17`). */
  qualityMeasure: "2.16.840.1.113883.10.20.27.3.1",
  /** Measure Data: one population (IPOP, DENOM, NUMER, DENEX, DENEXCEP) and its aggregate count. */
  measureData: "2.16.840.1.113883.10.20.27.3.5",
  /** Improvement Activity Performed Measure Reference and Results (organizer). */
  iaMeasure: "2.16.840.1.113883.10.20.27.3.33",
} as const;

/**
 * Parts of a quality measure that the reader never uses (reporting stratum, and the sex, ethnicity, race and
 * payer supplemental data): their content is skipped while parsing, which keeps large group files cheap.
 */
export const SKIPPED_TEMPLATES: readonly string[] = [
  "2.16.840.1.113883.10.20.27.3.4",
  "2.16.840.1.113883.10.20.27.3.6",
  "2.16.840.1.113883.10.20.27.3.7",
  "2.16.840.1.113883.10.20.27.3.8",
  "2.16.840.1.113883.10.20.27.3.9",
];

/** `id/@root` values in the header. */
export const ID_ROOT = {
  cmsProgram: "2.16.840.1.113883.3.249.7",
  tin: "2.16.840.1.113883.4.2",
  npi: "2.16.840.1.113883.4.6",
  virtualGroup: "2.16.840.1.113883.3.249.5.2",
  cehrtId: "2.16.840.1.113883.3.2074.1",
} as const;
