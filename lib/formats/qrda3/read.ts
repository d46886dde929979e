/**
 * Reads a QRDA Category III file into the QPP Submissions JSON object CMS's converter emits for its PI
 * section (`performanceYear`, `entityType`, `taxpayerIdentificationNumber`, `nationalProviderIdentifier`
 * or `entityId`, `measurementSets[]` with the PI set), plus `cehrtId` on the set when the file has one.
 * Only the PI category is read; quality and IA sections are skipped.
 */
import { type Issue, badInput } from "../../errors";
import { isPerformanceYear, piCategoryName } from "../../mips/catalog";
import { type MeasurementSet, type Submission, validateSubmission } from "../../mips/submission";
import { type FormatWarning, WarningList } from "../warnings";
import { type XmlLimits, decodeXmlBytes } from "../xml/limits";
import { loadQrda3Document } from "./document";
import { readHeader } from "./header";
import { hasReportingAct, readPeriod } from "./period";
import { readRawMeasures, toMeasurements } from "./pi-section";
import { TEMPLATE } from "./templates";

export interface ReadResult {
  submission: Submission;
  warnings: FormatWarning[];
}

export interface Qrda3ReadOptions {
  limits?: XmlLimits;
}

function refuse(source: string, what: string, issues: Issue[]): never {
  throw badInput(`${source}: ${what} (${issues.length} problem(s))`, issues);
}

export function readQrda3(input: string | Uint8Array, source: string, options: Qrda3ReadOptions = {}): ReadResult {
  const text = typeof input === "string" ? input : decodeXmlBytes(input, source, options.limits);
  const doc = loadQrda3Document(text, source, options.limits);
  const warnings = new WarningList(source);
  const header = readHeader(doc.root, source, warnings);

  const [section, ...extra] = doc.piSections;
  if (!section) {
    throw badInput(
      `${source} has no Promoting Interoperability (Advancing Care Information) section: expected a section with templateId "${TEMPLATE.piSection}"`,
    );
  }
  if (extra.length > 0) {
    throw badInput(`${source} has ${doc.piSections.length} PI sections (at ${doc.piSections.map((s) => s.path).join(", ")}); a report holds one`);
  }

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
  const year = Number(period.start.slice(0, 4));
  if (!isPerformanceYear(year)) {
    throw badInput(`${source}: performance period ${period.start}..${period.end} (at ${period.path}) is in ${year}; supported performance years are 2017 and 2018`);
  }
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
  };
  const submission: Submission = {
    performanceYear: year,
    entityType: header.entityType,
    ...(header.tin ? { taxpayerIdentificationNumber: header.tin } : {}),
    ...(header.npi ? { nationalProviderIdentifier: header.npi } : {}),
    ...(header.virtualGroupId ? { entityId: header.virtualGroupId } : {}),
    measurementSets: [set],
  };
  // The same validator as for QPP JSON input: one definition of a valid submission.
  const checked = validateSubmission(submission);
  if (!checked.ok) refuse(source, "the converted submission is not valid", checked.issues);
  return { submission: checked.submission, warnings: warnings.items };
}
