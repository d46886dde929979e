/**
 * Performance year 2022 (payment 2024): SAFER Guides attestation (PI_PPHI_2); public health becomes two
 * named required measures (immunization PI_PHCDRR_1, electronic case reporting PI_PHCDRR_3) plus a
 * 5-point bonus for the others; small practices reweighted automatically (mips-rules-by-year.md §3 "2022").
 */
import { PY2021 } from "./2021";
import { ASSUME, ATTESTATIONS_AND_SRA, FIVE_HARDSHIP_REASONS, LOW_VOLUME_2019, TYPES_2022 } from "./common";
import type { PiScoringFacts, YearFacts } from "./types";

const pi2021 = PY2021.pi as PiScoringFacts;

export const PY2022: YearFacts = {
  performanceYear: 2022,
  paymentYear: 2024,
  categoryLabel: "PI",
  weights: { quality: 30, pi: 25, improvementActivities: 15, cost: 30 }, // [C] MAR22, RHE22
  piReweightedWeights: {
    standard: { quality: 55, pi: 0, improvementActivities: 15, cost: 30 }, // [GAP] 2022: assumed as 2025 [MDI25]
    smallPractice: { quality: 40, pi: 0, improvementActivities: 30, cost: 30 }, // [C] AAO22a, EYE-SP, MDI23p
  },
  performanceThreshold: 75,
  exceptionalPerformanceThreshold: 89, // last year with an exceptional bonus [AAO22f]
  maximumAdjustmentPercent: 9,
  smallPracticeBonus: { points: 6, appliesTo: "quality" },
  lowVolumeThreshold: LOW_VOLUME_2019,
  lowVolumeOptIn: true,
  eligibleClinicianTypes: TYPES_2022,
  automaticallyReweightedTypes: [...PY2021.automaticallyReweightedTypes, "clinicalSocialWorker"], // CSW: [1] 2022 proposed-rule summary
  smallPracticeReweightedAutomatically: true, // [C] AAO22b, DRC22
  groupSpecialStatusesReweight: false,
  hardshipReasons: FIVE_HARDSHIP_REASONS,
  deadlines: {
    virtualGroupElection: { date: "2021-12-31", assumed: true, note: "CMS's usual December 31 of the year before; the 2022 date is not in our sources" },
    hardshipApplication: { date: "2023-01-03", note: "8 pm ET; extreme and uncontrollable circumstances later extended to March 3, 2023 [HIT22, HIT22b]" },
    submission: { date: "2023-03-31" },
  },
  pi: {
    ...pi2021,
    lastStartDate: "2022-10-03", // [1] PAL22
    measurePoints: { PI_EP_1: 10, PI_HIE_1: 20, PI_HIE_4: 20, PI_HIE_5: 40, PI_PEA_1: 40 }, // [1] MDI22, HMX22b
    bonusMeasures: [{ measureId: "PI_EP_2", points: 10 }], // [1] CCC, AAO23b
    publicHealth: {
      shape: "required",
      requiredIds: ["PI_PHCDRR_1", "PI_PHCDRR_3"],
      answerOnlyIds: [],
      points: 10,
      allExcludedTo: "PI_PEA_1",
      bonusIds: ["PI_PHCDRR_2", "PI_PHCDRR_4", "PI_PHCDRR_5"],
      bonusPoints: 5, // [C] HMX22, AAO23d
      engagementLevels: false,
    },
    mustBeYes: ATTESTATIONS_AND_SRA,
    // 2022-2023: the SAFER Guides self-assessment must be attested; "yes" or "no" both count [PAI23].
    mustBeAnswered: ["PI_PPHI_2"],
    cehrtRequirement: "2015 Edition CEHRT, 2015 Edition Cures Update, or a mix (the Cures Update becomes mandatory in 2023) [AAO23b]",
  },
  assumptions: [
    {
      about: "publicHealth",
      text: "CMS's 2022 points for the public health objective are not in our sources: this estimate assumes 10 points, as in 2019-2021 (CMS's hospital program went from 10 to 25 only in 2023), moved to Provide Patients Electronic Access when both required measures are excluded.",
    },
    ASSUME.standardWeights2022,
    ASSUME.clinicianTypes2022,
    ASSUME.redistribution2019,
    ASSUME.rounding,
  ],
};
