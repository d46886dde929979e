/**
 * Live scores from the stored data, computed by lib/mips: per clinician of a TIN (individual: the
 * clinician's reports of one period summed across products) and the TIN's group score (aggregation.ts).
 * Batch-loaded: the TIN's reports and all their values in two queries, whatever the number of clinicians.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tins } from "@/db/schema";
import { AppError, type Issue } from "@/lib/errors";
import { formatTin, scoreSubmission, validateSubmission, type Submission, type SubmissionScoreReport } from "@/lib/mips";
import type { OrgScope } from "../scope";
import { assertClinicianInTin, type DataViewer, notFound, ownClinicianId } from "./access";
import { aggregateReports, getReportingChoice, type GroupAggregation } from "./aggregation";
import { attachValues, loadReportHeaders, reportSubmission, type StoredReport } from "./load";
import { productInfo, productSources } from "./product-sources";
import { productRollups } from "./rollups";

export interface IndividualScore {
  clinicianId: string;
  npi: string;
  name: string;
  aggregation: GroupAggregation;
  /** The individual submission (TIN + NPI), when the clinician's data aggregates. */
  submission: Submission | null;
}

function asIndividual(npi: string) {
  return (s: Submission): Submission => ({ ...s, entityType: "individual", nationalProviderIdentifier: npi });
}

/** One clinician's reports (one period) as an individual submission, scored. */
export function individualAggregation(reports: StoredReport[], chosen: { start: string; end: string } | null): { aggregation: GroupAggregation; submission: Submission | null } {
  const npi = reports[0]?.npi ?? "";
  // The group's chosen period applies when the clinician has data for it; else their own single period.
  const hasChosen = chosen && reports.some((r) => r.performanceStart === chosen.start && r.performanceEnd === chosen.end);
  const aggregation = aggregateReports(reports, hasChosen ? chosen : null, undefined, { score: false });
  if (!aggregation.result) return { aggregation, submission: null };
  const submission = asIndividual(npi)(aggregation.result.submission);
  try {
    aggregation.score = scoreSubmission(submission, `NPI ${npi}`);
    aggregation.scoreProblems = [];
  } catch (error) {
    aggregation.score = null;
    aggregation.scoreProblems = problemsOf(error);
  }
  return { aggregation, submission };
}

function problemsOf(error: unknown): Issue[] {
  if (error instanceof AppError) return error.issues.length ? error.issues : [{ path: "score", message: error.message }];
  throw error;
}

/**
 * Individual scores per clinician and the group score of a TIN in a year; a clinician sees only their own.
 * Clinicians in name then NPI order; with `page` (and `pageSize`, 25) only that page's clinicians are scored
 * (and only their reports' values read); `group: false` leaves the group out (the CEHRT data page shows the
 * group from tinReporting.aggregation), so nothing then reads every report's values.
 */
export async function tinScores(db: Db, scope: OrgScope, viewer: DataViewer, params: { tinId: string; performanceYear: number; page?: number; pageSize?: number; group?: boolean }) {
  const [tin] = await db.select({ id: tins.id, tin: tins.tin, name: tins.name }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), eq(tins.id, params.tinId)));
  if (!tin) throw notFound("TIN");
  const own = await ownClinicianId(db, scope, viewer);
  // A clinician learns nothing about a TIN they do not bill under (not even its number or reporting choice).
  await assertClinicianInTin(db, scope, own, tin.id);
  const [choice, reports] = await Promise.all([getReportingChoice(db, scope, params), loadReportHeaders(db, scope, { tinIds: [tin.id], performanceYear: params.performanceYear })]);
  const chosen = choice?.performanceStart && choice.performanceEnd ? { start: choice.performanceStart, end: choice.performanceEnd } : null;
  const byClinician = new Map<string, StoredReport[]>();
  for (const r of reports) {
    if (!r.clinicianId || (own && r.clinicianId !== own)) continue;
    const list = byClinician.get(r.clinicianId);
    if (list) list.push(r);
    else byClinician.set(r.clinicianId, [r]);
  }
  const ordered = [...byClinician.entries()].sort(([, a], [, b]) => (a[0]!.clinicianName ?? "").localeCompare(b[0]!.clinicianName ?? "") || (a[0]!.npi ?? "").localeCompare(b[0]!.npi ?? ""));
  const pageSize = params.pageSize ?? 25;
  const page = params.page ?? null;
  const shown = page === null ? ordered : ordered.slice((page - 1) * pageSize, page * pageSize);
  const withGroup = !own && params.group !== false;
  await attachValues(db, scope, withGroup ? reports : shown.flatMap(([, list]) => list));
  const individuals: IndividualScore[] = shown.map(([clinicianId, list]) => ({
    clinicianId,
    npi: list[0]!.npi!,
    name: list[0]!.clinicianName ?? "",
    ...individualAggregation(list, chosen),
  }));
  return {
    tin: { ...tin, tinDisplay: formatTin(tin.tin) },
    choice,
    individuals,
    /** Clinicians with data in all (the pages' total). */
    individualsTotal: ordered.length,
    page: page ?? 1,
    pageSize: page === null ? ordered.length : pageSize,
    // The group score includes whole-TIN data and every clinician's: not shown to a clinician.
    group: withGroup ? aggregateReports(reports, chosen) : null,
  };
}

/** What a list of clinicians shows per individual: the score, the submission it scored, the problems. */
export interface IndividualScoreSummary {
  clinicianId: string;
  score: SubmissionScoreReport | null;
  submission: Submission | null;
  problems: Issue[];
}

/**
 * An individual's score without lineage, for lists (the TIN dashboard's clinicians): a clinician whose
 * reports of the period are one valid report is scored from it directly (aggregating one source yields
 * the same values, so the same score: tests/integration/cehrt/rollups.test.ts compares both for random
 * data); anything else goes through `individualAggregation`.
 */
export function individualScoreSummary(clinicianId: string, reports: StoredReport[], chosen: { start: string; end: string } | null): IndividualScoreSummary {
  const npi = reports[0]?.npi ?? "";
  const hasChosen = chosen && reports.some((r) => r.performanceStart === chosen.start && r.performanceEnd === chosen.end);
  const periods = new Set(reports.map((r) => `${r.performanceStart}..${r.performanceEnd}`));
  const included = hasChosen ? reports.filter((r) => r.performanceStart === chosen.start && r.performanceEnd === chosen.end) : periods.size === 1 ? reports : [];
  if (included.length === 1) {
    const submission = asIndividual(npi)(reportSubmission(included[0]!));
    const valid = validateSubmission(submission);
    if (valid.ok) {
      try {
        return { clinicianId, score: scoreSubmission(valid.submission, `NPI ${npi}`), submission: valid.submission, problems: [] };
      } catch (error) {
        return { clinicianId, score: null, submission: valid.submission, problems: problemsOf(error) };
      }
    }
  }
  const { aggregation, submission } = individualAggregation(reports, chosen);
  return { clinicianId, score: aggregation.score, submission, problems: [...aggregation.problems, ...aggregation.scoreProblems] };
}

/** The TIN dashboard's scores: each clinician's individual summary (no lineage) and the group's aggregation. */
export async function tinDashboardScores(db: Db, scope: OrgScope, viewer: DataViewer, params: { tinId: string; performanceYear: number }) {
  const [tin] = await db.select({ id: tins.id, tin: tins.tin, name: tins.name }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), eq(tins.id, params.tinId)));
  if (!tin) throw notFound("TIN");
  const own = await ownClinicianId(db, scope, viewer);
  const [choice, reports] = await Promise.all([getReportingChoice(db, scope, params), loadReportHeaders(db, scope, { tinIds: [tin.id], performanceYear: params.performanceYear })]);
  const chosen = choice?.performanceStart && choice.performanceEnd ? { start: choice.performanceStart, end: choice.performanceEnd } : null;
  const byClinician = new Map<string, StoredReport[]>();
  for (const r of reports) {
    if (!r.clinicianId || (own && r.clinicianId !== own)) continue;
    const list = byClinician.get(r.clinicianId);
    if (list) list.push(r);
    else byClinician.set(r.clinicianId, [r]);
  }
  // Values only where an individual score reads them: a clinician's reports of the chosen period when
  // there are some (the others are only "left out"), else all of theirs. The group reads the rollups.
  const inChosen = (r: StoredReport) => chosen !== null && r.performanceStart === chosen.start && r.performanceEnd === chosen.end;
  await attachValues(db, scope, [...byClinician.values()].flatMap((list) => (list.some(inChosen) ? list.filter(inChosen) : list)));
  return {
    tin: { ...tin, tinDisplay: formatTin(tin.tin) },
    choice,
    individuals: [...byClinician.entries()].map(([clinicianId, list]) => individualScoreSummary(clinicianId, list, chosen)),
    group: own ? null : await groupFromProductSums(db, scope, tin, params.performanceYear, chosen, reports),
  };
}

/**
 * The group's aggregation from its product sums (the rollups: a source per product and period, the
 * same lib/mips aggregation and score as over every report, see product-sources.ts), with the numbers of
 * reports included and left out; from the reports themselves when yes/no answers differ inside a product.
 */
async function groupFromProductSums(db: Db, scope: OrgScope, tin: { id: string; tin: string; name: string }, year: number, chosen: { start: string; end: string } | null, reports: StoredReport[]) {
  const [rollups, products] = await Promise.all([productRollups(db, scope, { performanceYear: year, tinIds: [tin.id] }), productInfo(db, scope, [tin.id])]);
  const { sources, needReports } = productSources(year, new Map([[tin.id, tin]]), products, rollups.sums, rollups.reportCounts);
  if (needReports.size > 0 || sources.length === 0) {
    await attachValues(db, scope, reports.filter((r) => r.values.length === 0));
    const aggregation = aggregateReports(reports, chosen);
    return { aggregation, includedReports: aggregation.included.length, excludedReports: aggregation.excluded.length };
  }
  const aggregation = aggregateReports(sources, chosen);
  const period = aggregation.period;
  const includedReports = rollups.reportCounts.filter((r) => period && r.start === period.start && r.end === period.end).reduce((n, r) => n + r.reports, 0);
  return { aggregation, includedReports, excludedReports: reports.length - includedReports };
}
