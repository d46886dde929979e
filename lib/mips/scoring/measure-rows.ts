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
  const numerator = counts?.numerator ?? null;
  const denominator = counts?.denominator ?? null;
  const row: MeasureRow = {
    measureId: measure.measureId,
    title: measure.title,
    kind: measure.kind,
    value: null,
    numerator,
    denominator,
    rate: counts ? formatRate(counts.numerator, counts.denominator) : null,
    band: counts ? performanceBand(counts.numerator, counts.denominator) : null,
    points: 0,
    maxPoints: measure.weight,
    status: excluded ? "excluded" : counts ? "scored" : "missing",
    note,
  };
  if (excluded) {
    row.excluded = true;
    row.maxPoints = 0;
  } else if (counts) {
    row.points = pointsForRate(counts.numerator, counts.denominator, measure.weight);
    if (measure.weight > 0) row.nextBandNumerator = nextBandNumerator(counts.numerator, counts.denominator);
  }
  return row;
}
