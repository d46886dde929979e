import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { formatRate, nextBandNumerator, performanceBand, pointsForRate } from "../../../lib/mips";

describe("pointsForRate (CMS bands, integers only)", () => {
  it.each([
    // seed: Secure Messaging 72/100 -> 8 of 10
    [72, 100, 10, 8],
    // seed worked example
    [250, 750, 20, 8],
    [650, 750, 20, 18],
    [475, 750, 10, 7],
    [100, 750, 10, 2],
    [250, 750, 10, 4],
    // rules page: 250/750 -> 4 of 10
    // band edges: (0,10] -> 1, (10,20] -> 2, ..., (90,100] -> 10
    [0, 100, 10, 0],
    [1, 100, 10, 1],
    [10, 100, 10, 1],
    [11, 100, 10, 2],
    [101, 1000, 10, 2], // 10.1% is above 10%: band 2
    [20, 100, 20, 4],
    [90, 100, 10, 9],
    [91, 100, 10, 10],
    [100, 100, 10, 10],
    [1, 1, 20, 20],
    [5, 5, 0, 0], // e-Prescribing: weight 0
    [0, 0, 10, 0], // excluded 0/0
  ])("%i/%i at weight %i -> %i", (num, den, weight, points) => {
    expect(pointsForRate(num, den, weight)).toBe(points);
  });

  it("stays exact for counts beyond floating-point comfort", () => {
    const den = 10 * 2 ** 49; // ~5.6e15: floating-point division would round 90% + 1/den to 90%
    expect(performanceBand(9 * 2 ** 49, den)).toBe(9); // exactly 90%
    expect(performanceBand(9 * 2 ** 49 + 1, den)).toBe(10); // just above 90%
    expect(performanceBand(den - 1, den)).toBe(10);
    expect(performanceBand(1, Number.MAX_SAFE_INTEGER)).toBe(1);
    expect(performanceBand(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBe(10);
  });

  it("refuses negative, fractional or inconsistent counts and weights that are not multiples of 10", () => {
    expect(() => pointsForRate(-1, 10, 10)).toThrow(/numerator must be a whole number >= 0/);
    expect(() => pointsForRate(1.5, 10, 10)).toThrow(AppError);
    expect(() => pointsForRate(11, 10, 10)).toThrow(/numerator 11 must not exceed denominator 10/);
    expect(() => pointsForRate(1, 10, 15)).toThrow(/multiple of 10/);
  });
});

describe("nextBandNumerator", () => {
  it.each([
    [72, 100, 81], // band 8 -> band 9 needs > 80%
    [0, 100, 1],
    [10, 100, 11],
    [250, 750, 301], // 33.3% (band 4) -> 301/750 = 40.13% (band 5)
    [650, 750, 676], // 86.7% (band 9) -> 676/750 = 90.13% (band 10)
    [1, 3, 2], // 33% band 4 -> 2/3 = 67% band 7 (small denominators skip bands)
    [0, 1, 1],
  ])("%i/%i -> %i", (num, den, next) => {
    expect(nextBandNumerator(num, den)).toBe(next);
    expect(performanceBand(next, den)).toBeGreaterThan(performanceBand(num, den));
    if (next - 1 >= num) expect(performanceBand(next - 1, den)).toBe(performanceBand(num, den));
  });

  it("is null at the top band and for 0/0", () => {
    expect(nextBandNumerator(91, 100)).toBeNull();
    expect(nextBandNumerator(100, 100)).toBeNull();
    expect(nextBandNumerator(0, 0)).toBeNull();
  });
});

describe("formatRate", () => {
  it("truncates to two decimals and never shows more than earned", () => {
    expect(formatRate(250, 750)).toBe("33.33%");
    expect(formatRate(650, 750)).toBe("86.66%");
    expect(formatRate(72, 100)).toBe("72.00%");
    expect(formatRate(1, 1)).toBe("100.00%");
    expect(formatRate(0, 0)).toBe("n/a (0/0)");
  });
});
