/** Performance year 2017 (ACI; payment 2019). Values: ../shared/domain/mips-rules.md pages 2, 5, 7. */
import { FIVE_HARDSHIP_REASONS, TYPES_2017 } from "./common";
import type { YearFacts } from "./types";

export const PY2017: YearFacts = {
  performanceYear: 2017,
  paymentYear: 2019,
  categoryLabel: "ACI",
  weights: { quality: 60, pi: 25, improvementActivities: 15, cost: 0 },
  // A reweighted ACI category moves its weight to Quality (rules page 7).
  piReweightedWeights: { standard: { quality: 85, pi: 0, improvementActivities: 15, cost: 0 }, smallPractice: null },
  performanceThreshold: 3,
  exceptionalPerformanceThreshold: 70,
  maximumAdjustmentPercent: 4,
  smallPracticeBonus: null,
  lowVolumeThreshold: { allowedChargesCents: 30_000_00, beneficiaries: 100, coveredServices: null },
  lowVolumeOptIn: false,
  eligibleClinicianTypes: TYPES_2017,
  automaticallyReweightedTypes: ["PA", "NP", "CNS", "CRNA"],
  smallPracticeReweightedAutomatically: false,
  groupSpecialStatusesReweight: false,
  hardshipReasons: FIVE_HARDSHIP_REASONS,
  deadlines: {
    virtualGroupElection: { date: null, note: "virtual groups start with the 2018 performance year" },
    hardshipApplication: { date: "2017-12-31" },
    submission: { date: "2018-03-31" },
  },
  pi: null,
  assumptions: [],
};
