/** Performance year 2018 (PI; payment 2020). Values: ../shared/domain/mips-rules.md pages 2, 3, 5, 7. */
import { FIVE_HARDSHIP_REASONS, TYPES_2017 } from "./common";
import type { YearFacts } from "./types";

export const PY2018: YearFacts = {
  performanceYear: 2018,
  paymentYear: 2020,
  categoryLabel: "PI",
  weights: { quality: 50, pi: 25, improvementActivities: 15, cost: 10 },
  piReweightedWeights: { standard: { quality: 75, pi: 0, improvementActivities: 15, cost: 10 }, smallPractice: null },
  performanceThreshold: 15,
  exceptionalPerformanceThreshold: 70,
  maximumAdjustmentPercent: 5,
  // +5 on the final score for a practice of 15 or fewer eligible clinicians that submits data.
  smallPracticeBonus: { points: 5, appliesTo: "finalScore" },
  lowVolumeThreshold: { allowedChargesCents: 90_000_00, beneficiaries: 200, coveredServices: null },
  lowVolumeOptIn: false,
  eligibleClinicianTypes: TYPES_2017,
  automaticallyReweightedTypes: ["PA", "NP", "CNS", "CRNA"],
  smallPracticeReweightedAutomatically: false,
  groupSpecialStatusesReweight: false,
  hardshipReasons: FIVE_HARDSHIP_REASONS,
  deadlines: {
    virtualGroupElection: { date: "2017-12-31" },
    hardshipApplication: { date: "2018-12-31" },
    submission: { date: "2019-03-31" },
  },
  pi: null,
  assumptions: [],
};
