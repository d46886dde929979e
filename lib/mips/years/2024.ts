/**
 * Performance year 2024 (payment 2026): a 180-day continuous PI performance period; PDMP exclusion EX_3
 * removed and EX_2 redefined; small practice no longer a hardship reason (it is automatic); automatic
 * reweighting ends for PT, OT, SLP, audiologists, clinical psychologists and dietitians after this year
 * (mips-rules-by-year.md §3 "2024").
 */
import { PY2023 } from "./2023";
import { ASSUME, ATTESTATIONS_AND_SRA, FOUR_HARDSHIP_REASONS, LOW_VOLUME_2019, TYPES_2022 } from "./common";
import type { PiScoringFacts, YearFacts } from "./types";

const pi2023 = PY2023.pi as PiScoringFacts;

export const PY2024: YearFacts = {
  performanceYear: 2024,
  paymentYear: 2026,
  categoryLabel: "PI",
  weights: { quality: 30, pi: 25, improvementActivities: 15, cost: 30 }, // [C] MDI24, HIS24
  piReweightedWeights: PY2023.piReweightedWeights,
  performanceThreshold: 75, // proposed 82, not finalized [C] MDI24, HIS24
  exceptionalPerformanceThreshold: null,
  maximumAdjustmentPercent: 9,
  smallPracticeBonus: { points: 6, appliesTo: "quality" },
  lowVolumeThreshold: LOW_VOLUME_2019,
  lowVolumeOptIn: true,
  eligibleClinicianTypes: TYPES_2022,
  automaticallyReweightedTypes: ["clinicalSocialWorker"], // the 2019 types end with 2023 [1] MMS24; CSW until 2024 [MDI25]
  smallPracticeReweightedAutomatically: true,
  groupSpecialStatusesReweight: false,
  hardshipReasons: FOUR_HARDSHIP_REASONS, // [C] PAL24, QPPD24
  deadlines: {
    virtualGroupElection: { date: "2023-12-31", note: "election period October 2 - December 31, 2023 [QPPD24]" },
    hardshipApplication: { date: "2024-12-31", note: "8 pm ET [PAL24, QPPD24]" },
    submission: { date: "2025-04-14", note: "extended from March 31, 2025; EUC reopened (IV-fluid shortage) March 31 - April 14, 2025 [IV25, TNM25]" },
  },
  pi: {
    ...pi2023,
    minimumPerformancePeriodDays: 180, // [C] HIS24, QPPD24
    lastStartDate: "2024-07-05", // [C] HIS24, QPPD24
    // carried forward from 2023 (same measure set; PDMP 10, HIE_5/HIE_6 30 per HMXc) [C]/[*]
    measurePoints: pi2023.measurePoints,
    redistribution: {
      PI_LVPP_1: { PI_HIE_1: 5, PI_HIE_4: 5, PI_HIE_5: 10, PI_HIE_6: 10 },
      PI_EP_2_EX_1: { PI_EP_1: 10 },
      PI_EP_2_EX_2: { PI_EP_1: 10 },
      PI_LVOTC_1: { PI_PEA_1: 15 },
      PI_LVITC_2: { PI_PEA_1: 15 },
    },
    mustBeYes: [...ATTESTATIONS_AND_SRA, "PI_PPHI_2"],
    mustBeAnswered: [],
    refusedCehrtEditions: ["2014", "2014/2015"],
    cehrtRequirement: "certified health IT meeting ONC's certification criteria (no edition) [POL24]",
  },
  assumptions: [
    { about: "points", text: "2024 measure points are carried forward from 2023 (the measure set is unchanged and no source reports a change)." },
    ASSUME.safer2024,
    ASSUME.types2024,
    ...PY2023.assumptions,
  ],
};
