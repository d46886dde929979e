/** MIPS final score estimate (rules page 7). */
import { describe, expect, it } from "vitest";
import { estimateFinalScore, estimatePaymentAdjustmentPercent } from "../../../lib/mips";

describe("estimateFinalScore", () => {
  it("2018 weights: Quality 50, PI 25, IA 15, Cost 10", () => {
    const r = estimateFinalScore({ performanceYear: 2018, quality: 80, pi: 89, improvementActivities: 100, cost: 50 });
    // 40 + 22.25 + 15 + 5
    expect(r.finalScore).toBe(82.25);
    expect(r.contributions.pi).toBe(22.25);
    expect(r.exceptionalPerformance).toBe(true);
  });

  it("2017 weights: Quality 60, ACI 25, IA 15, Cost 0", () => {
    const r = estimateFinalScore({ performanceYear: 2017, quality: 50, pi: 100, improvementActivities: 0, cost: 100 });
    expect(r.finalScore).toBe(55);
    expect(r.weights).toEqual({ quality: 60, pi: 25, improvementActivities: 15, cost: 0 });
  });

  it("PI reweighted: its 25% moves to Quality (2018: 50 -> 75)", () => {
    const r = estimateFinalScore({ performanceYear: 2018, quality: 80, pi: "reweighted", improvementActivities: 100, cost: 50 });
    expect(r.weights.quality).toBe(75);
    expect(r.weights.pi).toBe(0);
    expect(r.finalScore).toBe(60 + 15 + 5);
    expect(r.explanation[0]).toMatch(/Quality \(50% -> 75%\)/);
  });

  it("2018 small practice bonus +5, capped at 100", () => {
    expect(estimateFinalScore({ performanceYear: 2018, quality: 10, pi: 0, improvementActivities: 0, cost: 0, smallPracticeSubmittedData: true }).finalScore).toBe(10);
    expect(estimateFinalScore({ performanceYear: 2018, quality: 100, pi: 100, improvementActivities: 100, cost: 100, smallPracticeSubmittedData: true }).finalScore).toBe(100);
  });

  it("payment adjustment is flagged as an estimate, two years later", () => {
    const r = estimateFinalScore({ performanceYear: 2018, quality: 100, pi: 100, improvementActivities: 100, cost: 100 });
    expect(r.paymentAdjustment).toMatchObject({ isEstimate: true, paymentYear: 2020, percent: 5, exceptionalPerformancePercent: 10, maximumPercent: 5 });
    expect(r.paymentAdjustment.note).toMatch(/^ESTIMATE: .*budget-neutrality/);
  });

  it.each([
    [2018, 15, 0],
    [2018, 3.75, -5], // a quarter of the threshold: the maximum penalty
    [2018, 0, -5],
    [2018, 9.375, -2.5], // halfway between 3.75 and 15
    [2017, 3, 0],
    [2017, 0.75, -4],
    [2017, 51.5, 2], // (51.5 - 3) / 97 x 4
  ])("%i: final score %d -> %d%%", (year, score, percent) => {
    expect(estimatePaymentAdjustmentPercent(year as 2017 | 2018, score)).toBeCloseTo(percent, 10);
  });

  it("threshold and exceptional performance flags", () => {
    const low = estimateFinalScore({ performanceYear: 2018, quality: 20, pi: 0, improvementActivities: 0, cost: 0 });
    expect([low.finalScore, low.meetsPerformanceThreshold, low.paymentAdjustment.percent]).toEqual([10, false, -2.2222]);
    const at70 = estimateFinalScore({ performanceYear: 2018, quality: 100, pi: 80, improvementActivities: 0, cost: 0 });
    expect([at70.finalScore, at70.exceptionalPerformance, at70.paymentAdjustment.exceptionalPerformancePercent]).toEqual([70, true, 0]);
  });

  it("refuses scores outside 0-100", () => {
    expect(() => estimateFinalScore({ performanceYear: 2018, quality: 101, pi: 0, improvementActivities: 0, cost: 0 })).toThrow(/quality: expected a category score 0-100/);
    expect(() => estimateFinalScore({ performanceYear: 2018, quality: 1, pi: -1, improvementActivities: 0, cost: 0 })).toThrow(/pi: expected/);
  });
});
