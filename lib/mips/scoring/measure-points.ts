/**
 * Points of a numerator/denominator measure from 2019: performance rate x the measure's points, rounded to
 * the nearest whole number, and at least 1 when the numerator is at least 1 [C] AAO19a, AAO21a, ION19
 * (31% of 10 -> 3, 38% of 10 -> 4). Exactly .5 rounds up: CMS does not say (an assumption the year's
 * explanation states). Integer arithmetic only, so 2 x n x max never meets floating-point error.
 */
import { badInput } from "../../errors";

function assertCount(what: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw badInput(`${what} must be a whole number >= 0 (got ${String(v)})`);
}

function assertCounts(numerator: number, denominator: number, maxPoints: number): void {
  assertCount("numerator", numerator);
  assertCount("denominator", denominator);
  assertCount("points", maxPoints);
  if (numerator > denominator) throw badInput(`numerator ${numerator} must not exceed denominator ${denominator}`);
}

/** round(n x max / d) half up = floor((2 n max + d) / 2d), exactly (BigInt beyond 2^53). */
function roundedShare(numerator: number, denominator: number, maxPoints: number): number {
  const twice = 2 * numerator * maxPoints + denominator;
  if (Number.isSafeInteger(twice) && Number.isSafeInteger(2 * denominator)) return Math.floor(twice / (2 * denominator));
  return Number((2n * BigInt(numerator) * BigInt(maxPoints) + BigInt(denominator)) / (2n * BigInt(denominator)));
}

export function pointsForPerformanceRate(numerator: number, denominator: number, maxPoints: number): number {
  assertCounts(numerator, denominator, maxPoints);
  if (numerator === 0 || denominator === 0 || maxPoints === 0) return 0;
  return Math.max(1, roundedShare(numerator, denominator, maxPoints));
}

/**
 * The smallest numerator (same denominator) that earns one more point, or null at the measure's maximum.
 * Point p+1 needs n x max / d >= p + 0.5, i.e. 2 n max >= (2p + 1) d.
 */
export function nextPointNumerator(numerator: number, denominator: number, maxPoints: number): number | null {
  const points = pointsForPerformanceRate(numerator, denominator, maxPoints);
  if (points >= maxPoints || denominator === 0 || maxPoints === 0) return null;
  // From 0, a numerator of 1 already earns the floor of 1 point.
  if (numerator === 0) return 1;
  const target = (2 * points + 1) * denominator;
  const next = Math.max(numerator + 1, Math.ceil(target / (2 * maxPoints)));
  for (let n = Math.max(numerator + 1, next - 1); n <= denominator; n++) {
    if (pointsForPerformanceRate(n, denominator, maxPoints) > points) return n;
  }
  return null;
}
