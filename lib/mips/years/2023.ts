/**
 * Performance year 2023 (payment 2025): the re-balanced points (HIE 40 -> 30, PEA 40 -> 25, public health
 * 10 -> 25), PDMP required, TEFCA (PI_HIE_6) as a third HIE option, engagement levels (PRE/PROD) on public
 * health "yes" answers, no exceptional bonus (mips-rules-by-year.md §3 "2023").
 */
import { PY2022 } from "./2022";
import { ASSUME, ATTESTATIONS_AND_SRA, REWEIGHTED_TYPES_2023, FIVE_HARDSHIP_REASONS, LOW_VOLUME_2019, TYPES_2022 } from "./common";
import type { PiScoringFacts, YearFacts } from "./types";

const pi2022 = PY2022.pi as PiScoringFacts;

export const PY2023: YearFacts = {
  performanceYear: 2023,
  paymentYear: 2025,
  categoryLabel: "PI",
  weights: { quality: 30, pi: 25, improvementActivities: 15, cost: 30 }, // [C] MDI23, HIS23
  piReweightedWeights: PY2022.piReweightedWeights,
  performanceThreshold: 75,
  exceptionalPerformanceThreshold: null, // [MDI23, HIS23]
  maximumAdjustmentPercent: 9,
  smallPracticeBonus: { points: 6, appliesTo: "quality" }, // [AAO23e, EYE-SP]
  lowVolumeThreshold: LOW_VOLUME_2019,
  lowVolumeOptIn: true,
  eligibleClinicianTypes: TYPES_2022,
  automaticallyReweightedTypes: REWEIGHTED_TYPES_2023,
  smallPracticeReweightedAutomatically: true,
  groupSpecialStatusesReweight: false,
  hardshipReasons: FIVE_HARDSHIP_REASONS,
  deadlines: {
    virtualGroupElection: { date: "2022-12-31", note: "election period October 3 - December 31, 2022 [PAI23b]" },
    hardshipApplication: { date: "2024-01-02", note: "8 pm ET [PAL23]" },
    submission: { date: "2024-04-01", note: "8 pm ET (March 31, 2024 was a Sunday) [ECQI23]" },
  },
  pi: {
    ...pi2022,
    lastStartDate: "2023-10-03",
    // [C] TEB23, PAI23, AAO23c
    measurePoints: { PI_EP_1: 10, PI_EP_2: 10, PI_HIE_1: 15, PI_HIE_4: 15, PI_HIE_5: 30, PI_HIE_6: 30, PI_PEA_1: 25 },
    bonusMeasures: [],
    hieOptions: [["PI_HIE_1", "PI_HIE_4"], ["PI_HIE_5"], ["PI_HIE_6"]],
    publicHealth: {
      shape: "required",
      requiredIds: ["PI_PHCDRR_1", "PI_PHCDRR_3"],
      answerOnlyIds: [],
      points: 25, // [C] TEB23, AAO23d
      allExcludedTo: "PI_PEA_1",
      bonusIds: ["PI_PHCDRR_2", "PI_PHCDRR_4", "PI_PHCDRR_5"],
      bonusPoints: 5,
      engagementLevels: true, // [AAO23d, QMD]
    },
    redistribution: {
      PI_LVPP_1: { PI_HIE_1: 5, PI_HIE_4: 5, PI_HIE_5: 10, PI_HIE_6: 10 }, // [1] AAO23a: 10 points to the HIE objective
      PI_EP_2_EX_1: { PI_EP_1: 10 }, // [1] AAO23b
      PI_EP_2_EX_2: { PI_EP_1: 10 },
      PI_EP_2_EX_3: { PI_EP_1: 10 },
      PI_LVOTC_1: { PI_PEA_1: 15 },
      PI_LVITC_2: { PI_PEA_1: 15 },
    },
    mustBeYes: ATTESTATIONS_AND_SRA,
    mustBeAnswered: ["PI_PPHI_2"],
    refusedCehrtEditions: ["2014", "2014/2015"],
    cehrtRequirement: "2015 Edition Cures Update CEHRT [C] AAO23b, TEB23",
  },
  assumptions: [ASSUME.npPa2023, ASSUME.eRx2023, ASSUME.hieExclusion2023, ASSUME.publicHealthAllExcluded2023, ASSUME.eRxAndPdmp2023, ASSUME.standardWeights2022, ASSUME.rounding],
};
