/**
 * PI/ACI category scoring, one rule set per performance year behind `PiYearRules`.
 * To add a year: write `scoring/pi-<year>.ts` and list it here (and the year in catalog.ts).
 */
import type { PerformanceYear } from "../catalog";
import { aci2017 } from "./aci-2017";
import { pi2018 } from "./pi-2018";
import type { PiCategoryScore, PiScoringInput, PiYearRules } from "./types";
import { validateScoringInput } from "./validate-input";

const RULES_BY_YEAR: Record<PerformanceYear, PiYearRules> = { 2017: aci2017, 2018: pi2018 };

/** The scoring rules of a supported performance year. */
export function piRulesFor(year: PerformanceYear): PiYearRules {
  return RULES_BY_YEAR[year];
}

/**
 * Scores the PI (2018) or ACI (2017) category from plain inputs: validates them (BAD_INPUT naming the
 * measure id or field), picks the measure set, and returns base/performance/bonus/total with per-measure
 * rows and an explanation whose points add up to the total. A failed prerequisite (attestation, period
 * under 90 days, Security Risk Analysis, base measure, CEHRT edition) is a score of 0 with the reason,
 * never an error.
 */
export function scorePiCategory(input: PiScoringInput): PiCategoryScore {
  const valid = validateScoringInput(input);
  return piRulesFor(valid.performanceYear).score(valid);
}

export { formatRate, nextBandNumerator, performanceBand, pointsForRate, TOP_BAND } from "./bands";
export { MINIMUM_PERFORMANCE_PERIOD_DAYS, performancePeriodDays } from "./period";
export { scoringInputIssues, validateScoringInput } from "./validate-input";
export type * from "./types";
