/**
 * MIPS final score estimate for dashboards (rules page 7; mips-rules-by-year.md §1.1-1.5). The year's
 * values (category weights, weights when PI is reweighted, small-practice weights from 2022, performance
 * and exceptional thresholds, maximum adjustment, small-practice bonus, payment year = PY + 2) live in
 * `years/<year>.ts`.
 *
 * Every payment figure is an ESTIMATE: the positive side is scaled by a budget-neutrality factor and the
 * exceptional-performance bonus (through 2022) by the money available, both published by CMS after the
 * fact; we assume a factor of 1 and a linear exceptional bonus from 0 at the threshold to 10% at 100.
 */
import { badInput, type Issue } from "../errors";
import { yearFacts, type CategoryWeights } from "./years/index";
import { type PerformanceYear, isPerformanceYear, unsupportedYearMessage } from "./years";

export type { CategoryWeights } from "./years/index";

/** The category weights of a year (before any reweighting). */
export function categoryWeights(year: PerformanceYear): CategoryWeights {
  return yearFacts(year).weights;
}
/** The performance threshold of a year (a final score at it gets a 0% adjustment). */
export function performanceThreshold(year: PerformanceYear): number {
  return yearFacts(year).performanceThreshold;
}
export const MAXIMUM_EXCEPTIONAL_BONUS_PERCENT = 10;

export interface FinalScoreInput {
  performanceYear: number;
  /** Category scores in percent (0-100). PI: the capped category score, or "reweighted". */
  quality: number;
  pi: number | "reweighted";
  improvementActivities: number;
  /** Cost; ignored where the year weights it 0 (2017, 2020). */
  cost: number;
  /**
   * A practice of 15 or fewer eligible clinicians: 2018 +5 bonus points when it submitted data; from 2022
   * the small-practice weights when PI is reweighted.
   */
  smallPracticeSubmittedData?: boolean;
  smallPractice?: boolean;
}

export interface PaymentAdjustmentEstimate {
  /** Always true: CMS sets the final figures after the performance year. */
  isEstimate: true;
  paymentYear: number;
  /** Estimated adjustment in percent of Medicare Part B payments (negative = penalty). */
  percent: number;
  /** Estimated additional exceptional-performance adjustment in percent (0 below the threshold; none from 2023). */
  exceptionalPerformancePercent: number;
  maximumPercent: number;
  note: string;
}

export interface FinalScoreEstimate {
  performanceYear: PerformanceYear;
  /** Weights used, after any PI redistribution. */
  weights: CategoryWeights;
  piReweighted: boolean;
  /** Points each category contributes (score x weight / 100). */
  contributions: CategoryWeights;
  bonusPoints: number;
  /** Final score in points out of 100, rounded to 2 decimals. */
  finalScore: number;
  performanceThreshold: number;
  meetsPerformanceThreshold: boolean;
  /** The exceptional performance threshold, null from 2023 (no exceptional bonus). */
  exceptionalPerformanceThreshold: number | null;
  exceptionalPerformance: boolean;
  paymentAdjustment: PaymentAdjustmentEstimate;
  explanation: string[];
  /** The year's assumptions this estimate relies on, for the user. */
  assumptions: string[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10000) / 10000;

function scoreIssues(input: FinalScoreInput): Issue[] {
  const issues: Issue[] = [];
  const check = (path: string, v: number) => {
    if (!(typeof v === "number" && v >= 0 && v <= 100)) issues.push({ path, message: `expected a category score 0-100 (got ${String(v)})` });
  };
  if (!isPerformanceYear(input.performanceYear)) issues.push({ path: "performanceYear", message: unsupportedYearMessage(input.performanceYear) });
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
  const facts = yearFacts(year);
  const threshold = facts.performanceThreshold;
  const max = facts.maximumAdjustmentPercent;
  const quarter = threshold / 4;
  if (finalScore <= quarter) return -max;
  if (finalScore < threshold) return -max * ((threshold - finalScore) / (threshold - quarter));
  return max * ((finalScore - threshold) / (100 - threshold));
}

const LABELS = [["quality", "Quality"], ["pi", "PI"], ["improvementActivities", "Improvement Activities"], ["cost", "Cost"]] as const;

/** Estimates the MIPS final score and payment adjustment from category scores. */
export function estimateFinalScore(input: FinalScoreInput): FinalScoreEstimate {
  const issues = scoreIssues(input);
  if (issues.length > 0) throw badInput(`invalid final score input: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  const year = input.performanceYear as PerformanceYear;
  const facts = yearFacts(year);
  const base = facts.weights;
  const piReweighted = input.pi === "reweighted";
  const explanation: string[] = [];
  const assumptions: string[] = [];
  const small = input.smallPractice === true || input.smallPracticeSubmittedData === true;
  let weights: CategoryWeights = { ...base };
  if (piReweighted) {
    const table = small && facts.piReweightedWeights.smallPractice ? facts.piReweightedWeights.smallPractice : facts.piReweightedWeights.standard;
    weights = { ...table };
    const moved = LABELS.filter(([k]) => k !== "pi" && table[k] !== base[k]).map(([k, l]) => `${l} (${base[k]}% -> ${table[k]}%)`);
    explanation.push(`${facts.categoryLabel} reweighted to 0%: its ${base.pi}% is redistributed${small && facts.piReweightedWeights.smallPractice ? " (small practice table)" : ""}: ${moved.join(", ")}`);
    assumptions.push(...facts.assumptions.filter((a) => a.about === "weights").map((a) => a.text));
  }
  assumptions.push(...facts.assumptions.filter((a) => a.about === "cost").map((a) => a.text));
  const piScore = input.pi === "reweighted" ? 0 : input.pi;
  const contributions: CategoryWeights = {
    quality: (input.quality * weights.quality) / 100,
    pi: (piScore * weights.pi) / 100,
    improvementActivities: (input.improvementActivities * weights.improvementActivities) / 100,
    cost: (input.cost * weights.cost) / 100,
  };
  for (const [key, label] of LABELS) {
    const shown = key === "pi" ? facts.categoryLabel : label;
    if (weights[key] > 0) explanation.push(`${shown}: ${key === "pi" ? piScore : input[key]}% x ${weights[key]}% = ${round2(contributions[key])} points`);
  }
  const bonus = facts.smallPracticeBonus;
  const bonusPoints = bonus?.appliesTo === "finalScore" && input.smallPracticeSubmittedData ? bonus.points : 0;
  if (bonusPoints > 0) explanation.push(`small practice bonus: +${bonusPoints} points`);
  if (bonus?.appliesTo === "quality" && small) {
    explanation.push(`small practice bonus: from 2019 CMS adds ${bonus.points} points inside the Quality category (when at least one quality measure is submitted); include them in the Quality score you enter`);
  }
  const sum = contributions.quality + contributions.pi + contributions.improvementActivities + contributions.cost + bonusPoints;
  const finalScore = round2(Math.min(100, sum));
  const threshold = facts.performanceThreshold;
  const exceptionalAt = facts.exceptionalPerformanceThreshold;
  const exceptional = exceptionalAt !== null && finalScore >= exceptionalAt;
  const percent = round4(estimatePaymentAdjustmentPercent(year, finalScore));
  const exceptionalPercent = exceptional && exceptionalAt !== null ? round4((MAXIMUM_EXCEPTIONAL_BONUS_PERCENT * (finalScore - exceptionalAt)) / (100 - exceptionalAt)) : 0;
  explanation.push(
    `final score ${finalScore} ${finalScore >= threshold ? ">=" : "<"} performance threshold ${threshold}` +
      (exceptional ? `; at or above ${String(exceptionalAt)}: exceptional performance` : exceptionalAt === null ? " (no exceptional performance bonus from 2023)" : ""),
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
    exceptionalPerformanceThreshold: exceptionalAt,
    exceptionalPerformance: exceptional,
    paymentAdjustment: {
      isEstimate: true,
      paymentYear: facts.paymentYear,
      percent,
      exceptionalPerformancePercent: exceptionalPercent,
      maximumPercent: facts.maximumAdjustmentPercent,
      note:
        percent > 0 || exceptionalPercent > 0
          ? "ESTIMATE: positive adjustments are scaled by a budget-neutrality factor (and the exceptional bonus by available funds) that CMS publishes after the performance year; a factor of 1 is assumed"
          : "ESTIMATE: CMS sets the final adjustment after the performance year",
    },
    explanation,
    assumptions,
  };
}
