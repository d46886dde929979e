/**
 * Performance year 2025 (payment 2027): the 2024 measures; electronic case reporting (PI_PHCDRR_3) is
 * suppressed: it must still be answered (yes, no or an exclusion) and its points are not redistributed
 * [QMD 2025, change request 2025-11-21]; automatic reweighting ends for clinical social workers after this
 * year (mips-rules-by-year.md §3 "2025").
 */
import { PY2024 } from "./2024";
import { FOUR_HARDSHIP_REASONS, LOW_VOLUME_2019, TYPES_2022 } from "./common";
import type { PiScoringFacts, RequiredPublicHealth, YearFacts } from "./types";

const pi2024 = PY2024.pi as PiScoringFacts;

export const PY2025: YearFacts = {
  performanceYear: 2025,
  paymentYear: 2027,
  categoryLabel: "PI",
  weights: { quality: 30, pi: 25, improvementActivities: 15, cost: 30 }, // [C] ACP25, ACA25
  piReweightedWeights: {
    standard: { quality: 55, pi: 0, improvementActivities: 15, cost: 30 }, // [1] MDI25
    smallPractice: { quality: 40, pi: 0, improvementActivities: 30, cost: 30 },
  },
  performanceThreshold: 75,
  exceptionalPerformanceThreshold: null,
  maximumAdjustmentPercent: 9,
  smallPracticeBonus: { points: 6, appliesTo: "quality" },
  lowVolumeThreshold: LOW_VOLUME_2019, // unchanged [C] MDI25r
  lowVolumeOptIn: true,
  eligibleClinicianTypes: TYPES_2022,
  // "Beginning in 2025, CMS discontinued automatic reweighting for clinical social workers" [1] MDI25.
  automaticallyReweightedTypes: [],
  smallPracticeReweightedAutomatically: true,
  groupSpecialStatusesReweight: true,
  hardshipReasons: FOUR_HARDSHIP_REASONS,
  deadlines: {
    virtualGroupElection: { date: "2024-12-31", note: "election period October 1 - December 31, 2024, 11:59 pm ET (copies of CMS's announcement)" },
    hardshipApplication: { date: "2025-12-31", note: "8 pm ET [ACP25]" },
    submission: { date: "2026-03-31", assumed: true, note: "CMS's usual March 31; the 2025 date is not in our sources" },
  },
  pi: {
    ...pi2024,
    lastStartDate: "2025-07-05", // [1] MDI25
    publicHealth: { ...(pi2024.publicHealth as RequiredPublicHealth), requiredIds: ["PI_PHCDRR_1"], answerOnlyIds: ["PI_PHCDRR_3"] },
  },
  assumptions: [
    { about: "points", text: "2025 measure points are carried forward from 2023-2024 (CMS's 2025 total of 105 points agrees) [AAD25]." },
    {
      about: "publicHealth",
      text: "Electronic case reporting (PI_PHCDRR_3) is suppressed for 2025: a yes, a no or an exclusion all get full credit and the objective's 25 points are not redistributed [QMD change request 2025-11-21]; the objective's points therefore rest on the immunization registry measure (our reading).",
    },
    { about: "weights", text: "When PI is reweighted for a practice that is not small, Quality 55%, Cost 30%, IA 15% rests on a single secondary source for 2025 [MDI25]." },
    ...PY2024.assumptions.slice(1).filter((a) => a.about !== "weights" && a.about !== "clinicianTypes"),
  ],
};
