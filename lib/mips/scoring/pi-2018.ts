/**
 * 2018 Promoting Interoperability (PI) scoring (CMS 2018 PI presentation, June 12, 2018; rules page 6):
 * base 50 (all or nothing), performance up to 90, bonus (registry +5, IA via CEHRT +10, only PI
 * Objectives and Measures with only 2015 Edition CEHRT +10), capped at 100, worth 25% of the final score.
 */
import { scoreBasePerformanceBonus } from "./choose-measure-set";
import type { PiYearRules } from "./types";

export const pi2018: PiYearRules = {
  performanceYear: 2018,
  category: "pi",
  finalScoreWeightPercent: 25,
  score: (input) =>
    scoreBasePerformanceBonus(input, {
      baseScore: 50,
      cap: 100,
      cehrt2015EditionOnlyBonus: 10,
      finalScoreWeightPercent: 25,
      categoryLabel: "PI",
    }),
};
