/**
 * Performance year 2020 (payment 2022): 2019's measures less the opioid treatment agreement (PI_EP_3) and
 * the 2019-only HIE exclusion PI_CUITC_1; Cost weighted 0% for everyone (mips-rules-by-year.md §3 "2020").
 */
import { PY2019 } from "./2019";
import { ASSUME, ATTESTATIONS_AND_SRA, FIVE_HARDSHIP_REASONS, LOW_VOLUME_2019, TYPES_2019 } from "./common";
import type { PiScoringFacts, YearFacts } from "./types";

const pi2019 = PY2019.pi as PiScoringFacts;

export const PY2020: YearFacts = {
  performanceYear: 2020,
  paymentYear: 2022,
  categoryLabel: "PI",
  // Final rule weights 45/15/15/25 [C] CFR1330, AMH20; CMS then set Cost to 0% for all, Quality 55, PI 30 [C] NWA20, ACR20.
  weights: { quality: 55, pi: 30, improvementActivities: 15, cost: 0 },
  piReweightedWeights: { standard: { quality: 85, pi: 0, improvementActivities: 15, cost: 0 }, smallPractice: null }, // [C] NWA20, APO20
  performanceThreshold: 45,
  exceptionalPerformanceThreshold: 85,
  maximumAdjustmentPercent: 9,
  smallPracticeBonus: { points: 6, appliesTo: "quality" },
  lowVolumeThreshold: LOW_VOLUME_2019,
  lowVolumeOptIn: true,
  eligibleClinicianTypes: TYPES_2019,
  automaticallyReweightedTypes: PY2019.automaticallyReweightedTypes,
  smallPracticeReweightedAutomatically: false,
  groupSpecialStatusesReweight: false,
  hardshipReasons: FIVE_HARDSHIP_REASONS,
  deadlines: {
    virtualGroupElection: { date: "2019-12-31" }, // [AMH20]
    hardshipApplication: { date: "2020-12-31", note: "COVID-19 extreme and uncontrollable circumstances applications were extended to February 1, 2021 [TMA20, GP20]" },
    submission: { date: "2021-03-31" }, // [GOV20]
  },
  pi: {
    ...pi2019,
    lastStartDate: "2020-10-03",
    measurePoints: { PI_EP_1: 10, PI_HIE_1: 20, PI_HIE_4: 20, PI_PEA_1: 40 }, // [C] AAO20, MDI20, GEN20
    bonusMeasures: [{ measureId: "PI_EP_2", points: 5 }], // [C] QMD, MDI20, GEN20
    redistribution: {
      PI_LVPP_1: { PI_HIE_1: 5, PI_HIE_4: 5 },
      PI_LVOTC_1: { PI_PEA_1: 20 },
      PI_LVITC_2: { PI_PEA_1: 20 },
    },
    mustBeYes: ATTESTATIONS_AND_SRA,
    proportionAcceptedAsYes: [],
    cehrtRequirement: "2015 Edition CEHRT [1] FACS20",
  },
  assumptions: [
    { about: "cost", text: "Cost was reweighted to 0% for every clinician in 2020; the weights shown are CMS's redistribution (Quality 55%, PI 30%, IA 15%)." },
    ASSUME.redistribution2019,
    ASSUME.rounding,
  ],
};
