/**
 * Performance year 2019 (payment 2021): the first year without base/performance/bonus scores
 * (mips-rules-by-year.md §3 "2019"). Each measure earns its own points; the category is their sum, capped.
 */
import { ASSUME, ATTESTATIONS_AND_SRA, REWEIGHTED_TYPES_2019, FIVE_HARDSHIP_REASONS, LOW_VOLUME_2019, TYPES_2019 } from "./common";
import type { YearFacts } from "./types";

export const PY2019: YearFacts = {
  performanceYear: 2019,
  paymentYear: 2021,
  categoryLabel: "PI",
  weights: { quality: 45, pi: 25, improvementActivities: 15, cost: 15 }, // [C] AAO19b, BILL, AUA19
  piReweightedWeights: { standard: { quality: 70, pi: 0, improvementActivities: 15, cost: 15 }, smallPractice: null }, // [C] AAO19b, EAGLE19
  performanceThreshold: 30, // [C] AAO19b
  exceptionalPerformanceThreshold: 75,
  maximumAdjustmentPercent: 7,
  smallPracticeBonus: { points: 6, appliesTo: "quality" }, // [1] EMR19: moved into the Quality category
  lowVolumeThreshold: LOW_VOLUME_2019,
  lowVolumeOptIn: true,
  eligibleClinicianTypes: TYPES_2019,
  // 2019: the new clinician types and NP/PA/CNS/CRNA are reweighted automatically [EAGLE19].
  automaticallyReweightedTypes: REWEIGHTED_TYPES_2019,
  smallPracticeReweightedAutomatically: false, // by hardship application only through 2021 [NEQ19, TMA21]
  groupSpecialStatusesReweight: false,
  hardshipReasons: FIVE_HARDSHIP_REASONS,
  deadlines: {
    virtualGroupElection: { date: "2018-12-31" }, // [AMH20]
    hardshipApplication: { date: "2019-12-31" }, // [C] NEQ19, EAGLE19
    submission: { date: "2020-04-30", note: "extended from March 31, 2020 because of COVID-19 [IHA19, AAOE19]" },
  },
  pi: {
    cap: 100,
    minimumPerformancePeriodDays: 90, // [C] HMX19, AAO19d
    lastStartDate: "2019-10-03",
    // [C] ASA19, KAR19, SPN19 (QMD 2019 `weight` agrees)
    measurePoints: { PI_EP_1: 10, PI_HIE_1: 20, PI_HIE_4: 20, PI_PEA_1: 40 },
    // PDMP and opioid treatment agreement: 5-point bonuses [C] QMD weight, SPN19
    bonusMeasures: [
      { measureId: "PI_EP_2", points: 5 },
      { measureId: "PI_EP_3", points: 5 },
    ],
    hieOptions: [["PI_HIE_1", "PI_HIE_4"]],
    publicHealth: {
      shape: "anyTwo",
      measureIds: ["PI_PHCDRR_1", "PI_PHCDRR_2", "PI_PHCDRR_3", "PI_PHCDRR_4", "PI_PHCDRR_5"],
      points: 10, // [C] AAO19a, HMX21b
      allExcludedTo: "PI_PEA_1", // [1] AAO21a (2021 page; the 2019 page is cut off before that sentence)
    },
    redistribution: {
      PI_LVPP_1: { PI_HIE_1: 5, PI_HIE_4: 5 },
      PI_LVOTC_1: { PI_PEA_1: 20 },
      PI_LVITC_2: { PI_PEA_1: 20 },
      PI_CUITC_1: { PI_PEA_1: 20 },
    },
    mustBeYes: ATTESTATIONS_AND_SRA,
    mustBeAnswered: [],
    // QMD stores the PDMP measure as yes/no, SPN19 as a numerator of at least 1: both are accepted.
    proportionAcceptedAsYes: ["PI_EP_2"],
    refusedCehrtEditions: ["2014", "2014/2015"],
    cehrtRequirement: "2015 Edition CEHRT (2014 Edition no longer counts) [C] HMX19, AAO19d, SUP19",
  },
  assumptions: [ASSUME.redistribution2019, ASSUME.rounding],
};
