/**
 * QRDA III (CMS implementation guides 2017-2026) -> QPP Submission: the header (program, entity, TIN, NPI,
 * virtual group id, CEHRT ID), the PI section as the PI measurement set, and the quality (eCQM) and IA
 * sections kept as their measurement sets, each with its own period (its Reporting Parameters Act).
 * PI problems refuse the file; quality and IA problems are warnings ("CMS will reject this file: ...") with
 * their element path, never a refusal of the PI data. A file without a PI section but with quality or IA
 * data converts, saying plainly that there is no PI data.
 */
import { type Issue, badInput } from "../../errors";
import { type PerformanceYear, isPerformanceYear, piCategoryName } from "../../mips/catalog";
import { type AnyMeasurementSet, type MeasurementSet, type Submission, validateSubmission } from "../../mips/submission";
import { supportedYearsText } from "../../mips/years";
import { type FormatWarning, WarningList } from "../warnings";
import { type XmlLimits, decodeXmlBytes } from "../xml/limits";
import type { XmlElement } from "../xml/tree";
import { loadQrda3Document } from "./document";
import { readHeader } from "./header";
import { readIaMeasures } from "./ia-section";
import { type PerformancePeriod, hasReportingAct, readPeriod } from "./period";
import { readRawMeasures, toMeasurements } from "./pi-section";
import { readQualityMeasures } from "./quality-section";
import { readSourceOrganization } from "./source-organization";
import { TEMPLATE } from "./templates";

export interface ReadResult {
  submission: Submission;
  warnings: FormatWarning[];
  /** QRDA III: the organization the header names as author or custodian (often the EHR vendor); QPP JSON names none. */
  sourceOrganization?: string | null;
}

export interface Qrda3ReadOptions {
  limits?: XmlLimits;
}

function refuse(source: string, what: string, issues: Issue[]): never {
  throw badInput(`${source}: ${what} (${issues.length} problem(s))`, issues);
}

function yearOf(period: PerformancePeriod, source: string): PerformanceYear {
  const year = Number(period.start.slice(0, 4));
  if (!isPerformanceYear(year)) {
    throw badInput(`${source}: performance period ${period.start}..${period.end} (at ${period.path}) is in ${year}; supported performance years are ${supportedYearsText()}`);
  }
  return year;
}

/** A quality or IA section's period: its own act, else the document-wide one; problems are findings. */
function sectionPeriod(sections: XmlElement[], fallback: XmlElement[], warnings: WarningList): PerformancePeriod | null {
  const issues: Issue[] = [];
  const period = readPeriod([...sections, ...fallback], issues);
  for (const i of issues) warnings.addCmsRejects(i.path, i.message);
  return period;
}

export function readQrda3(input: string | Uint8Array, source: string, options: Qrda3ReadOptions = {}): ReadResult {
  const text = typeof input === "string" ? input : decodeXmlBytes(input, source, options.limits);
  const doc = loadQrda3Document(text, source, options.limits);
  const warnings = new WarningList(source);
  const header = readHeader(doc.root, source, warnings);

  const [section, ...extra] = doc.piSections;
  if (extra.length > 0) {
    throw badInput(`${source} has ${doc.piSections.length} PI sections (at ${doc.piSections.map((s) => s.path).join(", ")}); a report holds one (CMS converter error 26)`);
  }
  if (!section && doc.qualitySections.length === 0 && doc.iaSections.length === 0) {
    throw badInput(
      `${source} has no Promoting Interoperability (Advancing Care Information) section: expected a section with templateId "${TEMPLATE.piSection}" (nor any quality or IA measure section; CMS converter error 23)`,
    );
  }

  const sets: AnyMeasurementSet[] = [];
  let year: PerformanceYear | null = null;
  if (section) {
    if (!hasReportingAct(section)) {
      // CMS's converter (error 22) refuses the PI section without its own act; a document-wide one does not count.
      const documentWide = doc.reportingParametersSections.find(hasReportingAct);
      const message =
        `the PI section has no Reporting Parameters Act of its own: expected an act with templateId "${TEMPLATE.reportingParametersAct}" ` +
        "and effectiveTime low and high (the performance period) inside the PI section" +
        (documentWide ? `; the document-wide Reporting Parameters section at ${documentWide.path} does not count for it` : "") +
        ". CMS rejects such a file (its converter's error 22)";
      throw badInput(`${source}: ${message}`, [{ path: section.path, message }]);
    }
    const issues: Issue[] = [];
    const period = readPeriod([section], issues);
    const raw = readRawMeasures(section, issues);
    if (!period) refuse(source, "the PI section has no usable performance period", issues);
    year = yearOf(period, source);
    const measurements = toMeasurements(raw, year, issues, warnings);
    if (issues.length > 0) refuse(source, "the PI section cannot be converted", issues);
    if (measurements.length === 0) throw badInput(`${source}: the PI section at ${section.path} holds no measures`);
    const set: MeasurementSet = {
      category: piCategoryName(year),
      submissionMethod: "electronicHealthRecord",
      performanceStart: period.start,
      performanceEnd: period.end,
      measurements,
      ...(header.cehrtId ? { cehrtId: header.cehrtId } : {}),
      ...(header.qppProgramName ? { programName: header.qppProgramName } : {}),
    };
    sets.push(set);
  } else {
    warnings.add(
      "/ClinicalDocument",
      `no Promoting Interoperability section: the file holds ${doc.qualitySections.length > 0 ? "quality" : ""}${doc.qualitySections.length > 0 && doc.iaSections.length > 0 ? " and " : ""}${doc.iaSections.length > 0 ? "improvement activities" : ""} data only, kept as it is; there is no PI data to score`,
    );
  }

  const findings: Issue[] = [];
  const other = (category: "quality" | "ia", sections: XmlElement[]) => {
    if (sections.length === 0) return;
    const period = sectionPeriod(sections, doc.reportingParametersSections, warnings);
    if (!period) return;
    const sectionYear = yearOf(period, source);
    if (year !== null && sectionYear !== year) {
      warnings.addCmsRejects(period.path, `the ${category === "quality" ? "quality" : "IA"} period ${period.start}..${period.end} is in ${sectionYear}, the PI data in ${year}: CMS expects one performance year per file; the section is left out`);
      return;
    }
    year = sectionYear;
    const measurements = category === "quality" ? readQualityMeasures(sections, sectionYear, findings, warnings) : readIaMeasures(sections, findings);
    sets.push({
      category,
      submissionMethod: "electronicHealthRecord",
      performanceStart: period.start,
      performanceEnd: period.end,
      measurements,
      ...(header.qppProgramName ? { programName: header.qppProgramName } : {}),
    } as AnyMeasurementSet);
  };
  other("quality", doc.qualitySections);
  other("ia", doc.iaSections);
  for (const f of findings) warnings.addCmsRejects(f.path, f.message);
  if (!section && sets.every((s) => s.measurements.length === 0)) {
    throw badInput(
      `${source} has no Promoting Interoperability (Advancing Care Information) section: expected a section with templateId "${TEMPLATE.piSection}"; its measure sections hold no quality measure or improvement activity either (CMS converter errors 23 and 81)`,
    );
  }
  if (year === null) refuse(source, "no section has a usable performance period", []);

  const submission: Submission = {
    performanceYear: year,
    entityType: header.entityType,
    ...(header.tin ? { taxpayerIdentificationNumber: header.tin } : {}),
    ...(header.npi ? { nationalProviderIdentifier: header.npi } : {}),
    ...(header.virtualGroupId ? { entityId: header.virtualGroupId } : {}),
    measurementSets: sets,
  };
  // The same validator as for QPP JSON input: one definition of a valid submission.
  const checked = validateSubmission(submission);
  if (!checked.ok) refuse(source, "the converted submission is not valid", checked.issues);
  for (const f of checked.findings) warnings.addCmsRejects(f.path, f.message);
  return { submission: checked.submission, warnings: warnings.items, sourceOrganization: readSourceOrganization(doc.root) };
}
