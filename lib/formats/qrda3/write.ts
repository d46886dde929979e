/**
 * QPP submission -> QRDA III document (CMS QRDA III Implementation Guide for Eligible Clinicians), the
 * export beside QPP JSON: the header (program MIPS_INDIV / MIPS_GROUP / MIPS_VIRTUALGROUP, or the APP
 * variants, the performer's TIN, NPI or virtual group id, the CEHRT ID), a Promoting Interoperability
 * section (`...27.2.5`: numerator/denominator organizers `...27.3.28`, yes/no organizers `...27.3.29`), a
 * quality measure section (`...27.2.1` + CMS `...27.2.3`: measure organizers `...27.3.1`/`...27.3.17`, one
 * Measure Data observation `...27.3.5` per population) and an Improvement Activities section (`...27.2.4`:
 * organizers `...27.3.33`), each section with its own Reporting Parameters Act (`...17.3.8`), as CMS's
 * converter requires (error 22). Template ids carry the extensions of CMS's 2025 samples; readers (ours and
 * CMS's converter) match on the root.
 *
 * What QRDA III cannot carry is listed in `notCarried` and left out: our extensions (`cehrtEdition`,
 * derived again from the CEHRT ID on reading; `clinicians`; `groupStatuses`), quality values that are not
 * end-to-end counts, counts whose parts do not make up the eligible population as QRDA III's populations
 * express it (performanceNotMet = DENOM - NUMER - DENEX - DENEXCEP). `readQrda3(writeQrda3(s).xml)` gives
 * `s` back for everything else, each set's submission method read as electronicHealthRecord (round-trip test).
 */
import type { Issue } from "../../errors";
import { type AnyMeasurementSet, type IaMeasurementSet, type MeasurementSet, type QualityMeasurementSet, type Submission, isPiMeasurementSet } from "../../mips/submission";
import { ecqmByMeasureId, rateNumeratorUuid } from "./ecqm-catalog";
import { ID_ROOT, TEMPLATE } from "./templates";

export interface Qrda3WriteResult {
  xml: string;
  /** What the document does not carry (left out), with the submission's JSON path. */
  notCarried: Issue[];
}

/** Works in Node and in browsers (no node:crypto import: lib/formats is also bundled for the CLI). */
const randomUUID = () => globalThis.crypto.randomUUID();

const ECQM_VERSION_ID_ROOT = "2.16.840.1.113883.4.738";
const PI_MEASURE_ID_ROOT = "2.16.840.1.113883.3.7031";
const IA_MEASURE_ID_ROOT = "2.16.840.1.113883.3.7034";
const QUALITY_MEASURE_CMS = "2.16.840.1.113883.10.20.27.3.17";
const DOCUMENT_CMS = "2.16.840.1.113883.10.20.27.1.2";
const MEASURE_SECTION = "2.16.840.1.113883.10.20.24.2.2";
const MEASURE_REFERENCE = "2.16.840.1.113883.10.20.24.3.98";

function esc(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const hl7 = (iso: string | undefined) => (iso ?? "").replaceAll("-", "");

function programName(s: Submission, sets: readonly AnyMeasurementSet[]): string {
  const qppProgram = sets.map((x) => (x as { programName?: unknown }).programName).find((p): p is string => typeof p === "string");
  if (s.entityType === "virtualGroup") return "MIPS_VIRTUALGROUP";
  const suffix = s.entityType === "individual" ? "INDIV" : "GROUP";
  if (qppProgram === "app1") return `MIPS_APP1_${suffix}`;
  if (qppProgram === "appPlus") return `APP_PLUS_${suffix}`;
  return `MIPS_${suffix}`;
}

function reportingAct(start: string | undefined, end: string | undefined): string {
  return `<entry typeCode="DRIV"><act classCode="ACT" moodCode="EVN"><templateId root="${TEMPLATE.reportingParametersAct}"/><id root="${randomUUID()}"/><code code="252116004" codeSystem="2.16.840.1.113883.6.96" displayName="Observation Parameters"/><effectiveTime><low value="${hl7(start)}"/><high value="${hl7(end)}"/></effectiveTime></act></entry>`;
}

function aggregateCount(n: number): string {
  return `<entryRelationship typeCode="SUBJ" inversionInd="true"><observation classCode="OBS" moodCode="EVN"><templateId root="${TEMPLATE.aggregateCount}"/><code code="MSRAGG" codeSystem="2.16.840.1.113883.5.4" codeSystemName="ActCode" displayName="rate aggregation"/><statusCode code="completed"/><value xsi:type="INT" value="${n}"/><methodCode code="COUNT" codeSystem="2.16.840.1.113883.5.84" codeSystemName="ObservationMethod" displayName="Count"/></observation></entryRelationship>`;
}

function measurePerformed(yes: boolean): string {
  return `<component><observation classCode="OBS" moodCode="EVN"><templateId root="${TEMPLATE.measurePerformed}" extension="2016-09-01"/><code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4" codeSystemName="ActCode" displayName="Assertion"/><statusCode code="completed"/><value xsi:type="CD" code="${yes ? "Y" : "N"}" displayName="${yes ? "Yes" : "No"}" codeSystem="2.16.840.1.113883.12.136" codeSystemName="Yes/no indicator (HL7 Table 0136)"/></observation></component>`;
}

function reference(root: string, id: string): string {
  return `<reference typeCode="REFR"><externalDocument classCode="DOC" moodCode="EVN"><id root="${root}" extension="${esc(id)}"/></externalDocument></reference>`;
}

function section(templates: string, title: string, entries: string[], set: { performanceStart?: string | undefined; performanceEnd?: string | undefined }): string {
  return `<component><section><templateId root="${MEASURE_SECTION}"/>${templates}<code code="55186-1" codeSystem="2.16.840.1.113883.6.1" displayName="Measure Section"/><title>${esc(title)}</title><text/>${entries.join("")}${reportingAct(set.performanceStart, set.performanceEnd)}</section></component>`;
}

function piSection(set: MeasurementSet): string {
  const entries = set.measurements.map((m) => {
    if (typeof m.value === "boolean") {
      return `<entry><organizer classCode="CLUSTER" moodCode="EVN"><templateId root="${MEASURE_REFERENCE}"/><templateId root="${TEMPLATE.booleanMeasure}" extension="2016-09-01"/><id root="${randomUUID()}"/><statusCode code="completed"/>${reference(PI_MEASURE_ID_ROOT, m.measureId)}${measurePerformed(m.value)}</organizer></entry>`;
    }
    const data = (template: string, code: string, n: number) =>
      `<component><observation classCode="OBS" moodCode="EVN"><templateId root="${template}" extension="2016-09-01"/><code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4" codeSystemName="ActCode" displayName="Assertion"/><statusCode code="completed"/><value xsi:type="CD" code="${code}" codeSystem="2.16.840.1.113883.5.4" codeSystemName="ActCode"/>${aggregateCount(n)}</observation></component>`;
    return `<entry><organizer classCode="CLUSTER" moodCode="EVN"><templateId root="${MEASURE_REFERENCE}"/><templateId root="${TEMPLATE.proportionMeasure}" extension="2017-06-01"/><id root="${randomUUID()}"/><statusCode code="completed"/>${reference(PI_MEASURE_ID_ROOT, m.measureId)}${data(TEMPLATE.numeratorData, "NUMER", m.value.numerator)}${data(TEMPLATE.denominatorData, "DENOM", m.value.denominator)}</organizer></entry>`;
  });
  return section(`<templateId root="${TEMPLATE.piSection}" extension="2020-12-01"/>`, "Promoting Interoperability", entries, set);
}

function iaSection(set: IaMeasurementSet): string {
  const entries = set.measurements.map(
    (m) =>
      `<entry><organizer classCode="CLUSTER" moodCode="EVN"><templateId root="${MEASURE_REFERENCE}"/><templateId root="${TEMPLATE.iaMeasure}" extension="2016-09-01"/><id root="${randomUUID()}"/><statusCode code="completed"/>${reference(IA_MEASURE_ID_ROOT, m.measureId)}${measurePerformed(m.value)}</organizer></entry>`,
  );
  return section(`<templateId root="${TEMPLATE.iaSection}" extension="2020-12-01"/>`, "Improvement Activities", entries, set);
}

interface Counts {
  performanceMet: number;
  performanceNotMet: number;
  eligiblePopulation: number;
  eligiblePopulationExclusion?: number | undefined;
  eligiblePopulationException?: number | undefined;
}

function isCounts(v: unknown): v is Counts {
  const c = v as Partial<Counts> | null;
  return typeof c === "object" && c !== null && typeof c.performanceMet === "number" && typeof c.performanceNotMet === "number" && typeof c.eligiblePopulation === "number";
}

/** Whether the counts are what QRDA III's populations say back (not met = DENOM - NUMER - DENEX - DENEXCEP). */
function fits(c: Counts): boolean {
  return c.performanceNotMet === c.eligiblePopulation - c.performanceMet - (c.eligiblePopulationExclusion ?? 0) - (c.eligiblePopulationException ?? 0);
}

function population(code: string, n: number, populationId?: string): string {
  const ref = populationId ? `<reference typeCode="REFR"><externalObservation classCode="OBS" moodCode="EVN"><id root="${esc(populationId)}"/></externalObservation></reference>` : "";
  return `<component><observation classCode="OBS" moodCode="EVN"><templateId root="${TEMPLATE.measureData}" extension="2016-09-01"/><code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4" codeSystemName="ActCode" displayName="Assertion"/><statusCode code="completed"/><value xsi:type="CD" code="${code}" codeSystem="2.16.840.1.113883.5.4" codeSystemName="ActCode"/>${aggregateCount(n)}${ref}</observation></component>`;
}

function populations(c: Counts, numeratorPopulationId?: string): string {
  return [
    population("DENOM", c.eligiblePopulation),
    population("NUMER", c.performanceMet, numeratorPopulationId),
    c.eligiblePopulationExclusion !== undefined ? population("DENEX", c.eligiblePopulationExclusion) : "",
    c.eligiblePopulationException !== undefined ? population("DENEXCEP", c.eligiblePopulationException) : "",
  ].join("");
}

function qualitySection(set: QualityMeasurementSet, year: number, at: string, notCarried: Issue[]): string {
  const entries: string[] = [];
  set.measurements.forEach((m, i) => {
    const where = `${at}.measurements[${i}]`;
    const v = m.value as unknown;
    const left = (why: string) => notCarried.push({ path: where, message: `quality measure ${m.measureId}: ${why}; left out of the QRDA III document` });
    if (typeof v === "boolean" || typeof v !== "object" || v === null) return left("a yes/no quality value has no QRDA III measure data");
    const value = v as { isEndToEndReported?: boolean; strata?: (Counts & { stratum: string })[] };
    if (value.isEndToEndReported === false) return left("not end-to-end reported (QRDA III measure data is end-to-end electronic)");
    // A QPP measure id of a year CMS's data maps goes back to its eCQM version id, a named rate to its numerator population.
    const ecqm = ecqmByMeasureId(year, m.measureId);
    let body: string;
    if (Array.isArray(value.strata)) {
      const shape = (c: Counts) => `${c.eligiblePopulationExclusion !== undefined}|${c.eligiblePopulationException !== undefined}`;
      // A stratum CMS's data gives no populations (370's "18+") has no place in QRDA III: CMS's converter adds it back with zeros.
      const unreportable = new Set(ecqm?.strataWithoutPopulations?.strata.filter((x) => x.numeratorUuid === null).map((x) => x.name));
      const written = value.strata.filter((s) => !(unreportable.has(s.stratum) && s.performanceMet === 0 && s.eligiblePopulation === 0));
      if (!written.every(fits)) return left("a stratum's performanceNotMet is not eligiblePopulation - performanceMet - exclusions - exceptions, which is what QRDA III's populations express");
      if (new Set(written.map(shape)).size > 1) return left("its strata do not all report the same populations (exclusions, exceptions)");
      body = written.map((s) => populations(s, (ecqm ? rateNumeratorUuid(ecqm, s.stratum) : undefined) ?? s.stratum)).join("");
    } else {
      if (!isCounts(v)) return left("no performanceMet, performanceNotMet and eligiblePopulation");
      if (!fits(v)) return left("performanceNotMet is not eligiblePopulation - performanceMet - exclusions - exceptions, which is what QRDA III's populations express");
      body = populations(v);
    }
    entries.push(
      `<entry><organizer classCode="CLUSTER" moodCode="EVN"><templateId root="${MEASURE_REFERENCE}"/><templateId root="${TEMPLATE.qualityMeasure}" extension="2016-09-01"/><templateId root="${QUALITY_MEASURE_CMS}" extension="2022-05-01"/><id root="${randomUUID()}"/><statusCode code="completed"/>${reference(ECQM_VERSION_ID_ROOT, ecqm?.uuid ?? m.measureId)}${body}</organizer></entry>`,
    );
  });
  return section(`<templateId root="${TEMPLATE.qualitySection}" extension="2020-12-01"/><templateId root="${TEMPLATE.qualitySectionCms}" extension="2022-05-01"/>`, "Quality Measures", entries, set);
}

function performer(s: Submission): string {
  const npi = s.entityType === "individual" && s.nationalProviderIdentifier ? `<id root="${ID_ROOT.npi}" extension="${esc(s.nationalProviderIdentifier)}"/>` : `<id nullFlavor="NA"/>`;
  const orgIds = [
    s.taxpayerIdentificationNumber ? `<id root="${ID_ROOT.tin}" extension="${esc(s.taxpayerIdentificationNumber)}"/>` : "",
    s.entityType === "virtualGroup" && s.entityId ? `<id root="${ID_ROOT.virtualGroup}" extension="${esc(s.entityId)}"/>` : "",
  ].join("");
  return `<performer typeCode="PRF"><assignedEntity>${npi}<representedOrganization>${orgIds}</representedOrganization></assignedEntity></performer>`;
}

export function writeQrda3(submission: Submission, options: { now?: Date } = {}): Qrda3WriteResult {
  const notCarried: Issue[] = [];
  const s = submission;
  if (s.clinicians) notCarried.push({ path: "clinicians", message: "the clinicians list (our extension, used for reweighting) has no place in QRDA III; left out" });
  if (s.groupStatuses) notCarried.push({ path: "groupStatuses", message: "the group's special statuses (our extension) have no place in QRDA III; left out" });
  const sets = s.measurementSets;
  const pi = sets.filter(isPiMeasurementSet);
  const body: string[] = [];
  let cehrtId: string | undefined;
  pi.forEach((set) => {
    const at = `measurementSets[${sets.indexOf(set)}]`;
    if (set.cehrtEdition) {
      notCarried.push({ path: `${at}.cehrtEdition`, message: `CEHRT edition ${set.cehrtEdition} (our extension): QRDA III carries the CEHRT ID only${set.cehrtId ? `, ${set.cehrtId}, from which the edition is derived on reading` : ", and this set has none"}; left out` });
    }
    cehrtId = set.cehrtId ?? cehrtId;
    body.push(piSection(set));
  });
  // A QRDA III document holds one quality and one IA section: sets of several submission methods are merged.
  const quality = sets.filter((x): x is QualityMeasurementSet => x.category === "quality");
  const ia = sets.filter((x): x is IaMeasurementSet => x.category === "ia");
  for (const [list, write] of [
    [quality, (set: QualityMeasurementSet) => qualitySection(set, s.performanceYear, `measurementSets[${sets.indexOf(set)}]`, notCarried)],
    [ia, (set: IaMeasurementSet) => iaSection(set)],
  ] as const) {
    const [first, ...more] = list as readonly (QualityMeasurementSet | IaMeasurementSet)[];
    if (!first) continue;
    for (const extra of more) notCarried.push({ path: `measurementSets[${sets.indexOf(extra)}]`, message: `a second ${extra.category} set (submission method ${extra.submissionMethod ?? "none"}): a QRDA III document holds one ${extra.category === "ia" ? "IA" : "quality"} section; left out` });
    body.push((write as (set: QualityMeasurementSet | IaMeasurementSet) => string)(first));
  }
  const periods = sets.flatMap((x) => (x.performanceStart && x.performanceEnd ? [[x.performanceStart, x.performanceEnd] as const] : []));
  const start = periods.map((p) => p[0]).sort()[0] ?? `${s.performanceYear}-01-01`;
  const end = periods.map((p) => p[1]).sort().at(-1) ?? `${s.performanceYear}-12-31`;
  const now = (options.now ?? new Date()).toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const cehrt = cehrtId
    ? `<participant typeCode="DEV"><associatedEntity classCode="RGPR"><id root="${ID_ROOT.cehrtId}" extension="${esc(cehrtId)}"/><code code="129465004" displayName="medical record, device" codeSystem="2.16.840.1.113883.6.96" codeSystemName="SNOMED-CT"/></associatedEntity></participant>`
    : "";
  const xml =
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<realmCode code="US"/><typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>` +
    `<templateId root="${TEMPLATE.qrda3Document}" extension="2017-06-01"/><templateId root="${DOCUMENT_CMS}" extension="2024-12-01"/>` +
    `<id root="${randomUUID()}"/><code code="55184-6" codeSystem="2.16.840.1.113883.6.1" codeSystemName="LOINC" displayName="Quality Reporting Document Architecture Calculated Summary Report"/>` +
    `<title>QRDA Category III Report, performance year ${s.performanceYear}</title><effectiveTime value="${now}"/><confidentialityCode codeSystem="2.16.840.1.113883.5.25" code="N"/><languageCode code="en"/><versionNumber value="1"/>` +
    `<recordTarget><patientRole><id nullFlavor="NA"/></patientRole></recordTarget>` +
    `<author><time value="${now}"/><assignedAuthor><id root="${randomUUID()}"/><assignedAuthoringDevice><softwareName>MIPS PI portal</softwareName></assignedAuthoringDevice></assignedAuthor></author>` +
    `<custodian><assignedCustodian><representedCustodianOrganization><id nullFlavor="NA"/></representedCustodianOrganization></assignedCustodian></custodian>` +
    `<informationRecipient><intendedRecipient><id root="${ID_ROOT.cmsProgram}" extension="${programName(s, sets)}"/></intendedRecipient></informationRecipient>` +
    `<legalAuthenticator><time value="${now}"/><signatureCode code="S"/><assignedEntity><id root="${randomUUID()}"/></assignedEntity></legalAuthenticator>` +
    cehrt +
    `<documentationOf typeCode="DOC"><serviceEvent classCode="PCPR"><effectiveTime><low value="${hl7(start)}"/><high value="${hl7(end)}"/></effectiveTime>${performer(s)}</serviceEvent></documentationOf>` +
    `<component><structuredBody>${body.join("")}</structuredBody></component></ClinicalDocument>\n`;
  return { xml, notCarried };
}
