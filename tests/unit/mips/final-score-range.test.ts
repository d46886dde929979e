/** The final score range with PI fixed: unknown categories from 0% to 100%, hand-computed from the year's weights. */
import { describe, expect, it } from "vitest";
import { finalScoreRange } from "../../../lib/mips/final-score-range";

const none = { quality: null, improvementActivities: null, cost: null };

describe("finalScoreRange", () => {
  it("2026, PI 80, nothing entered: 80 x 25% = 20 at worst, 30 + 20 + 15 + 30 = 95 at best", () => {
    const r = finalScoreRange({ performanceYear: 2026, pi: 80, entered: none, smallPractice: false });
    expect([r.worst.finalScore, r.best.finalScore]).toEqual([20, 95]);
    expect(r.unknown).toEqual(["quality", "improvementActivities", "cost"]);
    expect(r.complete).toBe(false);
    expect(r.worst.meetsPerformanceThreshold).toBe(false);
    expect(r.best.meetsPerformanceThreshold).toBe(true);
  });

  it("2026, PI 80, Quality 50 entered: 15 + 20 = 35 at worst, 15 + 20 + 15 + 30 = 80 at best", () => {
    const r = finalScoreRange({ performanceYear: 2026, pi: 80, entered: { ...none, quality: 50 }, smallPractice: false });
    expect([r.worst.finalScore, r.best.finalScore]).toEqual([35, 80]);
    expect(r.unknown).toEqual(["improvementActivities", "cost"]);
  });

  it("everything entered: one estimate (2024, Q 70, PI 90, IA 40, Cost 60: 21 + 22.5 + 6 + 18 = 67.5)", () => {
    const r = finalScoreRange({ performanceYear: 2024, pi: 90, entered: { quality: 70, improvementActivities: 40, cost: 60 }, smallPractice: false });
    expect(r.complete).toBe(true);
    expect(r.worst.finalScore).toBe(67.5);
    expect(r.best.finalScore).toBe(67.5);
  });

  it("2020 weighs Cost 0%: an unknown Cost does not widen the range (PI 50: 15 at worst; + Q 55 + IA 15 = 85 at best)", () => {
    const r = finalScoreRange({ performanceYear: 2020, pi: 50, entered: { ...none, quality: null }, smallPractice: false });
    expect(r.unknown).toEqual(["quality", "improvementActivities"]);
    expect([r.worst.finalScore, r.best.finalScore]).toEqual([15, 85]);
  });

  it("PI reweighted (2026): 0 to 100, PI's 25% moved to Quality", () => {
    const r = finalScoreRange({ performanceYear: 2026, pi: "reweighted", entered: none, smallPractice: false });
    expect([r.worst.finalScore, r.best.finalScore]).toEqual([0, 100]);
    expect(r.best.weights.quality).toBe(55);
  });
});
