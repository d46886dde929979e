/**
 * The best reporting window of a TIN (lib/mips/best-window.ts) from its stored reports: each distinct
 * period of the reports is a slice, aggregated across clinicians and CEHRT products as the group
 * submission is (lib aggregation); every run of whole slices covering the year's minimum period is
 * scored as a group submission (scoreSubmission) and the best is shown against the full span.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tins } from "@/db/schema";
import { bestReportingWindow, type DataSlice, type SliceValue } from "@/lib/mips/best-window";
import { scoreSubmission, type Submission } from "@/lib/mips";
import { isPiMeasurementSet } from "@/lib/mips/submission";
import { isPerformanceYear } from "@/lib/mips/years";
import { badInput } from "@/lib/errors";
import type { OrgScope } from "../scope";
import { aggregateReports } from "./aggregation";
import { notFound } from "./access";
import { loadReports, periodKey } from "./load";

function sliceValues(submission: Submission): Record<string, SliceValue> {
  const out: Record<string, SliceValue> = {};
  for (const set of submission.measurementSets.filter(isPiMeasurementSet)) {
    for (const m of set.measurements) out[m.measureId] = typeof m.value === "boolean" ? { yesNo: m.value } : { numerator: m.value.numerator, denominator: m.value.denominator };
  }
  return out;
}

export async function tinBestWindow(db: Db, scope: OrgScope, params: { tinId: string; performanceYear: number }) {
  const year = params.performanceYear;
  if (!isPerformanceYear(year)) throw badInput(`performance year ${year} is not supported`, [{ path: "performanceYear", message: "not supported" }]);
  const [tin] = await db.select({ id: tins.id }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), eq(tins.id, params.tinId)));
  if (!tin) throw notFound("TIN");
  const reports = await loadReports(db, scope, { tinIds: [tin.id], performanceYear: year });
  const periods = [...new Set(reports.map(periodKey))].sort();
  const slices: DataSlice[] = [];
  let template: Submission | null = null;
  const problems: string[] = [];
  for (const key of periods) {
    const [start, end] = key.split("..") as [string, string];
    const agg = aggregateReports(reports, { start, end }, undefined, { score: false });
    if (!agg.result) {
      problems.push(`${start} to ${end}: ${agg.problems.map((p) => p.message).join("; ") || "does not aggregate"}`);
      continue;
    }
    template ??= agg.result.submission;
    slices.push({ start, end, values: sliceValues(agg.result.submission) });
  }
  const result = bestReportingWindow({
    performanceYear: year,
    slices,
    score: (values, window) => {
      if (!template) return null;
      const submission: Submission = {
        ...template,
        measurementSets: template.measurementSets.filter(isPiMeasurementSet).map((set) => ({
          ...set,
          performanceStart: window.start,
          performanceEnd: window.end,
          measurements: Object.entries(values).map(([measureId, v]) => ({ measureId, value: "yesNo" in v ? v.yesNo : { numerator: v.numerator, denominator: v.denominator } })),
        })),
      };
      try {
        return scoreSubmission(submission, "window").score?.total ?? null;
      } catch {
        return null;
      }
    },
  });
  const strip = (w: { start: string; end: string; days: number; score: number | null } | null) => (w ? { start: w.start, end: w.end, days: w.days, score: w.score === null ? null : Math.min(100, w.score) } : null);
  return result.splittable
    ? { splittable: true as const, minimumDays: result.minimumDays, best: strip(result.best), fullSpan: strip(result.fullYear), windowCount: result.windows.length, slices: slices.length, problems }
    : { splittable: false as const, reason: result.reason, problems };
}
