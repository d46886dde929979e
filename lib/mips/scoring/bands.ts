/**
 * Performance-rate bands of the 2017-2018 PI/ACI performance score, in integer arithmetic only.
 *
 * CMS (2018 PI presentation, "Performance Score – Performance Rates"): a rate of >0-10% earns 1 tenth of
 * the measure's weight, 11-20% 2 tenths, ..., 91-100% 10 tenths; 72/100 -> 8 of 10. Bands are read as the
 * half-open intervals (0,10], (10,20], ..., (90,100], i.e. band = ceil(10 x num / den): a rate of 10.4%
 * is above 10% and so earns band 2 (rules page 6.4, "per started ten percent").
 */
import { badInput } from "../../errors";

/** The highest band: a rate above 90%. */
export const TOP_BAND = 10;

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw badInput(`${what} must be a whole number >= 0 (got ${String(value)})`);
  }
}

function assertProportion(numerator: number, denominator: number): void {
  assertCount(numerator, "numerator");
  assertCount(denominator, "denominator");
  if (numerator > denominator) {
    throw badInput(`numerator ${numerator} must not exceed denominator ${denominator}`);
  }
}

/**
 * floor(a x b / c) for non-negative safe integers (c > 0), exactly. Floating-point division is exact
 * enough only while 1/c exceeds the quotient's rounding error (quotient < 2^20, c < 2^32); beyond that,
 * BigInt. Real PI counts never get there, but a rule engine must not misplace a band on rounding.
 */
function mulDivFloor(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product) && c < 2 ** 32 && product < c * 2 ** 20) return Math.floor(product / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/**
 * The band of a rate num/den: 0 when the numerator is 0 (or 0/0, an excluded measure), else
 * ceil(10 x num / den), from 1 (>0-10%) to 10 (91-100%).
 */
export function performanceBand(numerator: number, denominator: number): number {
  assertProportion(numerator, denominator);
  if (numerator === 0) return 0;
  // ceil(10n / d) = floor(10n / d), plus 1 unless d divides 10n exactly.
  const floorBand = mulDivFloor(10, numerator, denominator);
  const covered = floorBand * denominator;
  const exact = Number.isSafeInteger(covered) && Number.isSafeInteger(10 * numerator)
    ? covered === 10 * numerator
    : BigInt(floorBand) * BigInt(denominator) === 10n * BigInt(numerator);
  return exact ? floorBand : floorBand + 1;
}

/**
 * Performance points of a numerator/denominator measure of the given weight (10 or 20 in 2017-2018):
 * band x weight / 10. Integers only: a weight that is not a multiple of 10 is refused rather than rounded.
 * Examples (CMS): 72/100 at weight 10 -> 8; 250/750 at weight 20 -> 8; 650/750 at weight 20 -> 18.
 */
export function pointsForRate(numerator: number, denominator: number, weight: number): number {
  if (!Number.isSafeInteger(weight) || weight < 0 || weight % 10 !== 0) {
    throw badInput(`measure weight must be a whole multiple of 10 (got ${String(weight)})`);
  }
  return (performanceBand(numerator, denominator) * weight) / 10;
}

/**
 * The smallest numerator (same denominator) that reaches a higher band than num/den, or null at the top
 * band or when no band can be reached (0/0). Band b+1 needs 10 x n / den > b, so n = floor(b x den / 10) + 1.
 * For small denominators this may skip bands (1/3 is band 4; 2/3 is band 7).
 */
export function nextBandNumerator(numerator: number, denominator: number): number | null {
  const band = performanceBand(numerator, denominator);
  if (band >= TOP_BAND || denominator === 0) return null;
  const next = mulDivFloor(band, denominator, 10) + 1;
  return next <= denominator ? next : null;
}

/**
 * The rate as text for people, truncated (never rounded up) to two decimals so that it never shows a
 * higher percentage than earned: 250/750 -> "33.33%", 72/100 -> "72.00%", 0/0 -> "n/a (0/0)".
 */
export function formatRate(numerator: number, denominator: number): string {
  assertProportion(numerator, denominator);
  if (denominator === 0) return "n/a (0/0)";
  const hundredths = mulDivFloor(10000, numerator, denominator);
  const whole = Math.floor(hundredths / 100);
  const fraction = String(hundredths % 100).padStart(2, "0");
  return `${whole}.${fraction}%`;
}
