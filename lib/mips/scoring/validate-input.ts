/**
 * Checks plain scoring input against the year's catalog and reports every problem at once, each naming
 * the measure id or field: unknown measure ids, measures of another year, a yes/no value on a
 * numerator/denominator measure (or the reverse), negative or fractional counts, numerator > denominator,
 * dates that are not dates, a period outside the year, a start after the end.
 */
import { badInput, type Issue } from "../../errors";
import { findMeasure, isPerformanceYear, unknownMeasureMessage } from "../catalog";
import { yearFacts } from "../years/index";
import { unsupportedYearMessage } from "../years";
import { CEHRT_EDITIONS } from "../identifiers";
import { performancePeriodIssues } from "./period";
import type { PiScoringInput, ValidPiScoringInput } from "./types";

function countIssue(value: unknown): string | null {
  if (typeof value !== "number" || Number.isNaN(value)) return "expected a whole number >= 0";
  if (value < 0) return `expected a whole number >= 0, not a negative count (${value})`;
  if (!Number.isInteger(value)) return `expected a whole number, not a fraction (${value})`;
  if (!Number.isSafeInteger(value)) return `count ${value} is too large`;
  return null;
}

export function scoringInputIssues(input: PiScoringInput): Issue[] {
  const year = input.performanceYear;
  if (!isPerformanceYear(year)) {
    return [{ path: "performanceYear", message: unsupportedYearMessage(year) }];
  }
  const issues: Issue[] = [];
  if (input.cehrtEdition !== null && !CEHRT_EDITIONS.includes(input.cehrtEdition)) {
    issues.push({ path: "cehrtEdition", message: `"${String(input.cehrtEdition)}" is not a CEHRT edition (expected ${CEHRT_EDITIONS.join(", ")} or null)` });
  }
  issues.push(...performancePeriodIssues(year, input.performanceStart, input.performanceEnd));
  for (const [measureId, value] of Object.entries(input.measurements)) {
    const path = `measurements.${measureId}`;
    const measure = findMeasure(year, measureId);
    if (!measure) {
      issues.push({ path, message: unknownMeasureMessage(year, measureId) });
      continue;
    }
    const proportionAllowed = yearFacts(year).pi?.proportionAcceptedAsYes.includes(measureId) ?? false;
    if (measure.metricType === "boolean" && !(proportionAllowed && typeof value === "object")) {
      if (typeof value !== "boolean") issues.push({ path, message: `measure "${measureId}" is yes/no: expected true or false` });
      continue;
    }
    if (typeof value !== "object" || value === null) {
      issues.push({ path, message: `measure "${measureId}" is a proportion: expected { numerator, denominator }` });
      continue;
    }
    const numeratorProblem = countIssue(value.numerator);
    const denominatorProblem = countIssue(value.denominator);
    if (numeratorProblem) issues.push({ path: `${path}.numerator`, message: `measure "${measureId}": ${numeratorProblem}` });
    if (denominatorProblem) issues.push({ path: `${path}.denominator`, message: `measure "${measureId}": ${denominatorProblem}` });
    if (!numeratorProblem && !denominatorProblem && value.numerator > value.denominator) {
      issues.push({ path: `${path}.numerator`, message: `measure "${measureId}": numerator ${value.numerator} exceeds denominator ${value.denominator}` });
    }
  }
  return issues;
}

/** The input, typed as valid, or one BAD_INPUT error listing every problem (the message names the first). */
export function validateScoringInput(input: PiScoringInput): ValidPiScoringInput {
  const issues = scoringInputIssues(input);
  if (issues.length === 0) return input as ValidPiScoringInput;
  const first = issues[0] as Issue;
  const message =
    issues.length === 1
      ? `invalid PI scoring input: ${first.path}: ${first.message}`
      : `invalid PI scoring input (${issues.length} problems)`;
  throw badInput(message, issues);
}
