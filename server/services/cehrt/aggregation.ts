/**
 * Per TIN and year: how the TIN reports (individual, group, virtual group) and its one performance
 * period; the group submission built by lib/ aggregation (`aggregateSubmissions`, rules 6.7) over every
 * stored report of that period across NPIs and products; reports of other periods listed as excluded
 * with the reason; lineage from each aggregated number to its reports, files and products; the group
 * score from `scoreSubmission`.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tinReportingChoices, tins, type ReportingMode } from "@/db/schema";
import { reportPeriodIssues } from "@/lib/cehrt/report-values";
import { AppError, badInput, type Issue } from "@/lib/errors";
import { aggregateSubmissions, type AggregationResult } from "@/lib/mips/aggregation";
import { formatTin, scoreSubmission, type Submission, type SubmissionScoreReport } from "@/lib/mips";
import type { MeasureValue } from "@/lib/mips/lineage";
import { recordAudit, staleVersionMessage } from "../audit";
import { assertReportingModeAllowed } from "../roster/virtual-group-reporting";
import type { OrgScope } from "../scope";
import { isUniqueViolation, notFound, versionMatches } from "./access";
import { loadReports, periodKey, reportLabel, reportSubmission, type StoredReport } from "./load";

export async function getReportingChoice(db: Db, scope: OrgScope, params: { tinId: string; performanceYear: number }) {
  const [row] = await db
    .select()
    .from(tinReportingChoices)
    .where(and(eq(tinReportingChoices.organizationId, scope.organizationId), eq(tinReportingChoices.tinId, params.tinId), eq(tinReportingChoices.performanceYear, params.performanceYear)));
  return row ?? null;
}

/** The reporting choices of several TINs in a year, in one query (a virtual group's members). */
export async function getReportingChoices(db: Db, scope: OrgScope, params: { tinIds: readonly string[]; performanceYear: number }) {
  if (params.tinIds.length === 0) return [];
  return db
    .select()
    .from(tinReportingChoices)
    .where(
      and(
        eq(tinReportingChoices.organizationId, scope.organizationId),
        inArray(tinReportingChoices.tinId, [...params.tinIds]),
        eq(tinReportingChoices.performanceYear, params.performanceYear),
      ),
    );
}

export interface ReportingChoiceParams {
  tinId: string;
  performanceYear: number;
  mode: ReportingMode;
  performanceStart?: string | null | undefined;
  performanceEnd?: string | null | undefined;
  /** The version the form was opened with; absent when there was no choice yet. */
  expectedVersion?: number | null | undefined;
}

export async function setReportingChoice(db: Db, scope: OrgScope, params: ReportingChoiceParams) {
  const start = params.performanceStart || null;
  const end = params.performanceEnd || null;
  const issues: Issue[] = [];
  if ((start === null) !== (end === null)) issues.push({ path: start ? "performanceEnd" : "performanceStart", message: "give both the first and the last day of the period, or neither" });
  else if (start && end) issues.push(...reportPeriodIssues(params.performanceYear, start, end));
  if (issues.length > 0) throw badInput("The reporting choice cannot be saved.", issues);
  return db.transaction(async (tx) => {
    const [tin] = await tx.select({ id: tins.id }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), eq(tins.id, params.tinId)));
    if (!tin) throw notFound("TIN");
    await assertReportingModeAllowed(tx, scope, params);
    const before = await getReportingChoice(tx, scope, params);
    if (before) {
      const stale = async () => new AppError("CONFLICT", await staleVersionMessage(tx, scope, "tin_reporting_choice", before.id, "reporting choice"));
      if (!versionMatches(before.version, params.expectedVersion)) throw await stale();
      const [after] = await tx
        .update(tinReportingChoices)
        .set({ mode: params.mode, performanceStart: start, performanceEnd: end, version: sql`${tinReportingChoices.version} + 1`, updatedAt: new Date() })
        .where(and(eq(tinReportingChoices.organizationId, scope.organizationId), eq(tinReportingChoices.id, before.id), eq(tinReportingChoices.version, before.version)))
        .returning();
      if (!after) throw await stale();
      await recordAudit(tx, scope, { action: "tin_reporting_choice.updated", targetType: "tin_reporting_choice", targetId: before.id, before, after });
      return after!;
    }
    const [row] = await tx
      .insert(tinReportingChoices)
      .values({ organizationId: scope.organizationId, tinId: params.tinId, performanceYear: params.performanceYear, mode: params.mode, performanceStart: start, performanceEnd: end })
      .returning()
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new AppError("CONFLICT", "Someone chose how this TIN reports meanwhile. Reload to see it, then apply your change again.");
        throw error;
      });
    await recordAudit(tx, scope, { action: "tin_reporting_choice.created", targetType: "tin_reporting_choice", targetId: row!.id, after: row });
    return row!;
  });
}

export interface LineageContribution {
  reportId: string;
  sourceName: string;
  fileName: string | null;
  npi: string | null;
  product: string | null;
  cehrtId: string | null;
  value: MeasureValue;
}

export interface AggregatedMeasure {
  measureId: string;
  rule: string;
  value: MeasureValue | null;
  explanation: string;
  contributions: LineageContribution[];
  notReportedBy: string[];
}

export interface GroupAggregation {
  period: { start: string; end: string } | null;
  /** Why this period (chosen, or the only one of the stored reports). */
  periodNote: string;
  included: StoredReport[];
  excluded: { report: StoredReport; reason: string }[];
  result: AggregationResult | null;
  measures: AggregatedMeasure[];
  problems: Issue[];
  score: SubmissionScoreReport | null;
  scoreProblems: Issue[];
}

/** The period of the group: the chosen one, else the only period among the reports. */
function pickPeriod(reports: StoredReport[], chosen: { start: string; end: string } | null) {
  if (chosen) return { period: chosen, note: `chosen period ${chosen.start}..${chosen.end}` };
  const periods = [...new Set(reports.map(periodKey))];
  if (periods.length === 1) {
    const [start, end] = periods[0]!.split("..") as [string, string];
    return { period: { start, end }, note: `the only period of the stored reports (choose one to fix it)` };
  }
  return { period: null, note: periods.length === 0 ? "no reports yet" : `the reports cover ${periods.length} periods (${periods.join(", ")}): choose the group's period` };
}

/**
 * Aggregates stored reports with lib/ aggregation. `entity` turns each report's submission into what
 * the lib expects (a TIN's reports as they are; a virtual group's rewritten to the virtual group id).
 */
export function aggregateReports(
  reports: StoredReport[],
  chosen: { start: string; end: string } | null,
  entity?: (s: Submission) => Submission,
  options: { score?: boolean } = {},
): GroupAggregation {
  const { period, note } = pickPeriod(reports, chosen);
  const included = period ? reports.filter((r) => r.performanceStart === period.start && r.performanceEnd === period.end) : [];
  const excluded = reports
    .filter((r) => !included.includes(r))
    .map((r) => ({
      report: r,
      reason: period
        ? `period ${periodKey(r)} differs from the group's ${period.start}..${period.end}: a group reports one performance period, so data of different periods cannot be summed`
        : "no group period chosen",
    }));
  const out: GroupAggregation = { period, periodNote: note, included, excluded, result: null, measures: [], problems: [], score: null, scoreProblems: [] };
  if (included.length === 0) {
    if (period) out.problems.push({ path: "reports", message: `no report covers ${period.start}..${period.end}` });
    else if (reports.length > 0) out.problems.push({ path: "performancePeriod", message: note });
    return out;
  }
  const labels = new Map(included.map((r) => [reportLabel(r), r]));
  try {
    out.result = aggregateSubmissions(included.map((r) => ({ sourceName: reportLabel(r), submission: entity ? entity(reportSubmission(r)) : reportSubmission(r) })));
  } catch (error) {
    if (error instanceof AppError) {
      out.problems.push(...(error.issues.length ? error.issues : [{ path: "aggregation", message: error.message }]));
      return out;
    }
    throw error;
  }
  out.measures = out.result.lineage.measures.map((m) => ({
    measureId: m.measureId,
    rule: m.rule,
    value: m.value,
    explanation: m.explanation,
    notReportedBy: m.notReportedBy,
    contributions: m.contributions.map((c) => {
      const r = labels.get(c.sourceName)!;
      return {
        reportId: r.id,
        sourceName: c.sourceName,
        fileName: r.fileName,
        npi: r.npi,
        product: r.productName ? `${r.vendor} ${r.productName}` : null,
        cehrtId: r.cehrtId,
        value: c.value,
      };
    }),
  }));
  // A caller that scores the submission itself (as an individual's) skips the group scoring.
  if (options.score === false) return out;
  try {
    out.score = scoreSubmission(out.result.submission, "group submission");
  } catch (error) {
    if (error instanceof AppError) out.scoreProblems.push(...(error.issues.length ? error.issues : [{ path: "score", message: error.message }]));
    else throw error;
  }
  return out;
}

/** The TIN's reporting choice and its group aggregation for the year (three queries). */
export async function tinAggregation(db: Db, scope: OrgScope, params: { tinId: string; performanceYear: number }) {
  const [tin] = await db.select({ id: tins.id, tin: tins.tin, name: tins.name }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), eq(tins.id, params.tinId)));
  if (!tin) throw notFound("TIN");
  const [choice, reports] = await Promise.all([getReportingChoice(db, scope, params), loadReports(db, scope, { tinIds: [tin.id], performanceYear: params.performanceYear })]);
  const chosen = choice?.performanceStart && choice.performanceEnd ? { start: choice.performanceStart, end: choice.performanceEnd } : null;
  return { tin: { ...tin, tinDisplay: formatTin(tin.tin) }, choice, aggregation: aggregateReports(reports, chosen) };
}
