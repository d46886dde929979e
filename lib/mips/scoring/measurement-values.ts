/**
 * The measurements of a scoring input as a Map. The scorers read each measure by id many times per
 * scoring; a Map answers faster than an object whose keys come in a different order per submission.
 */
import type { MeasurementValue, ValidPiScoringInput } from "./types";

/** The measurements of a scoring input by id (its own enumerable keys, as validation reads them). */
export function measurementValuesOf(input: ValidPiScoringInput): ReadonlyMap<string, MeasurementValue> {
  if (input.measurementValues) return input.measurementValues;
  const values = new Map<string, MeasurementValue>();
  for (const id of Object.keys(input.measurements)) values.set(id, input.measurements[id] as MeasurementValue);
  return values;
}

/** The input with its measurements' Map attached, so every step of one scoring reads the same Map. */
export function withMeasurementValues(input: ValidPiScoringInput): ValidPiScoringInput {
  return input.measurementValues ? input : { ...input, measurementValues: measurementValuesOf(input) };
}
