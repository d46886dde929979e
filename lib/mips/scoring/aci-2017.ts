/**
 * 2017 Advancing Care Information (ACI) scoring: the 2018 structure with `ACI_*` ids (rules page 6.8).
 * Differences, all carried by the 2017 catalog or this file: no 2015-Edition-only bonus; only the
 * immunization registry (`ACI_PHCDRR_1`, `ACI_TRANS_PHCDRR_1`) earns the 10 performance points and any
 * other registry "yes" earns the 5 bonus (the 2017 catalog marks those registries as bonus measures).
 */
import { scoreBasePerformanceBonus } from "./choose-measure-set";
import type { PiYearRules } from "./types";

export const aci2017: PiYearRules = {
  performanceYear: 2017,
  category: "aci",
  finalScoreWeightPercent: 25,
  score: (input) =>
    scoreBasePerformanceBonus(input, {
      baseScore: 50,
      cap: 100,
      cehrt2015EditionOnlyBonus: null,
      finalScoreWeightPercent: 25,
      categoryLabel: "ACI",
    }),
};
