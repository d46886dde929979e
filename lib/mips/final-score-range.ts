/**
 * The final score a TIN can still reach, with its PI category fixed by its data: the categories the
 * user has entered count as entered, the ones not entered run from the worst case (0%) to the best case
 * (100%). With every category entered, the two ends are the same estimate. Nothing here is invented:
 * an unknown category is shown as a range, never as a typical value.
 */
import { estimateFinalScore, type FinalScoreEstimate } from "./final-score";
import type { PerformanceYear } from "./years";

/** The categories scored outside the portal, entered by the user. */
export const ENTERED_CATEGORIES = ["quality", "improvementActivities", "cost"] as const;
export type EnteredCategory = (typeof ENTERED_CATEGORIES)[number];

export const ENTERED_CATEGORY_LABELS: Record<EnteredCategory, string> = {
  quality: "Quality",
  improvementActivities: "Improvement Activities",
  cost: "Cost",
};

export interface FinalScoreRangeInput {
  performanceYear: PerformanceYear;
  /** The PI category score from the portal's data (0-100), or "reweighted". */
  pi: number | "reweighted";
  /** Each category's score in percent (0-100), or null when the user has not entered it. */
  entered: Record<EnteredCategory, number | null>;
  smallPractice: boolean;
}

export interface FinalScoreRange {
  /** Unknown categories at 0%. */
  worst: FinalScoreEstimate;
  /** Unknown categories at 100%. */
  best: FinalScoreEstimate;
  /** Categories that still count in this year (weight above 0 after any PI reweighting) and are not entered. */
  unknown: EnteredCategory[];
  /** True when nothing that counts is unknown: worst and best are the same estimate. */
  complete: boolean;
}

/** The final score range with PI fixed; categories weighing 0% this year (Cost in 2017 and 2020) do not widen it. */
export function finalScoreRange(input: FinalScoreRangeInput): FinalScoreRange {
  const at = (fill: number) => {
    const value = (k: EnteredCategory) => input.entered[k] ?? fill;
    return estimateFinalScore({
      performanceYear: input.performanceYear,
      pi: input.pi,
      quality: value("quality"),
      improvementActivities: value("improvementActivities"),
      cost: value("cost"),
      smallPracticeSubmittedData: input.smallPractice,
    });
  };
  const worst = at(0);
  const best = at(100);
  const unknown = ENTERED_CATEGORIES.filter((k) => input.entered[k] === null && worst.weights[k] > 0);
  return { worst, best, unknown, complete: unknown.length === 0 };
}

