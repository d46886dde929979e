/**
 * PI/ACI category scoring, one rule set per performance year behind `PiYearRules`: 2017 and 2018 have
 * files of their own (`aci-2017.ts`, `pi-2018.ts`: base/performance/bonus); from 2019 every year uses the
 * performance-based shape (`performance-based.ts`) with that year's values (`../years/<year>.ts`).
 * To add a year: write `years/<year>.ts` (and its catalog); list it in `years/index.ts` and `years.ts`.
 */
import type { PerformanceYear } from "../catalog";
import { yearFacts } from "../years/index";
import { aci2017 } from "./aci-2017";
import { scorePerformanceBased } from "./performance-based";
import { pi2018 } from "./pi-2018";
import type { PiCategoryScore, PiScoringInput, PiYearRules } from "./types";
import { validateScoringInput } from "./validate-input";

function performanceBasedRules(year: PerformanceYear): PiYearRules {
  const facts = yearFacts(year);
  return { performanceYear: year, category: "pi", finalScoreWeightPercent: facts.weights.pi, score: (input) => scorePerformanceBased(input, facts) };
}

const RULES_BY_YEAR: Record<PerformanceYear, PiYearRules> = {
  2017: aci2017,
  2018: pi2018,
  2019: performanceBasedRules(2019),
  2020: performanceBasedRules(2020),
  2021: performanceBasedRules(2021),
  2022: performanceBasedRules(2022),
  2023: performanceBasedRules(2023),
  2024: performanceBasedRules(2024),
  2025: performanceBasedRules(2025),
  2026: performanceBasedRules(2026),
};

/** The scoring rules of a supported performance year. */
export function piRulesFor(year: PerformanceYear): PiYearRules {
  return RULES_BY_YEAR[year];
}

/**
 * Scores the PI (ACI in 2017) category of any supported year from plain inputs: validates them (BAD_INPUT
 * naming the measure id or field), applies the year's rules, and returns the total with per-measure rows and
 * an explanation whose points add up to the total. A failed prerequisite or gate (attestation, period,
 * security risk analysis, required measure, CEHRT) is a score of 0 with every reason, never an error; a set
 * CMS would refuse (a measure and its exclusion, mixed HIE alternatives) is BAD_INPUT.
 */
export function scorePiCategory(input: PiScoringInput): PiCategoryScore {
  const valid = validateScoringInput(input);
  return piRulesFor(valid.performanceYear).score(valid);
}

export { formatRate, nextBandNumerator, performanceBand, pointsForRate, TOP_BAND } from "./bands";
export { MINIMUM_PERFORMANCE_PERIOD_DAYS, minimumPerformancePeriodDays, performancePeriodDays } from "./period";
export { nextPointNumerator, pointsForPerformanceRate } from "./measure-points";
export { scoringInputIssues, validateScoringInput } from "./validate-input";
export type * from "./types";
