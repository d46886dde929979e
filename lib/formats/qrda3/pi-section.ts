/**
 * Measures of the QRDA III Promoting Interoperability section (template 2.16.840.1.113883.10.20.27.2.5):
 * - numerator/denominator measures: organizer `...27.3.28` holding the numerator `...27.3.31` and
 *   denominator `...27.3.32` observations, each with an aggregate count `...27.3.3` whose `value/@value`
 *   is the count;
 * - yes/no measures: organizer `...27.3.29` holding a measure-performed observation `...27.3.27` whose
 *   `value/@code` is Y or N;
 * - the measure id: `reference/externalDocument/id/@extension`.
 * Everything is found by template id, wherever it sits, never by position.
 */
import type { Issue } from "../../errors";
import { type PerformanceYear, findMeasure } from "../../mips/catalog";
import type { Measurement, ProportionValue } from "../../mips/submission";
import type { WarningList } from "../warnings";
import { type XmlElement, attr, childAt, childrenNamed, descendants, firstDescendant, where } from "../xml/tree";
import { hasTemplate } from "./cda";
import { mapMeasureId } from "./measure-ids";
import { TEMPLATE } from "./templates";

/** One measure as written in the file, before its id is checked against the catalog. */
export interface RawPiMeasure {
  rawId: string;
  value: boolean | ProportionValue;
  organizer: XmlElement;
}

function measureIdOf(organizer: XmlElement): string | null {
  for (const reference of childrenNamed(organizer, "reference")) {
    const doc = childAt(reference, "externalDocument");
    for (const id of doc ? childrenNamed(doc, "id") : []) {
      const extension = attr(id, "extension")?.trim();
      if (extension) return extension;
    }
  }
  return null;
}

function withTemplate(container: XmlElement, template: string): XmlElement | undefined {
  return firstDescendant(container, (e) => hasTemplate(e, template));
}

/** The aggregate count under a numerator or denominator observation, as a whole number >= 0. */
function count(organizer: XmlElement, template: string, label: string, measureId: string, issues: Issue[]): number | null {
  const observation = withTemplate(organizer, template);
  const aggregate = observation ? withTemplate(observation, TEMPLATE.aggregateCount) : undefined;
  const value = aggregate ? childAt(aggregate, "value") : undefined;
  if (!value) {
    issues.push({
      path: where(aggregate ?? observation ?? organizer),
      message: `measure "${measureId}": no ${label} count (expected templateId "${template}" holding an aggregate count "${TEMPLATE.aggregateCount}" with value/@value)`,
    });
    return null;
  }
  const text = attr(value, "value")?.trim() ?? "";
  if (!/^\d+$/.test(text)) {
    issues.push({
      path: where(value),
      message: `measure "${measureId}": ${label} count "${text}" must be a whole number >= 0`,
    });
    return null;
  }
  const n = Number(text);
  if (!Number.isSafeInteger(n)) {
    issues.push({ path: where(value), message: `measure "${measureId}": ${label} count ${text} is too large` });
    return null;
  }
  return n;
}

function readProportion(organizer: XmlElement, measureId: string, issues: Issue[]): ProportionValue | null {
  const numerator = count(organizer, TEMPLATE.numeratorData, "numerator", measureId, issues);
  const denominator = count(organizer, TEMPLATE.denominatorData, "denominator", measureId, issues);
  if (numerator === null || denominator === null) return null;
  if (numerator > denominator) {
    issues.push({
      path: where(organizer),
      message: `measure "${measureId}": numerator ${numerator} exceeds denominator ${denominator}`,
    });
    return null;
  }
  return { numerator, denominator };
}

function readBoolean(organizer: XmlElement, measureId: string, issues: Issue[]): boolean | null {
  const observation = withTemplate(organizer, TEMPLATE.measurePerformed);
  const value = observation ? childAt(observation, "value") : undefined;
  const code = value ? attr(value, "code")?.trim().toUpperCase() : undefined;
  if (code === "Y") return true;
  if (code === "N") return false;
  issues.push({
    path: where(value ?? observation ?? organizer),
    message: `measure "${measureId}": expected a measure-performed observation ("${TEMPLATE.measurePerformed}") with value/@code Y or N${code ? `, found "${code}"` : ""}`,
  });
  return null;
}

/** Reads every measure of the section; problems go to `issues` (all of them, not just the first). */
export function readRawMeasures(section: XmlElement, issues: Issue[]): RawPiMeasure[] {
  const measures: RawPiMeasure[] = [];
  const organizers = descendants(
    section,
    (e) => hasTemplate(e, TEMPLATE.proportionMeasure) || hasTemplate(e, TEMPLATE.booleanMeasure),
  );
  for (const organizer of organizers) {
    const rawId = measureIdOf(organizer);
    if (!rawId) {
      issues.push({
        path: where(organizer),
        message: "a PI measure without an id: expected reference/externalDocument/id with the measure id as extension",
      });
      continue;
    }
    const value = hasTemplate(organizer, TEMPLATE.proportionMeasure)
      ? readProportion(organizer, rawId, issues)
      : readBoolean(organizer, rawId, issues);
    if (value !== null) measures.push({ rawId, value, organizer });
  }
  return measures;
}

/**
 * Maps each raw measure to the performance year's catalog: old ids are mapped with a warning; unknown
 * ids, duplicates and a yes/no vs numerator/denominator mismatch are issues (the file is refused, like
 * the QPP JSON validator refuses them, so nothing is silently dropped).
 */
export function toMeasurements(
  raw: RawPiMeasure[],
  year: PerformanceYear,
  issues: Issue[],
  warnings: WarningList,
): Measurement[] {
  const measurements: Measurement[] = [];
  const seen = new Map<string, XmlElement>();
  for (const m of raw) {
    const mapping = mapMeasureId(m.rawId, year);
    if (mapping.kind === "unknown") {
      issues.push({
        path: where(m.organizer),
        message: `unknown measure id "${m.rawId}" for performance year ${year} (not in CMS's ${year} PI catalog, even read as an older ACI/PI id)`,
      });
      continue;
    }
    if (mapping.kind === "mapped") {
      warnings.add(where(m.organizer), `measure id "${mapping.from}" read as "${mapping.measureId}" (the ${year} id)`);
    }
    const { measureId } = mapping;
    const earlier = seen.get(measureId);
    if (earlier) {
      issues.push({ path: where(m.organizer), message: `measure "${measureId}" is reported twice (first at ${earlier.path})` });
      continue;
    }
    seen.set(measureId, m.organizer);
    const measure = findMeasure(year, measureId);
    const isBoolean = typeof m.value === "boolean";
    if (measure && (measure.metricType === "boolean") !== isBoolean) {
      issues.push({
        path: where(m.organizer),
        message: `measure "${measureId}" is ${measure.metricType === "boolean" ? "a yes/no measure" : "a numerator/denominator measure"} but the file reports it as ${isBoolean ? "yes/no" : "numerator/denominator"}`,
      });
      continue;
    }
    measurements.push({ measureId, value: m.value });
  }
  return measurements;
}
