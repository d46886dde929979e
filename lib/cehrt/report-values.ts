/**
 * The values of one measure report (manual entry, CSV, QRDA III, QPP JSON all end here) and the rules
 * they must follow before they are stored: measures of the report's year from CMS's catalog, yes/no vs
 * numerator/denominator as the catalog says, whole counts >= 0, numerator <= denominator, an exclusion
 * claimed only with 0/0 on the measure it excuses (rules 6.3), and a performance period of at least 90
 * consecutive days inside the year (rules 6.1). Framework-free; the zod schemas serve router and form.
 */
import { z } from "zod";
import type { Issue } from "../errors";
import { PERFORMANCE_YEARS, type PerformanceYear, findMeasure, isPerformanceYear, piCategoryName } from "../mips/catalog";
import { minimumPerformancePeriodDays, performancePeriodDays, performancePeriodIssues } from "../mips/scoring/period";
import type { Measurement, MeasurementSet } from "../mips/submission";

/** A stored value: numerator/denominator for proportion measures, yesNo for the others. */
export interface ReportValue {
  measureId: string;
  numerator?: number | null | undefined;
  denominator?: number | null | undefined;
  yesNo?: boolean | null | undefined;
}

const count = z
  .number({ error: "expected a whole number >= 0" })
  .int("expected a whole number, not a fraction")
  .min(0, "expected a whole number >= 0, not a negative count")
  .max(2_000_000_000, "expected a count below 2,000,000,000");

export const reportValueSchema = z.object({
  measureId: z.string().trim().min(1, "expected a measure id"),
  numerator: count.nullish(),
  denominator: count.nullish(),
  yesNo: z.boolean().nullish(),
});

export const isoDateSchema = z.iso.date("expected a date YYYY-MM-DD");

/** Period problems: dates that are not dates, outside the year, reversed, or shorter than the year's minimum (90 days; 180 from 2024). */
export function reportPeriodIssues(year: number, start: string, end: string): Issue[] {
  const issues = performancePeriodIssues(year, start, end);
  if (issues.length > 0 || !isPerformanceYear(year)) return issues;
  const days = performancePeriodDays(start, end);
  const minimum = minimumPerformancePeriodDays(year);
  if (days < minimum) {
    issues.push({
      path: "performanceEnd",
      message: `the performance period ${start}..${end} is ${days} days; PI in ${year} needs at least ${minimum} consecutive days inside the year`,
    });
  }
  return issues;
}

/** Where a value's problem is reported: the manual form uses `values.<measureId>.numerator`. */
export type ValuePath = (measureId: string, field: "measureId" | "numerator" | "denominator" | "yesNo") => string;

const defaultPath: ValuePath = (measureId, field) => `values.${measureId}.${field}`;

/** Every problem of a report's values for `year`, each with its path and what is expected. */
export function reportValueIssues(year: number, values: readonly ReportValue[], pathOf: ValuePath = defaultPath): Issue[] {
  const issues: Issue[] = [];
  if (!isPerformanceYear(year)) {
    return [{ path: "performanceYear", message: `performance year ${year} is not supported (expected ${PERFORMANCE_YEARS.join(" or ")})` }];
  }
  const seen = new Set<string>();
  const byId = new Map(values.map((v) => [v.measureId, v]));
  for (const v of values) {
    if (seen.has(v.measureId)) issues.push({ path: pathOf(v.measureId, "measureId"), message: `measure ${v.measureId} is given more than once` });
    seen.add(v.measureId);
    const measure = findMeasure(year, v.measureId);
    if (!measure) {
      const other = PERFORMANCE_YEARS.find((y) => y !== year && findMeasure(y, v.measureId));
      issues.push({
        path: pathOf(v.measureId, "measureId"),
        message: other
          ? `measure ${v.measureId} belongs to performance year ${other}, not ${year}`
          : `unknown measure ${v.measureId}: not a ${piCategoryName(year).toUpperCase()} measure of ${year} in CMS's catalog`,
      });
      continue;
    }
    if (measure.metricType === "boolean") {
      if (typeof v.yesNo !== "boolean") issues.push({ path: pathOf(v.measureId, "yesNo"), message: `${v.measureId} (${measure.title}) is yes/no: expected yes or no` });
      if (v.numerator != null || v.denominator != null) {
        issues.push({ path: pathOf(v.measureId, "numerator"), message: `${v.measureId} is yes/no: leave numerator and denominator empty` });
      }
      continue;
    }
    if (v.yesNo != null) issues.push({ path: pathOf(v.measureId, "yesNo"), message: `${v.measureId} is a numerator/denominator measure: leave yes/no empty` });
    for (const field of ["numerator", "denominator"] as const) {
      const n = v[field];
      if (n == null) issues.push({ path: pathOf(v.measureId, field), message: `${v.measureId}: the ${field} is required (a whole number >= 0)` });
      else if (!Number.isInteger(n) || n < 0) issues.push({ path: pathOf(v.measureId, field), message: `${v.measureId}: the ${field} must be a whole number >= 0, not ${n}` });
    }
    if (v.numerator != null && v.denominator != null && v.numerator > v.denominator) {
      issues.push({
        path: pathOf(v.measureId, "numerator"),
        message: `${v.measureId}: numerator ${v.numerator} exceeds denominator ${v.denominator} (expected numerator <= denominator)`,
      });
    }
  }
  // Rules 6.3: a claimed exclusion goes with 0/0 on the measure it excuses.
  for (const v of values) {
    const measure = findMeasure(year, v.measureId);
    if (measure?.kind !== "exclusion" || v.yesNo !== true || !measure.excludesMeasureId) continue;
    const excused = byId.get(measure.excludesMeasureId);
    if (excused && (excused.numerator !== 0 || excused.denominator !== 0) && (excused.numerator != null || excused.denominator != null)) {
      issues.push({
        path: pathOf(measure.excludesMeasureId, "numerator"),
        message: `${measure.excludesMeasureId}: the exclusion ${measure.measureId} is claimed, so report 0/0 (got ${excused.numerator ?? "?"}/${excused.denominator ?? "?"})`,
      });
    }
  }
  return issues;
}

/** Stored values as QPP measurements (yes/no as a boolean, else { numerator, denominator }). */
export function toMeasurements(values: readonly ReportValue[]): Measurement[] {
  return values.map((v) => ({
    measureId: v.measureId,
    value: typeof v.yesNo === "boolean" ? v.yesNo : { numerator: v.numerator ?? 0, denominator: v.denominator ?? 0 },
  }));
}

/** QPP measurements as stored values. */
export function fromMeasurements(measurements: readonly Measurement[]): ReportValue[] {
  return measurements.map((m) =>
    typeof m.value === "boolean"
      ? { measureId: m.measureId, yesNo: m.value, numerator: null, denominator: null }
      : { measureId: m.measureId, yesNo: null, numerator: m.value.numerator, denominator: m.value.denominator },
  );
}

/** A PI measurement set for a report, as CMS's JSON has it (plus our cehrtId extension). */
export function reportMeasurementSet(
  year: PerformanceYear,
  report: { performanceStart: string; performanceEnd: string; cehrtId?: string | null | undefined },
  values: readonly ReportValue[],
): MeasurementSet {
  return {
    category: piCategoryName(year),
    submissionMethod: "electronicHealthRecord",
    performanceStart: report.performanceStart,
    performanceEnd: report.performanceEnd,
    measurements: toMeasurements(values),
    ...(report.cehrtId ? { cehrtId: report.cehrtId } : {}),
  };
}
