/**
 * The band arithmetic stays exact where floating point does not (lib/mips/scoring/bands.ts): fixed
 * counterexamples of a float implementation, and a fast-check property against a BigInt reference with
 * its seed printed (replay a failure with FC_SEED=<seed>).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { performanceBand } from "../../../lib/mips";

/** ceil(10 x num / den) in BigInt, 0 for a 0 numerator: the rule (rules page 6.4) without any rounding. */
function referenceBand(numerator: number, denominator: number): number {
  if (numerator === 0) return 0;
  const ten = 10n * BigInt(numerator);
  const d = BigInt(denominator);
  return Number((ten + d - 1n) / d);
}

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe("performanceBand with counts near Number.MAX_SAFE_INTEGER", () => {
  it.each([
    // 9007199254740990/9007199254740991 is just under 100%: ceil(10 x 0.99999...) = 10. In floating point,
    // 10 x 9007199254740990 / 9007199254740991 rounds to exactly 10.0, and the "is it exact?" check
    // 10 x 9007199254740990 != 10 x 9007199254740991 then adds one: band 11, which does not exist.
    [9007199254740990, 9007199254740991, 10],
    // Just over 90% (90% of the denominator is 8106479329266891.9): 10 x n / d = 9.0000000000000001...,
    // which floats round to 9.0, losing the started band.
    [8106479329266892, 9007199254740991, 10],
    // Exactly 90% (9007199254740990 x 9 / 10 = 8106479329266891): band 9, not 10.
    [8106479329266891, 9007199254740990, 9],
    [1, 9007199254740991, 1],
  ])("%i/%i -> band %i", (numerator, denominator, band) => {
    expect(referenceBand(numerator, denominator)).toBe(band);
    expect(performanceBand(numerator, denominator)).toBe(band);
  });

  it(`equals the BigInt reference for any counts up to MAX_SAFE_INTEGER (fast-check seed ${seed})`, () => {
    console.log(`bands-exact: fast-check seed ${seed} (replay with FC_SEED=${seed})`);
    const big = fc.bigInt({ min: 1n, max: BigInt(Number.MAX_SAFE_INTEGER) }).map(Number);
    const proportion = fc.oneof(
      // anywhere in the safe range
      fc.tuple(big, big).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
      // close to a band edge of a huge denominator: k tenths of it, plus or minus a little
      fc.tuple(fc.bigInt({ min: 2n ** 40n, max: BigInt(Number.MAX_SAFE_INTEGER) }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: -3, max: 3 })).map(([d, k, delta]) => {
        const n = Number((d * BigInt(k)) / 10n) + delta;
        return [Math.min(Math.max(n, 0), Number(d)), Number(d)];
      }),
    );
    fc.assert(
      fc.property(proportion, ([numerator, denominator]) => {
        expect(performanceBand(numerator!, denominator!)).toBe(referenceBand(numerator!, denominator!));
      }),
      { seed, numRuns: 2000 },
    );
  });
});
