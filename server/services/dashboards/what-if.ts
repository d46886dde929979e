/**
 * What-if on a TIN's group submission: change measure numerators (denominators) or yes/no answers (a
 * bonus registry, Improvement Activities using CEHRT, an attestation) and re-score with `scoreSubmission`.
 * Nothing is saved: the overrides apply to the aggregated submission in memory. Server-side because the
 * scorer needs the CMS measure catalog, which is too large to ship to the browser.
 */
import type { Db } from "@/db/client";
import { badInput, type Issue } from "@/lib/errors";
import { findMeasure, isPerformanceYear, isPiMeasurementSet, piCategoryName, scoreSubmission, type MeasurementSet, type Submission } from "@/lib/mips";
import { summedTinAggregation } from "../cehrt/product-sources";
import { reweightingSummaries } from "../roster/tin-summary";
import type { OrgScope } from "../scope";
import { groupSummary, summarizeScore } from "./summary";
import { measureRows } from "./tin";

export interface MeasureOverride {
  measureId: string;
  numerator?: number | undefined;
  denominator?: number | undefined;
  yesNo?: boolean | undefined;
}

export interface WhatIfParams {
  tinId: string;
  performanceYear: number;
  overrides: MeasureOverride[];
}

/** The submission with the overrides applied to its PI/ACI set; every problem named with its override. */
export function applyOverrides(submission: Submission, overrides: readonly MeasureOverride[]): Submission {
  const year = submission.performanceYear;
  if (!isPerformanceYear(year)) throw badInput(`No scoring rules for ${year}.`);
  const category = piCategoryName(year);
  const issues: Issue[] = [];
  // Only the PI set changes; quality and IA sets ride along as they are.
  const sets = submission.measurementSets.map((set) => (isPiMeasurementSet(set) ? { ...set, measurements: set.measurements.map((m) => ({ ...m })) } : set));
  const target = sets.find((s): s is MeasurementSet => s.category === category);
  if (!target) throw badInput("The TIN's data has no PI measurement set to change.");
  overrides.forEach((o, i) => {
    const at = `overrides.${i}`;
    const measure = findMeasure(year, o.measureId);
    if (!measure) return issues.push({ path: `${at}.measureId`, message: `unknown measure "${o.measureId}" for ${year}` });
    const existing = target.measurements.find((m) => m.measureId === o.measureId);
    if (measure.metricType === "boolean") {
      if (o.yesNo === undefined) return issues.push({ path: `${at}.yesNo`, message: `${o.measureId} is a yes/no measure: give yes or no` });
      if (existing) existing.value = o.yesNo;
      else target.measurements.push({ measureId: o.measureId, value: o.yesNo });
      return;
    }
    const current = existing && typeof existing.value === "object" ? existing.value : null;
    const numerator = o.numerator ?? current?.numerator;
    const denominator = o.denominator ?? current?.denominator;
    if (numerator === undefined || denominator === undefined) return issues.push({ path: `${at}.numerator`, message: `${o.measureId} is not in the data: give both numerator and denominator` });
    if (numerator > denominator) return issues.push({ path: `${at}.numerator`, message: `${o.measureId}: numerator ${numerator} must not exceed the denominator ${denominator}` });
    const value = { numerator, denominator };
    if (existing) existing.value = value;
    else target.measurements.push({ measureId: o.measureId, value });
  });
  if (issues.length > 0) throw badInput(`The what-if cannot be scored (${issues.length} problem(s)).`, issues);
  return { ...submission, measurementSets: sets };
}

export async function whatIf(db: Db, scope: OrgScope, params: WhatIfParams) {
  // The group's data from its product sums (the rollups), the 100% rule from the TIN's summary: the same
  // figures as the TIN dashboard's without reading every clinician's values or membership.
  const [{ aggregation }, statuses] = await Promise.all([
    summedTinAggregation(db, scope, { tinId: params.tinId, performanceYear: params.performanceYear }),
    reweightingSummaries(db, scope, [params.tinId], params.performanceYear),
  ]);
  const submission = aggregation.result?.submission;
  if (!submission) {
    throw badInput("There is no aggregated group data for this TIN to change.", aggregation.problems.length ? aggregation.problems : [{ path: "reports", message: "no data for the period" }]);
  }
  const changed = applyOverrides(submission, params.overrides);
  const score = scoreSubmission(changed, "what-if");
  return {
    before: { ...groupSummary(aggregation, statuses.get(params.tinId)!.groupQualifiesForReweighting), measures: measureRows(aggregation.score) },
    after: { ...summarizeScore(score, changed, []), measures: measureRows(score), bonuses: score.bonuses, explanation: score.explanation },
  };
}
