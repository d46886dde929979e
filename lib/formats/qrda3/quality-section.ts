/**
 * Quality (eCQM) measures of a QRDA III measure section (`...27.2.1` / CMS `...27.2.3`), kept as a QPP
 * quality measurement set the way CMS's converter writes it:
 * - each Measure Reference and Results organizer (`...27.3.1`) is one measure, named by its eCQM version
 *   id (`reference/externalDocument/id[@root="2.16.840.1.113883.4.738"]/@extension`);
 * - each Measure Data observation (`...27.3.5`) is one population, `value/@code` IPOP, DENOM, NUMER, DENEX
 *   or DENEXCEP, with its aggregate count (`...27.3.3`, `value/@value`);
 * - eligiblePopulation = DENOM, performanceMet = NUMER, eligiblePopulationExclusion = DENEX,
 *   eligiblePopulationException = DENEXCEP, performanceNotMet = DENOM - NUMER - DENEX - DENEXCEP;
 * - a measure with several numerators is multi-rate: one stratum per numerator, the i-th populations of each
 *   kind together, the stratum named by the numerator's population id (CMS's converter names it from its
 *   measure configuration and falls back to that id).
 * - two shapes follow CMS's converter and the year's `metricType`: the rates of a measure CMS's data lists as
 *   single-rate (005, 008, 143, 438 and, 2020-2021, 007) are summed into one performance rate; a multi-rate
 *   measure with a stratum CMS's data gives no populations (370's "18+", 2019-2021) gets every stratum of the
 *   data, the unreportable one with zeros (ecqm-catalog.ts, sumsRates and strataWithoutPopulations).
 * CMS's converter replaces the eCQM version id with the QPP measure id from its measures data (IG table
 * 15), and names each rate of a multi-rate measure from the same data: so does this reader where CMS's
 * `qpp-measures-data` has the year's eCQMs (2017-2021, ecqm-catalog.ts); other years keep the id as written
 * (and rates their numerator population id), with a warning.
 * Problems (CMS error 13: a denominator above the initial population; numerator + exclusions + exceptions above
 * the denominator, which the QPP Submissions API refuses; counts that are not whole numbers) are findings: they
 * never block PI.
 */
import type { Issue } from "../../errors";
import type { QualityMeasurement, QualityValue } from "../../mips/submission";
import type { WarningList } from "../warnings";
import { type XmlElement, attr, childAt, childrenNamed, descendants, firstDescendant, where } from "../xml/tree";
import { hasTemplate } from "./cda";
import { type Ecqm, ecqmByVersionId, rateName } from "./ecqm-catalog";
import { TEMPLATE } from "./templates";

const ECQM_VERSION_ID_ROOT = "2.16.840.1.113883.4.738";
type Population = "IPOP" | "DENOM" | "NUMER" | "DENEX" | "DENEXCEP";
const POPULATIONS: readonly string[] = ["IPOP", "DENOM", "NUMER", "DENEX", "DENEXCEP"];

interface PopulationCount {
  kind: Population;
  count: number;
  /** The population's id (`reference/externalObservation/id/@root`), naming a stratum. */
  populationId: string | null;
}

function measureIdOf(organizer: XmlElement): string | null {
  for (const reference of childrenNamed(organizer, "reference")) {
    const doc = childAt(reference, "externalDocument");
    const ids = doc ? childrenNamed(doc, "id") : [];
    const id = ids.find((i) => attr(i, "root") === ECQM_VERSION_ID_ROOT) ?? ids[0];
    const value = id ? (attr(id, "extension") ?? attr(id, "root"))?.trim() : undefined;
    if (value) return value;
  }
  return null;
}

function populationOf(observation: XmlElement, measureId: string, findings: Issue[]): PopulationCount | null {
  const code = childAt(observation, "value");
  const kind = code ? attr(code, "code")?.trim().toUpperCase() : undefined;
  if (!kind || !POPULATIONS.includes(kind)) {
    findings.push({ path: where(code ?? observation), message: `quality measure ${measureId}: measure data with population code "${kind ?? ""}"; CMS expects IPOP, DENOM, NUMER, DENEX or DENEXCEP` });
    return null;
  }
  const aggregate = firstDescendant(observation, (e) => hasTemplate(e, TEMPLATE.aggregateCount));
  const value = aggregate ? childAt(aggregate, "value") : undefined;
  const text = value ? (attr(value, "value")?.trim() ?? "") : "";
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    findings.push({
      path: where(value ?? aggregate ?? observation),
      message: `quality measure ${measureId}: the ${kind} count ${text ? `"${text}" is not a whole number >= 0` : "is missing"}; CMS refuses it (converter error 53); the measure is left out`,
    });
    return null;
  }
  const reference = childAt(observation, "reference", "externalObservation", "id");
  return { kind: kind as Population, count: Number(text), populationId: reference ? (attr(reference, "root")?.trim() ?? null) : null };
}

type Counts = Extract<QualityValue, { performanceMet: number }>;

function countsOf(group: Partial<Record<Population, PopulationCount>>, measureId: string, at: string, findings: Issue[]): Counts | null {
  const numerator = group.NUMER?.count ?? 0;
  const denominator = group.DENOM?.count ?? 0;
  const exclusions = group.DENEX?.count;
  const exceptions = group.DENEXCEP?.count;
  const ipop = group.IPOP?.count;
  if (ipop !== undefined && denominator > ipop) {
    // CMS names the denominator's population id (DENOMINATOR_COUNT_INVALID); a multi-rate measure has one per rate.
    const population = group.DENOM?.populationId ? ` (population ${group.DENOM.populationId})` : "";
    findings.push({ path: at, message: `quality measure ${measureId}: denominator ${denominator}${population} is larger than the initial population ${ipop}; CMS refuses it (converter error 13: the denominator must not exceed the initial population)` });
    return null;
  }
  const performanceDenominator = denominator - (exclusions ?? 0) - (exceptions ?? 0);
  if (numerator > performanceDenominator) {
    // CMS's converter does not check this: it writes performanceNotMet = denominator - numerator - exclusions -
    // exceptions, negative here, and the QPP Submissions API refuses the file (422 ValidationError). CMS's own
    // rest-api/src/test/resources/fail_validation.xml (test shouldFailForSubmissionApiValidation) is its
    // qrda-files/valid-QRDA-III-2017.xml with one change: measure 236's DENEX count 50 -> 500.
    const parts = `numerator ${numerator} + exclusions ${exclusions ?? 0} + exceptions ${exceptions ?? 0} is ${numerator + (exclusions ?? 0) + (exceptions ?? 0)}`;
    const population = group.NUMER?.populationId ? ` (numerator population ${group.NUMER.populationId})` : "";
    findings.push({
      path: at,
      message:
        `quality measure ${measureId}${population}: ${parts}, more than the denominator ${denominator}; CMS's converter would send performanceNotMet ${performanceDenominator - numerator} ` +
        "(denominator - numerator - exclusions - exceptions) and the QPP Submissions API refuses a negative count (ValidationError). CMS expects numerator + exclusions + exceptions <= denominator; the measure is left out",
    });
    return null;
  }
  return {
    isEndToEndReported: true,
    performanceMet: numerator,
    performanceNotMet: performanceDenominator - numerator,
    eligiblePopulation: denominator,
    ...(exclusions !== undefined ? { eligiblePopulationExclusion: exclusions } : {}),
    ...(exceptions !== undefined ? { eligiblePopulationException: exceptions } : {}),
  };
}

function readMeasure(organizer: XmlElement, year: number, findings: Issue[]): { measure: QualityMeasurement; ecqm: Ecqm | undefined } | null {
  const versionId = measureIdOf(organizer);
  if (!versionId) {
    findings.push({ path: where(organizer), message: `a quality measure without its eCQM version id (reference/externalDocument/id root "${ECQM_VERSION_ID_ROOT}"); CMS refuses it (converter error 6)` });
    return null;
  }
  const ecqm = ecqmByVersionId(year, versionId);
  const measureId = ecqm?.measureId ?? versionId;
  const observations = descendants(organizer, (e) => hasTemplate(e, TEMPLATE.measureData));
  const before = findings.length;
  const populations = observations.map((o) => populationOf(o, measureId, findings));
  if (findings.length > before) return null;
  const byKind = new Map<Population, PopulationCount[]>();
  for (const p of populations) if (p) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  const numerators = byKind.get("NUMER") ?? [];
  if (numerators.length === 0 && !byKind.has("DENOM")) {
    findings.push({ path: where(organizer), message: `quality measure ${measureId}: no DENOM or NUMER population; CMS expects the measure's populations with their counts` });
    return null;
  }
  const groupAt = (i: number): Partial<Record<Population, PopulationCount>> => {
    const group: Partial<Record<Population, PopulationCount>> = {};
    for (const [kind, list] of byKind) {
      const p = list[i] ?? (list.length === 1 ? list[0] : undefined);
      if (p) group[kind] = p;
    }
    return group;
  };
  if (numerators.length <= 1) {
    const counts = countsOf(groupAt(0), measureId, where(organizer), findings);
    if (!counts) return null;
    const value = ecqm?.strataWithoutPopulations ? withUnreportableStrata(ecqm, counts, numerators[0]?.populationId ?? null) : counts;
    return { measure: { measureId, value }, ecqm };
  }
  // Every rate is checked, so each bad one is named (CMS reports each sub-population); one bad rate leaves the measure out.
  const strata: Stratum[] = [];
  let refused = false;
  for (let i = 0; i < numerators.length; i++) {
    const counts = countsOf(groupAt(i), measureId, where(organizer), findings);
    if (!counts) {
      refused = true;
      continue;
    }
    const { isEndToEndReported: _end, ...rest } = counts;
    const populationId = numerators[i]?.populationId;
    strata.push({ ...rest, stratum: (ecqm && populationId ? rateName(ecqm, populationId) : undefined) ?? populationId ?? `rate ${i + 1}` });
  }
  if (refused) return null;
  return { measure: { measureId, value: ecqm?.sumsRates ? summed(strata) : { isEndToEndReported: true, strata: inCmsOrder(strata, ecqm) } }, ecqm };
}

/** CMS's converter writes the strata in its measures data's order, whatever the file's: so do we, when CMS names them all. */
function inCmsOrder(strata: Stratum[], ecqm: Ecqm | undefined): Stratum[] {
  const names = ecqm?.rates.map((r) => r.name) ?? [];
  if (!strata.every((s) => names.includes(s.stratum))) return strata;
  return [...strata].sort((a, b) => names.indexOf(a.stratum) - names.indexOf(b.stratum));
}

interface Stratum {
  [key: string]: unknown;
  performanceMet: number;
  performanceNotMet: number;
  eligiblePopulation: number;
  eligiblePopulationExclusion?: number | undefined;
  eligiblePopulationException?: number | undefined;
  stratum: string;
}

/**
 * A measure CMS's data lists as single-rate with several named rates: one performance rate of the rates' sums, as
 * CMS's converter writes it (encodeAllSubPopulationSums: exclusions and exceptions always present).
 */
function summed(strata: readonly Stratum[]): Counts {
  const sum = (f: (s: Stratum) => number | undefined) => strata.reduce((n, s) => n + (f(s) ?? 0), 0);
  return {
    isEndToEndReported: true,
    performanceMet: sum((s) => s.performanceMet),
    performanceNotMet: sum((s) => s.performanceNotMet),
    eligiblePopulation: sum((s) => s.eligiblePopulation),
    eligiblePopulationExclusion: sum((s) => s.eligiblePopulationExclusion),
    eligiblePopulationException: sum((s) => s.eligiblePopulationException),
  };
}

/**
 * A multi-rate measure one of whose strata CMS's data gives no populations (370's "18+"): every stratum of CMS's
 * data in its order, the file's counts for the one it reports and zeros for the others, as CMS's converter writes it
 * (encodeSingleToMultiPerformance).
 */
function withUnreportableStrata(ecqm: Ecqm, counts: Counts, numeratorPopulationId: string | null): QualityValue {
  const { isEndToEndReported: _end, ...reported } = counts;
  const layout = ecqm.strataWithoutPopulations;
  const strata = (layout?.strata ?? []).map((s): Stratum => {
    if (s.numeratorUuid === null) {
      return { performanceMet: 0, performanceNotMet: 0, eligiblePopulation: 0, ...(layout?.withExclusion ? { eligiblePopulationExclusion: 0 } : {}), stratum: s.name };
    }
    return { ...reported, stratum: (numeratorPopulationId ? (rateName(ecqm, numeratorPopulationId) ?? numeratorPopulationId) : undefined) ?? s.name };
  });
  return { isEndToEndReported: true, strata };
}

/** Every measure of the section(s); a measure with a problem is a finding and is left out. */
export function readQualityMeasures(sections: readonly XmlElement[], year: number, findings: Issue[], warnings: WarningList): QualityMeasurement[] {
  const out: QualityMeasurement[] = [];
  const unmapped: string[] = [];
  const seen = new Set<string>();
  for (const section of sections) {
    for (const organizer of descendants(section, (e) => hasTemplate(e, TEMPLATE.qualityMeasure))) {
      const read = readMeasure(organizer, year, findings);
      if (!read) continue;
      const { measure } = read;
      if (seen.has(measure.measureId)) {
        findings.push({ path: where(organizer), message: `quality measure ${measure.measureId} is reported twice; CMS refuses duplicate measure GUIDs (converter error 71); the second is left out` });
        continue;
      }
      seen.add(measure.measureId);
      out.push(measure);
      if (!read.ecqm) unmapped.push(measure.measureId);
    }
  }
  if (unmapped.length > 0) {
    warnings.add(
      sections[0]?.path ?? "",
      `${unmapped.length} quality measure(s) kept by their eCQM version id (${unmapped.join(", ")}): CMS's converter replaces each with the QPP measure id from its measures data (IG table 15), which this portal holds for 2017-2021 only (CMS's qpp-measures-data) and does not list these for ${year}; quality is kept as data, not scored`,
    );
  }
  return out;
}
