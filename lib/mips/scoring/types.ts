/**
 * The shapes of PI (2018) / ACI (2017) category scoring: plain inputs in, a fully explained score out.
 * Vocabulary (CMS): the category score is base score + performance score + bonus score, in percent,
 * capped at 100; a measure set is "PI Objectives and Measures" (`pi`) or "PI Transition Objectives and
 * Measures" (`transition`); CEHRT is certified EHR technology, of the 2014 or 2015 Edition or a mix.
 */
import type { MeasureKind, MeasureSetId, PerformanceYear } from "../catalog";
import type { CehrtEdition } from "../identifiers";
import type { ProportionValue } from "../submission";

/** A yes/no answer, or a numerator/denominator count. */
export type MeasurementValue = boolean | ProportionValue;

/** What the scorer needs, free of any file format. */
export interface PiScoringInput {
  performanceYear: number;
  /** Measurements by measure id (`PI_EP_1` -> { numerator, denominator }, `PI_PPHI_1` -> true). */
  measurements: Readonly<Record<string, MeasurementValue>>;
  /** The CEHRT edition used, or null when not known (then the 2015-Edition bonus cannot be given). */
  cehrtEdition: CehrtEdition | null;
  /** First and last day of the PI performance period, `YYYY-MM-DD`, both inside the performance year. */
  performanceStart: string;
  performanceEnd: string;
}

/** The input after validation: the year is supported and every measurement fits its catalog entry. */
export interface ValidPiScoringInput extends PiScoringInput {
  performanceYear: PerformanceYear;
  /**
   * The same measurements as a Map, when the caller built one (scoreSubmission does): the scorers read
   * every measure by id many times, and a Map answers faster than an object whose keys vary per input.
   */
  measurementValues?: ReadonlyMap<string, MeasurementValue>;
}


/** Which rule produced a line of the explanation. */
export type ExplanationRule =
  | "measureSet"
  | "prerequisite"
  | "base"
  | "performance"
  | "measure"
  | "publicHealth"
  | "redistribution"
  | "bonus"
  | "cap"
  | "assumption"
  | "note";

/**
 * One line of the explanation. The `points` of all lines add up to the category score `total`
 * (a `cap` line carries the negative amount cut off above 100).
 */
export interface ExplanationLine {
  rule: ExplanationRule;
  measureId?: string;
  points: number;
  message: string;
}

/** Why a prerequisite failed; any failure makes the whole category score 0. */
export type PrerequisiteRule =
  | "attestation"
  | "performancePeriod"
  | "cehrtEdition"
  | "securityRiskAnalysis"
  | "baseMeasure"
  | "requiredMeasure"
  | "noMeasures";

export interface PrerequisiteFailure {
  rule: PrerequisiteRule;
  measureId?: string;
  message: string;
}

export type MeasureRowStatus =
  | "scored" // numerator/denominator measure earning performance points (maybe 0)
  | "excluded" // required measure whose exclusion was claimed: base met, 0 performance points
  | "missing" // required measure not reported
  | "yes"
  | "no";

/** Per-measure result, for tables and dashboards. */
export interface MeasureRow {
  measureId: string;
  title: string;
  kind: MeasureKind;
  /** The yes/no answer of a yes/no measure, else null. */
  value: boolean | null;
  numerator: number | null;
  denominator: number | null;
  /** Performance rate as text ("33.33%"), null for yes/no measures. */
  rate: string | null;
  /** Performance band 0-10 (0 = numerator 0), null for yes/no measures. */
  band: number | null;
  /** Performance points earned (0 whenever a prerequisite failed). */
  points: number;
  /** Performance points this measure can earn at most. */
  maxPoints: number;
  excluded?: boolean;
  /** Smallest numerator that reaches the next band (same denominator), null at the top band. */
  nextBandNumerator?: number | null;
  status: MeasureRowStatus;
  note: string;
}

export type BonusRule = "registry" | "improvementActivitiesViaCehrt" | "cehrt2015EditionOnly" | "bonusMeasure" | "publicHealthBonus";

export interface BonusAward {
  rule: BonusRule;
  points: number;
  measureIds: string[];
  message: string;
}

/** The score of one measure set on its own. */
export interface MeasureSetScore {
  measureSet: MeasureSetId;
  prerequisitesMet: boolean;
  failedPrerequisites: PrerequisiteFailure[];
  baseMet: boolean;
  base: number;
  performance: number;
  bonus: number;
  /** base + performance + bonus before the cap (0 when a prerequisite failed). */
  uncappedTotal: number;
  /** The category score in percent, capped at 100. */
  total: number;
  measures: MeasureRow[];
  bonuses: BonusAward[];
  explanation: ExplanationLine[];
}

/** The category score, with the measure set kept and why. */
export interface PiCategoryScore {
  performanceYear: PerformanceYear;
  /**
   * The year's scoring shape: "basePerformanceBonus" (2017-2018: base, performance and bonus scores) or
   * "performanceBased" (2019+: each measure earns its points; `base` is 0 and `performance` the measures' sum).
   */
  shape: "basePerformanceBonus" | "performanceBased";
  /** The measure set scored and kept; null when nothing could be scored (no measures of an allowed set). */
  measureSet: MeasureSetId | null;
  measureSetReason: string;
  prerequisitesMet: boolean;
  failedPrerequisites: PrerequisiteFailure[];
  baseMet: boolean;
  base: number;
  performance: number;
  bonus: number;
  uncappedTotal: number;
  total: number;
  /** Points toward the MIPS final score: total x the year's PI weight (89 x 25% -> 22.25). */
  finalScorePoints: number;
  /** The year's assumptions that this score relied on, in words for the user (also in `explanation`). */
  assumptions: string[];
  performancePeriodDays: number;
  measures: MeasureRow[];
  bonuses: BonusAward[];
  explanation: ExplanationLine[];
  /** Notes and warnings for people (set choice, edition, ignored data). */
  messages: string[];
  /** Every set scored (one or two), for comparison. */
  measureSetScores: MeasureSetScore[];
}

/**
 * One performance year's PI/ACI scoring rules, behind one interface so a later year (whose rules
 * differ in kind, e.g. 2019's removal of the base score) is added as one more file.
 */
export interface PiYearRules {
  performanceYear: PerformanceYear;
  /** CMS's submission category name: "aci" (2017) or "pi" (2018 on). */
  category: "aci" | "pi";
  /** Weight of the category in the MIPS final score, in percent. */
  finalScoreWeightPercent: number;
  score(input: ValidPiScoringInput): PiCategoryScore;
}
