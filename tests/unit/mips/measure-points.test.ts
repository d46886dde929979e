/** 2019+ per-measure points and the numerator that earns the next point (hand-computed). */
import { describe, expect, it } from "vitest";
import { nextPointNumerator, pointsForPerformanceRate } from "../../../lib/mips/scoring/measure-points";

describe("nextPointNumerator", () => {
  it("from a numerator of 0, 1 already earns the floor of 1 point (was 15 of 800 at 25 points)", () => {
    expect(pointsForPerformanceRate(1, 800, 25)).toBe(1);
    expect(nextPointNumerator(0, 800, 25)).toBe(1);
  });
  it("past the floor: the smallest numerator that rounds to one more point", () => {
    // 1/800 of 25 = 0.03 -> 1 (floor); 2 points need 25n/800 >= 1.5, n >= 48.
    expect(nextPointNumerator(1, 800, 25)).toBe(48);
    expect(pointsForPerformanceRate(47, 800, 25)).toBe(1);
    expect(pointsForPerformanceRate(48, 800, 25)).toBe(2);
    // 180/200 of 10 = 9; 10 needs 10n/200 >= 9.5, n >= 190.
    expect(nextPointNumerator(180, 200, 10)).toBe(190);
  });
  it("none at the maximum, without a denominator or without points", () => {
    expect(nextPointNumerator(200, 200, 10)).toBeNull();
    expect(nextPointNumerator(0, 0, 10)).toBeNull();
    expect(nextPointNumerator(0, 10, 0)).toBeNull();
  });
});
