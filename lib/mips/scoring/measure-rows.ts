/**
 * Builds the per-measure rows of one measure set: what was reported, the rate and band, and the
 * performance points (rules page 6.3-6.4). Whether the points count (prerequisites) is decided by the caller.
 */
import type { PiMeasure } from "../catalog";
import { formatRate, nextBandNumerator, performanceBand, pointsForRate } from "./bands";
import type { MeasureRow, MeasurementValue } from "./types";

/** Display order: attestations, Security Risk Analysis, base measures, other measures, registries, exclusions, bonus. */
const KIND_ORDER: Record<PiMeasure["kind"], number> = {
  attestation: 0,
  securityRiskAnalysis: 1,
  proportion: 2,
  yesNo: 3,
  registry: 4,
  exclusion: 5,
  iaBonus: 6,
};

export function rowOrder(measure: PiMeasure): number {
  const base = KIND_ORDER[measure.kind];
  return measure.kind === "proportion" && !measure.isRequired ? base + 1 : base;
}

export function yesNoRow(measure: PiMeasure, value: boolean | undefined, note: string, points = 0, maxPoints = 0): MeasureRow {
  return {
    measureId: measure.measureId,
    title: measure.title,
    kind: measure.kind,
    value: value ?? null,
    numerator: null,
    denominator: null,
    rate: null,
    band: null,
    points,
    maxPoints,
    status: value === undefined ? "missing" : value ? "yes" : "no",
    note,
  };
}

/** A numerator/denominator row; `excluded` rows earn 0 performance points (CMS: "receive a 0% Performance score"). */
export function proportionRow(
  measure: PiMeasure,
  value: MeasurementValue | undefined,
  excluded: boolean,
  note: string,
): MeasureRow {
  const counts = typeof value === "object" ? value : undefined;
  // Object literals with every key in one place, in the order of every other row (yesNoRow, and the 2019+
  // rows of performance-based.ts), the optional key before `status`: rows of every year then share three
  // shapes, and the code reading them (report rows, explanation) stays fast.
  if (excluded) {
    return {
      measureId: measure.measureId,
      title: measure.title,
      kind: measure.kind,
      value: null,
      numerator: counts?.numerator ?? null,
      denominator: counts?.denominator ?? null,
      rate: counts ? formatRate(counts.numerator, counts.denominator) : null,
      band: counts ? performanceBand(counts.numerator, counts.denominator) : null,
      points: 0,
      maxPoints: 0,
      excluded: true,
      status: "excluded",
      note,
    };
  }
  if (!counts) {
    return {
      measureId: measure.measureId,
      title: measure.title,
      kind: measure.kind,
      value: null,
      numerator: null,
      denominator: null,
      rate: null,
      band: null,
      points: 0,
      maxPoints: measure.weight,
      status: "missing",
      note,
    };
  }
  const rate = formatRate(counts.numerator, counts.denominator);
  const band = performanceBand(counts.numerator, counts.denominator);
  const points = pointsForRate(counts.numerator, counts.denominator, measure.weight);
  if (measure.weight > 0) {
    return {
      measureId: measure.measureId,
      title: measure.title,
      kind: measure.kind,
      value: null,
      numerator: counts.numerator,
      denominator: counts.denominator,
      rate,
      band,
      points,
      maxPoints: measure.weight,
      nextBandNumerator: nextBandNumerator(counts.numerator, counts.denominator),
      status: "scored",
      note,
    };
  }
  return {
    measureId: measure.measureId,
    title: measure.title,
    kind: measure.kind,
    value: null,
    numerator: counts.numerator,
    denominator: counts.denominator,
    rate,
    band,
    points,
    maxPoints: measure.weight,
    status: "scored",
    note,
  };
}
