/**
 * The Promoting Interoperability measure catalog, per performance year, from CMS's own data: the npm
 * package `qpp-measures-data` (`measures/<year>/measures-data.json`; 2017 entries have category "aci",
 * 2018 entries "pi"). Nothing here is hand-typed: kinds, sets, weights and exclusion pairs are derived
 * from CMS's fields (rules: ../shared/domain/mips-rules.md 6.2).
 */
import measures2017 from "qpp-measures-data/measures/2017/measures-data.json";
import measures2018 from "qpp-measures-data/measures/2018/measures-data.json";
import { badInput } from "../errors";
import { PERFORMANCE_YEARS, type PerformanceYear } from "./years";

export { PERFORMANCE_YEARS, isPerformanceYear, type PerformanceYear } from "./years";

/** The submission category name CMS uses for the PI category in a year: "aci" in 2017, "pi" from 2018. */
export function piCategoryName(year: PerformanceYear): "aci" | "pi" {
  return year === 2017 ? "aci" : "pi";
}

/**
 * The two measure sets: `pi` is "(Promoting Interoperability | Advancing Care Information) Objectives and
 * Measures" (needs 2015 Edition CEHRT or a 2014/2015 mix); `transition` is "... Transition Objectives and
 * Measures" (any edition).
 */
export type MeasureSetId = "pi" | "transition";
export const MEASURE_SETS: readonly MeasureSetId[] = ["pi", "transition"];

/**
 * What a measure does in scoring, derived from CMS's fields:
 * - attestation: pre-attestation statements (`PI_INFBLO_1`, `PI_ONCDIR_1` required; `PI_ONCACB_1` optional);
 * - securityRiskAnalysis: the required yes/no base measure (`PI_PPHI_1`, `PI_TRANS_PPHI_1`);
 * - proportion: numerator/denominator measures (required ones form the base score; weight = performance points);
 * - exclusion: a yes/no claim that excuses a required proportion measure (`PI_LVPP_1` for `PI_EP_1`, ...);
 * - registry: public health and clinical data registry yes/no measures (including `*_MULTI`);
 * - iaBonus: Improvement Activities completed using CEHRT (`PI_IACEHRT_1`).
 */
export type MeasureKind =
  | "attestation"
  | "securityRiskAnalysis"
  | "proportion"
  | "exclusion"
  | "registry"
  | "iaBonus";

export interface PiMeasure {
  measureId: string;
  performanceYear: PerformanceYear;
  title: string;
  description: string;
  metricType: "boolean" | "proportion";
  kind: MeasureKind;
  isRequired: boolean;
  /** Performance or bonus weight from CMS (10 or 20 for proportion measures, 0 for none; registries 10 or 5). */
  weight: number;
  isBonus: boolean;
  /** Sets the measure belongs to; attestations and the IA bonus count for both. */
  measureSets: MeasureSetId[];
  /** For a required proportion measure that can be excluded: the exclusion's id. */
  exclusionMeasureId: string | null;
  /** For an exclusion: the proportion measure it excuses. */
  excludesMeasureId: string | null;
  /** CMS's equivalents of this measure in the other set (and related exclusions). */
  substitutes: string[];
  /** CMS's reporting category (`base`, `performanceBonus`, `registryBonus`, `cehrtBonus`, `attestation`). */
  reportingCategory: string;
  objective: string | null;
}

interface RawMeasure {
  measureId: string;
  category: string;
  title: string;
  description: string;
  metricType: string;
  weight?: number;
  isRequired?: boolean;
  isBonus?: boolean;
  measureSets?: string[];
  objective?: string | null;
  reportingCategory?: string;
  substitutes?: string[];
  exclusion?: string[] | string | null;
}

export interface Catalog {
  performanceYear: PerformanceYear;
  category: "aci" | "pi";
  measures: readonly PiMeasure[];
  byId: ReadonlyMap<string, PiMeasure>;
}

function kindOf(raw: RawMeasure): MeasureKind {
  const rc = raw.reportingCategory ?? "";
  if (rc === "attestation" || rc === "preAttestation") return "attestation";
  if (rc === "cehrtBonus") return "iaBonus";
  if (raw.objective?.startsWith("publicHealth")) return "registry";
  if (raw.metricType === "proportion") return "proportion";
  return raw.isRequired ? "securityRiskAnalysis" : "exclusion";
}

function setsOf(raw: RawMeasure, kind: MeasureKind): MeasureSetId[] {
  if (kind === "attestation" || kind === "iaBonus") return ["pi", "transition"];
  return raw.measureSets?.includes("transition") ? ["transition"] : ["pi"];
}

function buildCatalog(year: PerformanceYear, raw: readonly RawMeasure[]): Catalog {
  const category = piCategoryName(year);
  const measures: PiMeasure[] = raw
    .filter((m) => m.category === category)
    .map((m) => {
      const kind = kindOf(m);
      return {
        measureId: m.measureId,
        performanceYear: year,
        title: m.title,
        description: m.description,
        metricType: m.metricType === "proportion" ? "proportion" : "boolean",
        kind,
        isRequired: m.isRequired ?? false,
        weight: m.weight ?? 0,
        isBonus: m.isBonus ?? false,
        measureSets: setsOf(m, kind),
        exclusionMeasureId: null,
        excludesMeasureId: null,
        substitutes: m.substitutes ?? [],
        reportingCategory: m.reportingCategory ?? "",
        objective: m.objective ?? null,
      };
    });
  const byId = new Map(measures.map((m) => [m.measureId, m]));
  // Pair each exclusion with the required proportion measure of its own set that it lists as a substitute
  // (2018 data also names the pair in `exclusion`; 2017 data only through `substitutes`).
  for (const exclusion of measures.filter((m) => m.kind === "exclusion")) {
    const excused = exclusion.substitutes
      .map((id) => byId.get(id))
      .find(
        (m) =>
          m !== undefined &&
          m.kind === "proportion" &&
          m.isRequired &&
          m.measureSets[0] === exclusion.measureSets[0],
      );
    if (excused) {
      exclusion.excludesMeasureId = excused.measureId;
      excused.exclusionMeasureId = exclusion.measureId;
    }
  }
  return { performanceYear: year, category, measures, byId };
}

const catalogs = new Map<PerformanceYear, Catalog>();

/** The PI (2018) or ACI (2017) catalog of a performance year; built once per process. */
export function getCatalog(year: PerformanceYear): Catalog {
  let catalog = catalogs.get(year);
  if (!catalog) {
    const raw = (year === 2017 ? measures2017 : measures2018) as unknown as RawMeasure[];
    catalog = buildCatalog(year, raw);
    catalogs.set(year, catalog);
  }
  return catalog;
}

export function findMeasure(year: PerformanceYear, measureId: string): PiMeasure | undefined {
  return getCatalog(year).byId.get(measureId);
}

/** The measure, or a BAD_INPUT error saying it is unknown, or that it belongs to another year. */
export function requireMeasure(year: PerformanceYear, measureId: string, where = "measureId"): PiMeasure {
  const measure = findMeasure(year, measureId);
  if (measure) return measure;
  const otherYear = PERFORMANCE_YEARS.find((y) => y !== year && findMeasure(y, measureId));
  const message = otherYear
    ? `measure "${measureId}" belongs to performance year ${otherYear}, not ${year}`
    : `unknown measure "${measureId}" for performance year ${year}`;
  throw badInput(message, [{ path: where, message }]);
}

/** Measures of one set (attestations and the IA bonus included), in catalog order. */
export function measuresOfSet(year: PerformanceYear, set: MeasureSetId): PiMeasure[] {
  return getCatalog(year).measures.filter((m) => m.measureSets.includes(set));
}
