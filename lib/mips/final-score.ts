/**
 * MIPS final score estimate for dashboards (rules page 7). Category weights per year (2018: Quality 50,
 * PI 25, IA 15, Cost 10; 2017: Quality 60, ACI 25, IA 15, Cost 0); a reweighted PI category moves its
 * weight to Quality; performance threshold (2017: 3, 2018: 15); exceptional performance at 70; payment
 * adjustment two years later, at most +/-4% (2017) or +/-5% (2018).
 *
 * Every payment figure is an ESTIMATE: the positive side is scaled by a budget-neutrality factor and the
 * exceptional-performance bonus by the money available, both published by CMS after the fact; we assume
 * a factor of 1 and a linear exceptional bonus from 0 at 70 to 10% at 100.
 */
import { badInput, type Issue } from "../errors";
import { type PerformanceYear, isPerformanceYear } from "./years";

export interface CategoryWeights {
  quality: number;
  pi: number;
  improvementActivities: number;
  cost: number;
}

export const CATEGORY_WEIGHTS: Record<PerformanceYear, CategoryWeights> = {
  2017: { quality: 60, pi: 25, improvementActivities: 15, cost: 0 },
  2018: { quality: 50, pi: 25, improvementActivities: 15, cost: 10 },
};
export const PERFORMANCE_THRESHOLDS: Record<PerformanceYear, number> = { 2017: 3, 2018: 15 };
export const EXCEPTIONAL_PERFORMANCE_THRESHOLD = 70;
export const MAXIMUM_ADJUSTMENT_PERCENT: Record<PerformanceYear, number> = { 2017: 4, 2018: 5 };
export const MAXIMUM_EXCEPTIONAL_BONUS_PERCENT = 10;
/** 2018: +5 points for a small practice (15 or fewer clinicians) that submits data in at least one category. */
export const SMALL_PRACTICE_BONUS_POINTS: Record<PerformanceYear, number> = { 2017: 0, 2018: 5 };

export interface FinalScoreInput {
  performanceYear: number;
  /** Category scores in percent (0-100). PI: the capped category score, or "reweighted". */
  quality: number;
  pi: number | "reweighted";
  improvementActivities: number;
  /** Cost (2018); ignored in 2017 (weight 0). */
  cost: number;
  /** 2018 small-practice bonus: a practice of 15 or fewer eligible clinicians that submitted data. */
  smallPracticeSubmittedData?: boolean;
}

export interface PaymentAdjustmentEstimate {
  /** Always true: CMS sets the final figures after the performance year. */
  isEstimate: true;
  paymentYear: number;
  /** Estimated adjustment in percent of Medicare Part B payments (negative = penalty). */
  percent: number;
  /** Estimated additional exceptional-performance adjustment in percent (0 below 70 points). */
  exceptionalPerformancePercent: number;
  maximumPercent: number;
  note: string;
}

export interface FinalScoreEstimate {
  performanceYear: PerformanceYear;
  /** Weights used, after any PI -> Quality redistribution. */
  weights: CategoryWeights;
  piReweighted: boolean;
  /** Points each category contributes (score x weight / 100). */
  contributions: CategoryWeights;
  bonusPoints: number;
  /** Final score in points out of 100, rounded to 2 decimals. */
  finalScore: number;
  performanceThreshold: number;
  meetsPerformanceThreshold: boolean;
  exceptionalPerformance: boolean;
  paymentAdjustment: PaymentAdjustmentEstimate;
  explanation: string[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10000) / 10000;

function scoreIssues(input: FinalScoreInput): Issue[] {
  const issues: Issue[] = [];
  const check = (path: string, v: number) => {
    if (!(typeof v === "number" && v >= 0 && v <= 100)) issues.push({ path, message: `expected a category score 0-100 (got ${String(v)})` });
  };
  if (!isPerformanceYear(input.performanceYear)) issues.push({ path: "performanceYear", message: `performance year ${String(input.performanceYear)} is not supported (expected 2017 or 2018)` });
  check("quality", input.quality);
  if (input.pi !== "reweighted") check("pi", input.pi);
  check("improvementActivities", input.improvementActivities);
  check("cost", input.cost);
  return issues;
}

/**
 * Payment adjustment from the final score (rules page 7): below the threshold, negative, growing
 * linearly to the maximum at a quarter of the threshold and below; 0 at the threshold; above it,
 * positive, linear up to the maximum at 100 before CMS's budget-neutrality scaling (assumed 1).
 */
export function estimatePaymentAdjustmentPercent(year: PerformanceYear, finalScore: number): number {
  const threshold = PERFORMANCE_THRESHOLDS[year];
  const max = MAXIMUM_ADJUSTMENT_PERCENT[year];
  const quarter = threshold / 4;
  if (finalScore <= quarter) return -max;
  if (finalScore < threshold) return -max * ((threshold - finalScore) / (threshold - quarter));
  return max * ((finalScore - threshold) / (100 - threshold));
}

/** Estimates the MIPS final score and payment adjustment from category scores. */
export function estimateFinalScore(input: FinalScoreInput): FinalScoreEstimate {
  const issues = scoreIssues(input);
  if (issues.length > 0) throw badInput(`invalid final score input: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  const year = input.performanceYear as PerformanceYear;
  const base = CATEGORY_WEIGHTS[year];
  const piReweighted = input.pi === "reweighted";
  const explanation: string[] = [];
  const weights: CategoryWeights = piReweighted ? { ...base, quality: base.quality + base.pi, pi: 0 } : { ...base };
  if (piReweighted) explanation.push(`PI reweighted to 0%: its ${base.pi}% moves to Quality (${base.quality}% -> ${weights.quality}%)`);
  const piScore = input.pi === "reweighted" ? 0 : input.pi;
  const contributions: CategoryWeights = {
    quality: (input.quality * weights.quality) / 100,
    pi: (piScore * weights.pi) / 100,
    improvementActivities: (input.improvementActivities * weights.improvementActivities) / 100,
    cost: (input.cost * weights.cost) / 100,
  };
  for (const [key, label] of [["quality", "Quality"], ["pi", year === 2017 ? "ACI" : "PI"], ["improvementActivities", "Improvement Activities"], ["cost", "Cost"]] as const) {
    if (weights[key] > 0) explanation.push(`${label}: ${key === "pi" ? piScore : input[key]}% x ${weights[key]}% = ${round2(contributions[key])} points`);
  }
  const bonusPoints = input.smallPracticeSubmittedData ? SMALL_PRACTICE_BONUS_POINTS[year] : 0;
  if (bonusPoints > 0) explanation.push(`small practice bonus: +${bonusPoints} points`);
  const sum = contributions.quality + contributions.pi + contributions.improvementActivities + contributions.cost + bonusPoints;
  const finalScore = round2(Math.min(100, sum));
  const threshold = PERFORMANCE_THRESHOLDS[year];
  const exceptional = finalScore >= EXCEPTIONAL_PERFORMANCE_THRESHOLD;
  const percent = round4(estimatePaymentAdjustmentPercent(year, finalScore));
  const exceptionalPercent = exceptional
    ? round4((MAXIMUM_EXCEPTIONAL_BONUS_PERCENT * (finalScore - EXCEPTIONAL_PERFORMANCE_THRESHOLD)) / (100 - EXCEPTIONAL_PERFORMANCE_THRESHOLD))
    : 0;
  explanation.push(
    `final score ${finalScore} ${finalScore >= threshold ? ">=" : "<"} performance threshold ${threshold}` +
      (exceptional ? `; at or above ${EXCEPTIONAL_PERFORMANCE_THRESHOLD}: exceptional performance` : ""),
  );
  return {
    performanceYear: year,
    weights,
    piReweighted,
    contributions: {
      quality: round4(contributions.quality),
      pi: round4(contributions.pi),
      improvementActivities: round4(contributions.improvementActivities),
      cost: round4(contributions.cost),
    },
    bonusPoints,
    finalScore,
    performanceThreshold: threshold,
    meetsPerformanceThreshold: finalScore >= threshold,
    exceptionalPerformance: exceptional,
    paymentAdjustment: {
      isEstimate: true,
      paymentYear: year + 2,
      percent,
      exceptionalPerformancePercent: exceptionalPercent,
      maximumPercent: MAXIMUM_ADJUSTMENT_PERCENT[year],
      note:
        percent > 0 || exceptionalPercent > 0
          ? "ESTIMATE: positive adjustments are scaled by a budget-neutrality factor (and the exceptional bonus by available funds) that CMS publishes after the performance year; a factor of 1 is assumed"
          : "ESTIMATE: CMS sets the final adjustment after the performance year",
    },
    explanation,
  };
}
