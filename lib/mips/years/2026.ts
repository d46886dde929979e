/**
 * Performance year 2026 (payment 2028): 2025's measures with eCR no longer suppressed and a new public
 * health bonus, PI_PHCDRR_6 (public health reporting using TEFCA), inside the same 5-point bonus
 * [QMD 2026, EYE-TE, HIT26]; 180-day period [MAC26]; performance threshold 75 [P360]
 * (mips-rules-by-year.md §3 "2026").
 */
import { PY2024 } from "./2024";
import { PY2025 } from "./2025";
import { FOUR_HARDSHIP_REASONS, LOW_VOLUME_2019, TYPES_2022 } from "./common";
import type { PiScoringFacts, RequiredPublicHealth, YearFacts } from "./types";

const pi2024 = PY2024.pi as PiScoringFacts;
const publicHealth2024 = pi2024.publicHealth as RequiredPublicHealth;

export const PY2026: YearFacts = {
  performanceYear: 2026,
  paymentYear: 2028,
  categoryLabel: "PI",
  weights: { quality: 30, pi: 25, improvementActivities: 15, cost: 30 }, // [1] MAC26 (PI 25%)
  piReweightedWeights: PY2025.piReweightedWeights, // [GAP] not restated for 2026: assumed as 2025
  performanceThreshold: 75, // [1] P360
  exceptionalPerformanceThreshold: null,
  maximumAdjustmentPercent: 9, // [1] MAC26
  smallPracticeBonus: { points: 6, appliesTo: "quality" },
  lowVolumeThreshold: LOW_VOLUME_2019,
  lowVolumeOptIn: true,
  eligibleClinicianTypes: TYPES_2022,
  // No clinician type is reweighted automatically (clinical social workers' ended with 2024 [MDI25]).
  automaticallyReweightedTypes: [],
  smallPracticeReweightedAutomatically: true,
  groupSpecialStatusesReweight: true,
  hardshipReasons: FOUR_HARDSHIP_REASONS,
  deadlines: {
    virtualGroupElection: { date: "2025-12-31", assumed: true, note: "CMS's usual December 31 of the year before; the 2026 date is not in our sources" },
    hardshipApplication: { date: "2026-12-31", assumed: true, note: "CMS's usual December 31 (8 pm ET); the 2026 date is not restated in our sources" },
    submission: { date: "2027-03-31", note: "per a third-party guide [SOR27]" },
  },
  pi: {
    ...pi2024,
    lastStartDate: "2026-07-05",
    publicHealth: { ...publicHealth2024, bonusIds: [...publicHealth2024.bonusIds, "PI_PHCDRR_6"] },
  },
  assumptions: [
    { about: "points", text: "2026 measure points are carried forward from 2025 (e-Prescribing 10 and PDMP 10 are confirmed [POL26]; the others are not restated)." },
    { about: "weights", text: "CMS has not restated the 2026 weights when PI is reweighted: this estimate uses 2025's (Quality 55%, Cost 30%, IA 15%; small practices Quality 40%, Cost 30%, IA 30%)." },
    ...PY2024.assumptions.slice(1).filter((a) => a.about !== "weights" && a.about !== "clinicianTypes"),
  ],
};
