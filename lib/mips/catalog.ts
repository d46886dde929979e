/**
 * The Promoting Interoperability measure catalog, per performance year, from CMS's own data:
 * - 2017-2022: the npm package `qpp-measures-data` (`measures/<year>/measures-data.json`; 2017 entries have
 *   category "aci", later ones "pi"), with the one correction listed in `CMS_DATA_CORRECTIONS`;
 * - 2023-2026: typed tables of CMS's facts (`catalog-data/pi-<year>.ts`, compared field by field with
 *   CMS's current repository by tests/unit/mips/catalog-vs-cms.test.ts), since the package stops at 2022.
 * Kinds, sets and exclusion pairs are derived from CMS's fields (rules: ../shared/domain/mips-rules.md 6.2,
 * mips-rules-by-year.md 2.2). Points of 2019+ measures are not CMS data: they come from `years/<year>.ts`.
 */
import measures2017 from "qpp-measures-data/measures/2017/measures-data.json";
import measures2018 from "qpp-measures-data/measures/2018/measures-data.json";
import measures2019 from "qpp-measures-data/measures/2019/measures-data.json";
import measures2020 from "qpp-measures-data/measures/2020/measures-data.json";
import measures2021 from "qpp-measures-data/measures/2021/measures-data.json";
import measures2022 from "qpp-measures-data/measures/2022/measures-data.json";
import { badInput } from "../errors";
import { PI_2023 } from "./catalog-data/pi-2023";
import { PI_2024 } from "./catalog-data/pi-2024";
import { PI_2025 } from "./catalog-data/pi-2025";
import { PI_2026 } from "./catalog-data/pi-2026";
import { measurePointsOf } from "./years/points";
import { PERFORMANCE_YEARS, type PerformanceYear, unsupportedYearMessage } from "./years";

export { PERFORMANCE_YEARS, isPerformanceYear, type PerformanceYear } from "./years";

/** The submission category name CMS uses for the PI category in a year: "aci" in 2017, "pi" from 2018. */
export function piCategoryName(year: PerformanceYear): "aci" | "pi" {
  return year === 2017 ? "aci" : "pi";
}

/**
 * The measure sets. 2017-2018 have two: `pi` is "(Promoting Interoperability | Advancing Care Information)
 * Objectives and Measures" (needs 2015 Edition CEHRT or a 2014/2015 mix); `transition` is "... Transition
 * Objectives and Measures" (any edition). From 2019 there is one set, `pi`.
 */
export type MeasureSetId = "pi" | "transition";
export const MEASURE_SETS: readonly MeasureSetId[] = ["pi", "transition"];

/**
 * What a measure does in scoring, derived from CMS's fields:
 * - attestation: pre-attestation statements (`PI_INFBLO_1`, `PI_ONCDIR_1` required; `PI_ONCACB_1` optional);
 * - securityRiskAnalysis: required yes/no measures that earn nothing (`PI_PPHI_1`, `PI_TRANS_PPHI_1`;
 *   from 2022 also the SAFER Guides, `PI_PPHI_2`);
 * - proportion: numerator/denominator measures (2017-2018: required ones form the base score);
 * - yesNo: a scored yes/no measure of 2019+ (`PI_EP_2` PDMP, `PI_HIE_5`, `PI_HIE_6`);
 * - exclusion: a yes/no claim that excuses a required measure (`PI_LVPP_1` for `PI_EP_1`, ...);
 * - registry: public health and clinical data registry yes/no measures (`*_MULTI`, and from 2023 the
 *   `*_PRE` / `*_PROD` engagement levels, whose `engagementOf` names the registry measure);
 * - iaBonus: Improvement Activities completed using CEHRT (`PI_IACEHRT_1`, 2017-2018).
 */
export type MeasureKind =
  | "attestation"
  | "securityRiskAnalysis"
  | "proportion"
  | "yesNo"
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
  /**
   * 2017-2018: performance or bonus weight from CMS (10 or 20 for proportion measures; registries 10 or 5).
   * 2019+: the most points the measure can earn in the year (the year's points table), 0 for none.
   */
  weight: number;
  isBonus: boolean;
  /** Sets the measure belongs to; attestations and the IA bonus count for both (2017-2018). */
  measureSets: MeasureSetId[];
  /** For a measure that can be excluded: its (first) exclusion's id. */
  exclusionMeasureId: string | null;
  /** Every exclusion that may be claimed instead of this measure (2019+ public health measures have three). */
  exclusionMeasureIds: string[];
  /** For an exclusion: the measure it excuses. */
  excludesMeasureId: string | null;
  /** CMS's equivalents or alternatives of this measure (other set, HIE options, PRE/PROD, sibling exclusions). */
  substitutes: string[];
  /** CMS's reporting category (`base`, `performanceBonus`, `registryBonus`, `cehrtBonus`, `attestation`; 2019+: `required`, `bonus`, `exclusion`). */
  reportingCategory: string;
  objective: string | null;
  /** 2023+: the registry measure's engagement-level ids (`[X_PRE, X_PROD]`), one of which goes with a "yes". */
  engagementLevelIds: string[];
  /** 2023+: for `X_PRE` / `X_PROD`, the registry measure `X` and the level. */
  engagementOf: string | null;
  engagementLevel: "PRE" | "PROD" | null;
  firstPerformanceYear: number | null;
}

interface RawMeasure {
  measureId: string;
  category: string;
  title: string;
  description?: string;
  metricType: string;
  weight?: number;
  isRequired?: boolean;
  isBonus?: boolean;
  measureSets?: readonly string[];
  objective?: string | null;
  reportingCategory?: string | null;
  substitutes?: readonly string[];
  exclusion?: readonly string[] | string | null;
  preprod?: readonly string[] | null;
  firstPerformanceYear?: number | null;
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
        description: m.description ?? m.title,
        metricType: m.metricType === "proportion" ? "proportion" : "boolean",
        kind,
        isRequired: m.isRequired ?? false,
        weight: m.weight ?? 0,
        isBonus: m.isBonus ?? false,
        measureSets: setsOf(m, kind),
        exclusionMeasureId: null,
        exclusionMeasureIds: [],
        excludesMeasureId: null,
        substitutes: [...(m.substitutes ?? [])],
        reportingCategory: m.reportingCategory ?? "",
        objective: m.objective ?? null,
        engagementLevelIds: [],
        engagementOf: null,
        engagementLevel: null,
        firstPerformanceYear: null,
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
      excused.exclusionMeasureIds = [exclusion.measureId];
    }
  }
  return { performanceYear: year, category, measures, byId };
}

/**
 * Where CMS's 2019-2020 data leaves a measure's `exclusion` empty although the exclusion exists (the
 * later years' data and the yearly PI specifications name the pairs): HIE_4's two 2019 exclusions.
 * Public health `X_EX_n` exclusions are paired with `X` by their id.
 */
const EXCLUSIONS_NOT_LISTED_BY_CMS: Partial<Record<PerformanceYear, Record<string, string[]>>> = {
  2019: { PI_HIE_4: ["PI_LVITC_2", "PI_CUITC_1"] },
};

/**
 * Corrections of the npm package's data to CMS's current data (CMSgov/qpp-measures-data v11.1.0): in 2022
 * the package still lists PHCDRR_2/4/5 as substitutes of each other; CMS has since emptied those lists.
 */
const CMS_DATA_CORRECTIONS: Partial<Record<PerformanceYear, Record<string, Partial<RawMeasure>>>> = {
  2022: { PI_PHCDRR_2: { substitutes: [] }, PI_PHCDRR_4: { substitutes: [] }, PI_PHCDRR_5: { substitutes: [] } },
};

function kindFrom2019(raw: RawMeasure): MeasureKind {
  if (raw.objective === "attestation") return "attestation";
  if (raw.reportingCategory === "exclusion") return "exclusion";
  if (raw.objective === "protectPatientHealthInformation") return "securityRiskAnalysis";
  if (raw.objective === "publicHealthAndClinicalDataExchange") return "registry";
  return raw.metricType === "proportion" ? "proportion" : "yesNo";
}

function listOf(value: readonly string[] | string | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return typeof value === "string" ? [value] : [...value];
}

/** The 2019+ catalog: one measure set, exclusions paired with the measure they excuse, PRE/PROD pairs linked. */
function buildCatalogFrom2019(year: PerformanceYear, raw: readonly RawMeasure[]): Catalog {
  const corrections = CMS_DATA_CORRECTIONS[year] ?? {};
  const points = measurePointsOf(year);
  const measures: PiMeasure[] = raw
    .filter((m) => m.category === undefined || m.category === "pi")
    .map((original) => {
      const m = { ...original, ...corrections[original.measureId] };
      const engagement = /^(.*)_(PRE|PROD)$/.exec(m.measureId);
      return {
        measureId: m.measureId,
        performanceYear: year,
        title: m.title,
        // The 2023-2026 tables hold CMS's facts without the long descriptions: the title stands in.
        description: m.description ?? m.title,
        metricType: m.metricType === "proportion" ? "proportion" : "boolean",
        kind: kindFrom2019(m),
        isRequired: m.isRequired ?? false,
        weight: points[m.measureId] ?? 0,
        isBonus: m.isBonus ?? false,
        measureSets: ["pi"],
        exclusionMeasureId: null,
        exclusionMeasureIds: [],
        excludesMeasureId: null,
        substitutes: listOf(m.substitutes),
        reportingCategory: m.reportingCategory ?? "",
        objective: m.objective ?? null,
        engagementLevelIds: listOf(m.preprod),
        engagementOf: engagement ? (engagement[1] ?? null) : null,
        engagementLevel: engagement ? (engagement[2] as "PRE" | "PROD") : null,
        firstPerformanceYear: m.firstPerformanceYear ?? null,
      } satisfies PiMeasure;
    });
  const byId = new Map(measures.map((m) => [m.measureId, m]));
  const extra = EXCLUSIONS_NOT_LISTED_BY_CMS[year] ?? {};
  for (const measure of measures) {
    if (measure.kind === "exclusion" || measure.engagementOf) continue;
    const rawEntry = raw.find((r) => r.measureId === measure.measureId);
    if (measure.measureId.endsWith("_MULTI")) {
      // A "more than one registry" flag (2019-2021): only the exclusions CMS lists on it (2021 lists the
      // registry's X_EX_n), and they keep excusing the registry measure X, not the flag.
      measure.exclusionMeasureIds = listOf(rawEntry?.exclusion).filter((id) => byId.has(id));
      measure.exclusionMeasureId = measure.exclusionMeasureIds[0] ?? null;
      continue;
    }
    const byName = measures.filter((x) => x.kind === "exclusion" && x.measureId.startsWith(`${measure.measureId}_EX_`)).map((x) => x.measureId);
    const ids = [...new Set([...listOf(rawEntry?.exclusion), ...(extra[measure.measureId] ?? []), ...byName])].filter((id) => byId.has(id));
    for (const id of ids) {
      const exclusion = byId.get(id);
      if (exclusion && exclusion.excludesMeasureId === null) exclusion.excludesMeasureId = measure.measureId;
    }
    measure.exclusionMeasureIds = ids;
    measure.exclusionMeasureId = ids[0] ?? null;
  }
  return { performanceYear: year, category: "pi", measures, byId };
}

type RawSource = { shape: "2017-2018" | "2019+"; data: readonly RawMeasure[] };

const RAW_BY_YEAR: Record<PerformanceYear, RawSource> = {
  2017: { shape: "2017-2018", data: measures2017 as unknown as RawMeasure[] },
  2018: { shape: "2017-2018", data: measures2018 as unknown as RawMeasure[] },
  2019: { shape: "2019+", data: measures2019 as unknown as RawMeasure[] },
  2020: { shape: "2019+", data: measures2020 as unknown as RawMeasure[] },
  2021: { shape: "2019+", data: measures2021 as unknown as RawMeasure[] },
  2022: { shape: "2019+", data: measures2022 as unknown as RawMeasure[] },
  2023: { shape: "2019+", data: PI_2023 as unknown as RawMeasure[] },
  2024: { shape: "2019+", data: PI_2024 as unknown as RawMeasure[] },
  2025: { shape: "2019+", data: PI_2025 as unknown as RawMeasure[] },
  2026: { shape: "2019+", data: PI_2026 as unknown as RawMeasure[] },
};

const catalogs = new Map<PerformanceYear, Catalog>();

/** The PI (ACI in 2017) catalog of a performance year; built once per process. */
export function getCatalog(year: PerformanceYear): Catalog {
  let catalog = catalogs.get(year);
  if (!catalog) {
    const source = RAW_BY_YEAR[year];
    if (!source) throw badInput(unsupportedYearMessage(year));
    catalog = source.shape === "2017-2018" ? buildCatalog(year, source.data) : buildCatalogFrom2019(year, source.data);
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
  const message = unknownMeasureMessage(year, measureId);
  throw badInput(message, [{ path: where, message }]);
}

/**
 * "unknown measure X for performance year Y", or, for another year's id, the years it belongs to
 * ('measure "PI_EP_3" belongs to performance year 2019, not 2026').
 */
export function unknownMeasureMessage(year: PerformanceYear, measureId: string): string {
  const years = PERFORMANCE_YEARS.filter((y) => y !== year && findMeasure(y, measureId));
  if (years.length === 0) return `unknown measure "${measureId}" for performance year ${year}`;
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  const span = years.length === 1 ? `year ${first}` : years.length === last - first + 1 ? `years ${first}-${last}` : `years ${years.join(", ")}`;
  return `measure "${measureId}" belongs to performance ${span}, not ${year}`;
}

/** Measures of one set (attestations and the IA bonus included), in catalog order. */
export function measuresOfSet(year: PerformanceYear, set: MeasureSetId): PiMeasure[] {
  return getCatalog(year).measures.filter((m) => m.measureSets.includes(set));
}
