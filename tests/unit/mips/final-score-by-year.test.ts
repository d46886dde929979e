/**
 * MIPS final score per year (mips-rules-by-year.md §1.1-1.5, lib/mips/years/<year>.ts): category weights,
 * weights when PI is reweighted (small-practice table from 2022), performance and exceptional thresholds
 * (no exceptional bonus from 2023), maximum adjustment, payment year = PY + 2. Hand-computed.
 */
import { describe, expect, it } from "vitest";
import { categoryWeights, estimateFinalScore, performanceThreshold, type FinalScoreInput } from "../../../lib/mips/final-score";
import { yearFacts } from "../../../lib/mips/years/index";
import { PERFORMANCE_YEARS } from "../../../lib/mips/years";

const w = (quality: number, pi: number, improvementActivities: number, cost: number) => ({ quality, pi, improvementActivities, cost });

describe("weights, thresholds, maximum adjustment and payment year, as the year files say", () => {
  it.each([
    // year, weights (Q, PI, IA, Cost), threshold, exceptional, max adjustment
    [2017, w(60, 25, 15, 0), 3, 70, 4],
    [2018, w(50, 25, 15, 10), 15, 70, 5],
    [2019, w(45, 25, 15, 15), 30, 75, 7],
    // 2020: final rule 45/15/15/25, then Cost 0% for everyone: Q55, PI30 [C] NWA20
    [2020, w(55, 30, 15, 0), 45, 85, 9],
    [2021, w(40, 25, 15, 20), 60, 85, 9],
    [2022, w(30, 25, 15, 30), 75, 89, 9],
    [2023, w(30, 25, 15, 30), 75, null, 9],
    [2024, w(30, 25, 15, 30), 75, null, 9],
    [2025, w(30, 25, 15, 30), 75, null, 9],
    [2026, w(30, 25, 15, 30), 75, null, 9],
  ] as const)("%i", (year, weights, threshold, exceptional, maxAdjustment) => {
    expect(categoryWeights(year)).toEqual(weights);
    expect(performanceThreshold(year)).toBe(threshold);
    const facts = yearFacts(year);
    expect([facts.exceptionalPerformanceThreshold, facts.maximumAdjustmentPercent, facts.paymentYear]).toEqual([exceptional, maxAdjustment, year + 2]);
    const sum = weights.quality + weights.pi + weights.improvementActivities + weights.cost;
    expect(sum).toBe(100);
  });

  it("PI-reweighted tables: 2019 Q70/C15/IA15; 2020 Q85/IA15; 2021 Q65/C20/IA15; 2022+ Q55/C30/IA15, small practice Q40/C30/IA30", () => {
    expect(yearFacts(2019).piReweightedWeights).toEqual({ standard: w(70, 0, 15, 15), smallPractice: null });
    expect(yearFacts(2020).piReweightedWeights).toEqual({ standard: w(85, 0, 15, 0), smallPractice: null });
    expect(yearFacts(2021).piReweightedWeights).toEqual({ standard: w(65, 0, 15, 20), smallPractice: null });
    for (const year of PERFORMANCE_YEARS.filter((y) => y >= 2022)) expect(yearFacts(year).piReweightedWeights, `${year}`).toEqual({ standard: w(55, 0, 15, 30), smallPractice: w(40, 0, 30, 30) });
  });
});

const scores = (year: number, extra: Partial<FinalScoreInput> = {}): FinalScoreInput => ({ performanceYear: year, quality: 80, pi: 91, improvementActivities: 100, cost: 50, ...extra });

describe("estimates", () => {
  it("2026: Q 80 x 30% = 24, PI 91 x 25% = 22.75, IA 100 x 15% = 15, Cost 50 x 30% = 15: 76.75 >= 75; +9% x 1.75/25 = 0.63%; payment 2028; no exceptional bonus", () => {
    const r = estimateFinalScore(scores(2026));
    expect(r.finalScore).toBe(76.75);
    expect(r.contributions).toEqual(w(24, 22.75, 15, 15));
    expect([r.meetsPerformanceThreshold, r.exceptionalPerformance, r.exceptionalPerformanceThreshold]).toEqual([true, false, null]);
    expect(r.paymentAdjustment).toMatchObject({ paymentYear: 2028, percent: 0.63, exceptionalPerformancePercent: 0, maximumPercent: 9 });
    expect(r.explanation.join("\n")).toMatch(/no exceptional performance bonus from 2023/);
  });

  it("2022: the last exceptional bonus: Q 100 x 30% + PI 100 x 25% + IA 100 x 15% + Cost 70 x 30% = 91 >= 89: 10% x (91 - 89)/(100 - 89) = 1.8182%", () => {
    const r = estimateFinalScore(scores(2022, { quality: 100, pi: 100, cost: 70 }));
    expect(r.finalScore).toBe(91);
    expect(r.exceptionalPerformance).toBe(true);
    expect(r.paymentAdjustment.exceptionalPerformancePercent).toBe(1.8182);
    expect(r.paymentAdjustment.paymentYear).toBe(2024);
  });

  it("2023: the same 91 has no exceptional bonus", () => {
    const r = estimateFinalScore(scores(2023, { quality: 100, pi: 100, cost: 70 }));
    expect([r.finalScore, r.exceptionalPerformance, r.paymentAdjustment.exceptionalPerformancePercent]).toEqual([91, false, 0]);
  });

  it("2019 PI reweighted: Q 80 x 70% = 56, IA 15, Cost 60 x 15% = 9: 80 >= 75 exceptional", () => {
    const r = estimateFinalScore(scores(2019, { pi: "reweighted", cost: 60 }));
    expect(r.weights).toEqual(w(70, 0, 15, 15));
    expect([r.finalScore, r.exceptionalPerformance]).toEqual([80, true]);
  });

  it("2020: Cost weighs 0 (ignored): Q 80 x 55% = 44, PI 100 x 30% = 30, IA 15: 89 >= 85 exceptional; the Cost assumption is shown", () => {
    const r = estimateFinalScore(scores(2020, { pi: 100, cost: 0 }));
    expect([r.finalScore, r.exceptionalPerformance]).toEqual([89, true]);
    expect(r.assumptions.join("\n")).toMatch(/Cost was reweighted to 0% for every clinician in 2020/);
  });

  it("2021 small practice, PI reweighted: no small-practice table yet, so Q 80 x 65% = 52 + Cost 50 x 20% = 10 + IA 15 = 77", () => {
    const r = estimateFinalScore(scores(2021, { pi: "reweighted", smallPractice: true }));
    expect(r.weights).toEqual(w(65, 0, 15, 20));
    expect(r.finalScore).toBe(77);
  });

  it.each([2022, 2025, 2026])("%i small practice, PI reweighted: Q 80 x 40% = 32 + Cost 50 x 30% = 15 + IA 100 x 30% = 30 = 77", (year) => {
    const r = estimateFinalScore(scores(year, { pi: "reweighted", smallPractice: true }));
    expect(r.weights).toEqual(w(40, 0, 30, 30));
    expect(r.finalScore).toBe(77);
    expect(r.explanation[0]).toMatch(/reweighted to 0%: its 25% is redistributed \(small practice table\)/);
  });

  it.each([2022, 2026])("%i not small, PI reweighted: Q 80 x 55% = 44 + Cost 15 + IA 15 = 74 < 75; the weights assumption is shown", (year) => {
    const r = estimateFinalScore(scores(year, { pi: "reweighted" }));
    expect(r.weights).toEqual(w(55, 0, 15, 30));
    expect([r.finalScore, r.meetsPerformanceThreshold]).toEqual([74, false]);
    expect(r.assumptions.length).toBeGreaterThan(0);
    expect(r.assumptions.join("\n")).toMatch(/Quality 55%, Cost 30%, IA 15%/);
  });

  it("the small practice bonus: +5 on the final score in 2018; from 2019 inside Quality (no points added here, said)", () => {
    expect(estimateFinalScore(scores(2018, { smallPracticeSubmittedData: true })).bonusPoints).toBe(5);
    const r = estimateFinalScore(scores(2024, { smallPractice: true }));
    expect(r.bonusPoints).toBe(0);
    expect(r.explanation.join("\n")).toMatch(/from 2019 CMS adds 6 points inside the Quality category/);
  });

  it("below a quarter of the threshold: the maximum penalty of the year (2019 -7%, 2024 -9%)", () => {
    expect(estimateFinalScore({ performanceYear: 2019, quality: 0, pi: 0, improvementActivities: 0, cost: 0 }).paymentAdjustment.percent).toBe(-7);
    expect(estimateFinalScore({ performanceYear: 2024, quality: 10, pi: 0, improvementActivities: 0, cost: 0 }).paymentAdjustment.percent).toBe(-9);
  });

  it("2027 is refused as not supported yet", () => {
    expect(() => estimateFinalScore(scores(2027))).toThrow(/performance year 2027 is not supported yet/);
  });
});
