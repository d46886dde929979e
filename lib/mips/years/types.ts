/**
 * The shape of one performance year's facts (OpenFisca-style: values as data keyed by year, each with its
 * source in a comment where it is defined). `lib/mips/years/<year>.ts` holds the values; the engine reads
 * them and never tests the year number itself. Sources: ../shared/domain/mips-rules.md (2017-2018) and
 * ../shared/domain/mips-rules-by-year.md (2019-2026; keys such as [AAO21a] resolve to URLs in its §0).
 *
 * `assumptions` are the values the sources do not settle: each is shown to the user wherever the value is
 * used ("CMS has not published ...; this estimate assumes ..."), never applied silently.
 */
import type { ClinicianType } from "../submission";

export interface CategoryWeights {
  quality: number;
  pi: number;
  improvementActivities: number;
  cost: number;
}

/** Every PI hardship reason code of any year (the database enum holds the same list). */
export type HardshipReasonCode =
  | "insufficientInternetConnectivity"
  | "extremeAndUncontrollableCircumstances"
  | "lackOfControlOverCehrt"
  | "smallPractice"
  | "decertifiedEhrTechnology";

/** A hardship (exception) application reason CMS accepts in a year, with the words the application uses. */
export interface HardshipReason {
  code: HardshipReasonCode;
  label: string;
}

export interface DatedDeadline {
  /** YYYY-MM-DD; null when the year has none (no virtual groups in 2017). */
  date: string | null;
  /** Extensions, time of day, or why the date is assumed. */
  note?: string;
  /** True when no CMS source gives the date and it is the usual one, assumed (the note says so). */
  assumed?: boolean;
}

/** What an assumption is about, so each is shown where it matters (a PI score, a final-score estimate). */
export type AssumptionTopic = "points" | "rounding" | "redistribution" | "publicHealth" | "safer" | "covid" | "weights" | "cost" | "clinicianTypes";

/** A value the sources do not settle, in the words the user reads. */
export interface Assumption {
  about: AssumptionTopic;
  text: string;
}

/** Where the points of an excluded measure go: measure id -> points it gains. */
export type Redistribution = Readonly<Record<string, number>>;

/**
 * Public health 2019-2021 ("any two"): two of the registry measures answered yes, or one yes and one
 * exclusion, earn the objective's points; no yes and two exclusions move them to `allExcludedTo`.
 */
export interface AnyTwoPublicHealth {
  shape: "anyTwo";
  measureIds: readonly string[];
  points: number;
  allExcludedTo: string;
}

/**
 * Public health 2022+: named required measures, each "yes" or excluded; the objective's points when the
 * requirement is met with at least one yes; every required measure excluded moves them to `allExcludedTo`.
 * Optional registries earn one bonus however many are reported.
 */
export interface RequiredPublicHealth {
  shape: "required";
  requiredIds: readonly string[];
  /** Required measures that must be answered (yes, no or exclusion) but whose answer earns nothing (2025 eCR). */
  answerOnlyIds: readonly string[];
  points: number;
  allExcludedTo: string | null;
  bonusIds: readonly string[];
  bonusPoints: number;
  /** From 2023, a "yes" names its engagement level with the measure's `_PRE` or `_PROD` id. */
  engagementLevels: boolean;
}

export interface PiScoringFacts {
  cap: number;
  minimumPerformancePeriodDays: number;
  /** Last day a minimum-length period can start and end inside the year (the day CMS names, or derived). */
  lastStartDate: string;
  /** Most points of each scored (non-public-health) measure. */
  measurePoints: Readonly<Record<string, number>>;
  /** Bonus measures: a "yes" (or a numerator >= 1) earns the points, counted toward the cap. */
  bonusMeasures: readonly { measureId: string; points: number }[];
  /** The HIE objective's alternatives; a set reports exactly one. */
  hieOptions: readonly (readonly string[])[];
  publicHealth: AnyTwoPublicHealth | RequiredPublicHealth;
  /** Excluded measure -> where its points go. Missing entry: the points are lost (and an assumption says so). */
  redistribution: Readonly<Record<string, Redistribution>>;
  /** Yes/no measures that must be "yes" for a non-zero score (attestations, security risk analysis, SAFER). */
  mustBeYes: readonly string[];
  /** Yes/no measures that must be answered, "no" allowed (SAFER in 2022-2023). */
  mustBeAnswered: readonly string[];
  /** Yes/no measures 2019 data may also carry as numerator/denominator (numerator >= 1 = yes) [SPN19 vs QMD]. */
  proportionAcceptedAsYes: readonly string[];
  /** CEHRT editions that do not meet the year's definition. */
  refusedCehrtEditions: readonly string[];
  cehrtRequirement: string;
}

export interface YearFacts {
  performanceYear: number;
  /** The year payment adjustments apply: performance year + 2 [BILL]. */
  paymentYear: number;
  /** "ACI" in 2017, "PI" after. */
  categoryLabel: "ACI" | "PI";
  weights: CategoryWeights;
  /** Weights when PI is reweighted to 0%; `smallPractice` from 2022 (practices of 15 or fewer). */
  piReweightedWeights: { standard: CategoryWeights; smallPractice: CategoryWeights | null };
  performanceThreshold: number;
  /** Exceptional performance threshold; null from 2023 (no exceptional bonus). */
  exceptionalPerformanceThreshold: number | null;
  maximumAdjustmentPercent: number;
  /** Small practice bonus: 2018 on the final score; 2019+ inside the Quality category (not on the final score). */
  smallPracticeBonus: { points: number; appliesTo: "finalScore" | "quality" } | null;
  lowVolumeThreshold: { allowedChargesCents: number; beneficiaries: number; coveredServices: number | null };
  /** 2019+: a clinician above one or two of the three criteria may opt in. */
  lowVolumeOptIn: boolean;
  eligibleClinicianTypes: readonly ClinicianType[];
  /** Clinician types whose PI is reweighted automatically in the year. */
  automaticallyReweightedTypes: readonly ClinicianType[];
  /** 2022+: a small practice with no PI data is reweighted automatically (before: by application). */
  smallPracticeReweightedAutomatically: boolean;
  /** 2025+: a group with a group special status (hospital-based, non-patient facing, ASC-based) is reweighted as a whole [1] MDI25. */
  groupSpecialStatusesReweight: boolean;
  hardshipReasons: readonly HardshipReason[];
  deadlines: { virtualGroupElection: DatedDeadline; hardshipApplication: DatedDeadline; submission: DatedDeadline };
  /** PI scoring facts of the 2019+ shape; null for 2017-2018 (base/performance/bonus, their own files). */
  pi: PiScoringFacts | null;
  /** What the sources do not settle, in words a user reads; each is shown where it is used. */
  assumptions: readonly Assumption[];
}
