/**
 * Performance year 2021 (payment 2023): HIE bi-directional exchange (PI_HIE_5, 40 points) as the
 * alternative to the two referral-loop measures; PDMP bonus raised to 10 (mips-rules-by-year.md §3 "2021").
 */
import { PY2020 } from "./2020";
import { ASSUME, FIVE_HARDSHIP_REASONS, LOW_VOLUME_2019, TYPES_2019 } from "./common";
import type { PiScoringFacts, YearFacts } from "./types";

const pi2020 = PY2020.pi as PiScoringFacts;

export const PY2021: YearFacts = {
  performanceYear: 2021,
  paymentYear: 2023,
  categoryLabel: "PI",
  weights: { quality: 40, pi: 25, improvementActivities: 15, cost: 20 }, // [C] AAO21b, ADV21
  piReweightedWeights: { standard: { quality: 65, pi: 0, improvementActivities: 15, cost: 20 }, smallPractice: null }, // [1] AAO21b
  performanceThreshold: 60,
  exceptionalPerformanceThreshold: 85,
  maximumAdjustmentPercent: 9,
  smallPracticeBonus: { points: 6, appliesTo: "quality" },
  lowVolumeThreshold: LOW_VOLUME_2019,
  lowVolumeOptIn: true,
  eligibleClinicianTypes: TYPES_2019,
  automaticallyReweightedTypes: PY2020.automaticallyReweightedTypes,
  smallPracticeReweightedAutomatically: false,
  groupSpecialStatusesReweight: false,
  hardshipReasons: FIVE_HARDSHIP_REASONS,
  deadlines: {
    virtualGroupElection: { date: "2020-12-31" }, // [AAO21c]
    hardshipApplication: { date: "2021-12-31", note: "COVID-19 applications for groups reopened until March 31, 2022 [ACRO22]" }, // [TMA21, AAO21c]
    submission: { date: "2022-03-31" }, // [ACRO22]
  },
  pi: {
    ...pi2020,
    lastStartDate: "2021-10-03", // [C] AAO21c, HMX21
    measurePoints: { PI_EP_1: 10, PI_HIE_1: 20, PI_HIE_4: 20, PI_HIE_5: 40, PI_PEA_1: 40 }, // [C] ASA21, HCMS21, ADV21
    bonusMeasures: [{ measureId: "PI_EP_2", points: 10 }],
    hieOptions: [["PI_HIE_1", "PI_HIE_4"], ["PI_HIE_5"]],
    // With the HIE_5 option, an e-Prescribing exclusion's 10 points go to HIE_5 (assumed, as CMS states for 2023 [AAO23a]).
    redistribution: { ...pi2020.redistribution, PI_LVPP_1: { PI_HIE_1: 5, PI_HIE_4: 5, PI_HIE_5: 10 } },
    refusedCehrtEditions: ["2014", "2014/2015"],
    cehrtRequirement: "2015 Edition CEHRT, 2015 Edition Cures Update, or a mix [HMX21]",
  },
  assumptions: [
    { about: "covid", text: "COVID-19: CMS reweighted PI automatically for every individual clinician in 2021 (not groups); individual scores shown here do not apply that policy [COV21]." },
    ASSUME.redistribution2019,
    ASSUME.rounding,
  ],
};
