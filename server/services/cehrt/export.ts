/**
 * Export of the QPP Submissions API JSON CMS accepts: an individual (TIN + NPI), a group (TIN) or a
 * virtual group (its CMS id, data across every member TIN). Validated before download with the one
 * validator (`validateSubmission`) and the category's prerequisites; a refusal lists what is missing
 * (attestations, base measures, period) and nothing is produced.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { virtualGroups } from "@/db/schema";
import { formatTin } from "@/lib/mips/identifiers";
import { readQrda3, writeQrda3 } from "@/lib/formats/qrda3";
import { AppError, badInput, type Issue } from "@/lib/errors";
import { getCatalog, isPerformanceYear, piMeasurementSet, scoreSubmission, validateSubmission, type MeasureSetId, type Submission } from "@/lib/mips";
import { yearFacts } from "@/lib/mips/years/index";
import { unsupportedYearMessage } from "@/lib/mips/years";
import { requireOrganizationRecords } from "../organization-records";
import type { OrgScope } from "../scope";
import { assertClinicianOwns, type DataViewer, notFound, ownClinicianId } from "./access";
import { aggregateReports, getReportingChoice, getReportingChoices, type GroupAggregation } from "./aggregation";
import { withCategorySets } from "./category-sets";
import { loadReports, type StoredReport } from "./load";
import { listAnalyses, listProducts } from "./products";
import { individualAggregation } from "./scores";
import { tinStatuses, virtualGroupMembers } from "../roster/status";
import { VIRTUAL_GROUP_MAX_TIN_CLINICIANS, VIRTUAL_GROUP_MIN_TINS } from "../roster/virtual-groups";

export type ExportParams =
  | { kind: "individual"; tinId: string; clinicianId: string; performanceYear: number }
  | { kind: "group"; tinId: string; performanceYear: number }
  | { kind: "virtualGroup"; virtualGroupId: string; performanceYear: number };

/**
 * What CMS needs beyond a well-formed file: 2017-2018 the required attestations, base measures and period
 * (rules 6.1, 6.3); from 2019 every gate of the year's scoring (attestations, security risk analysis and
 * SAFER, the period minimum, each required measure or its exclusion, the HIE objective, public health),
 * as the engine reports them.
 */
export function missingForSubmission(submission: Submission): Issue[] {
  const issues: Issue[] = [];
  const year = submission.performanceYear;
  if (!isPerformanceYear(year)) return [{ path: "performanceYear", message: unsupportedYearMessage(year) }];
  const set = piMeasurementSet(submission);
  if (!set) return [{ path: "measurementSets", message: "no Promoting Interoperability data" }];
  if (yearFacts(year).pi) {
    if (!set.performanceStart || !set.performanceEnd) return [{ path: "performancePeriod", message: "the performance period is missing" }];
    const report = scoreSubmission({ ...submission, clinicians: undefined, measurementSets: [set] }, "submission");
    return report.failedPrerequisites.map((f) => ({ path: f.measureId ?? f.rule, message: f.message }));
  }
  if (!set.performanceStart || !set.performanceEnd) issues.push({ path: "performancePeriod", message: "the performance period is missing" });
  const values = new Map(set.measurements.map((m) => [m.measureId, m.value]));
  const catalog = getCatalog(year);
  for (const m of catalog.measures.filter((x) => x.kind === "attestation" && x.isRequired)) {
    if (values.get(m.measureId) !== true) issues.push({ path: m.measureId, message: `attestation "${m.title}" (${m.measureId}) must be answered yes` });
  }
  // The set: the one with data (transition when only transition measures are reported).
  const reported = (s: MeasureSetId) => set.measurements.some((x) => catalog.byId.get(x.measureId)?.measureSets.length === 1 && catalog.byId.get(x.measureId)?.measureSets[0] === s);
  const measureSet: MeasureSetId = reported("transition") && !reported("pi") ? "transition" : "pi";
  for (const m of catalog.measures.filter((x) => x.isRequired && x.measureSets.length === 1 && x.measureSets[0] === measureSet)) {
    const v = values.get(m.measureId);
    if (m.kind === "securityRiskAnalysis") {
      if (v !== true) issues.push({ path: m.measureId, message: `base measure "${m.title}" (${m.measureId}) must be yes (a security risk analysis done in ${year} for every CEHRT product)` });
      continue;
    }
    const excluded = m.exclusionMeasureId !== null && values.get(m.exclusionMeasureId) === true;
    if (excluded) continue;
    if (v === undefined) issues.push({ path: m.measureId, message: `base measure "${m.title}" (${m.measureId}) is not reported${m.exclusionMeasureId ? ` (nor its exclusion ${m.exclusionMeasureId})` : ""}` });
    else if (typeof v !== "boolean" && v.numerator < 1) issues.push({ path: m.measureId, message: `base measure "${m.title}" (${m.measureId}) needs a numerator of at least 1${m.exclusionMeasureId ? ` or its exclusion ${m.exclusionMeasureId}` : ""}` });
  }
  return issues;
}

function refuseUnlessReady(what: string, aggregation: GroupAggregation, submission: Submission | null): Submission {
  if (!submission) throw badInput(`The ${what} cannot be exported: its data does not aggregate.`, aggregation.problems.length ? aggregation.problems : [{ path: "reports", message: "no data for the period" }]);
  const valid = validateSubmission(submission);
  const issues = valid.ok ? missingForSubmission(valid.submission) : valid.issues;
  if (issues.length > 0) throw badInput(`The ${what} cannot be exported yet (${issues.length} thing(s) missing).`, issues);
  // The export must score with the same engine as `mips score`: a refusal there is a refusal here.
  scoreSubmission(submission, what);
  return submission;
}

/**
 * Rules 6.7: the group's security risk analysis "yes" must cover every CEHRT product the TIN(s) use in
 * the year. A product in use counts as covered when an analysis is recorded for it this year, or when its
 * own reports of the period carry the answer (the vendor's file attests it). Others are listed.
 */
export async function uncoveredSecurityRiskAnalyses(db: Db, scope: OrgScope, params: { tinIds: readonly string[]; performanceYear: number; included: readonly StoredReport[] }): Promise<Issue[]> {
  const first = `${params.performanceYear}-01-01`;
  const last = `${params.performanceYear}-12-31`;
  const products = (await listProducts(db, scope, { tinIds: params.tinIds })).filter(
    (p) => (p.inUseFrom === null || p.inUseFrom <= last) && (p.inUseTo === null || p.inUseTo >= first),
  );
  if (products.length === 0) return [];
  const analysed = new Set((await listAnalyses(db, scope, { productIds: products.map((p) => p.id), performanceYear: params.performanceYear })).map((a) => a.productId));
  const withData = new Set(params.included.flatMap((r) => (r.productId ? [r.productId] : [])));
  return products
    .filter((p) => !analysed.has(p.id) && !withData.has(p.id))
    .map((p) => ({
      path: `securityRiskAnalysis.${p.cehrtId}`,
      message: `${p.vendor} ${p.productName} (CEHRT ID ${p.cehrtId}) is in use in ${params.performanceYear} but has no security risk analysis recorded for ${params.performanceYear} and no data of its own; the group's analysis must cover every CEHRT product in use (record it on the CEHRT data page)`,
    }));
}

/**
 * Appends the included reports' stored quality and IA sets (after the PI checks, which they never block)
 * and re-validates the whole: a problem in those sets is a finding; the findings say how sets of several
 * files were combined.
 */
async function carryCategorySets(db: Db, scope: OrgScope, sub: Submission, included: readonly StoredReport[], level: "individual" | "group") {
  const carried = await withCategorySets(db, scope, sub, included, level);
  if (carried.submission === sub) return { submission: sub, findings: carried.findings };
  const valid = validateSubmission(carried.submission);
  if (!valid.ok) {
    return { submission: sub, findings: [...carried.findings, ...valid.issues, { path: "measurementSets", message: "the stored quality and IA sets do not validate with the PI data; the export carries PI only" }] };
  }
  return { submission: carried.submission, findings: [...carried.findings, ...valid.findings] };
}

export interface ExportResult {
  fileName: string;
  submission: Submission;
  /** What CMS may reject or what the portal decided (quality/IA sets combined from several files). */
  findings: Issue[];
}

export async function exportSubmission(db: Db, scope: OrgScope, viewer: DataViewer, params: ExportParams): Promise<ExportResult> {
  const year = params.performanceYear;
  await requireOrganizationRecords(db, scope, params.kind === "virtualGroup" ? {} : { tinId: params.tinId, clinicianId: params.kind === "individual" ? params.clinicianId : null });
  if (params.kind === "individual") {
    const own = await ownClinicianId(db, scope, viewer);
    assertClinicianOwns(viewer, own, params.clinicianId);
    const [choice, reports] = await Promise.all([
      getReportingChoice(db, scope, { tinId: params.tinId, performanceYear: year }),
      loadReports(db, scope, { tinIds: [params.tinId], clinicianIds: [params.clinicianId], performanceYear: year }),
    ]);
    if (reports.length === 0) throw badInput("Nothing to export: no report for this clinician under this TIN in the year.", [{ path: "reports", message: `no ${year} report` }]);
    const chosen = choice?.performanceStart && choice.performanceEnd ? { start: choice.performanceStart, end: choice.performanceEnd } : null;
    const { aggregation, submission } = individualAggregation(reports, chosen);
    const sub = refuseUnlessReady("individual submission", aggregation, submission);
    const carried = await carryCategorySets(db, scope, sub, aggregation.included, "individual");
    return { fileName: `qpp-${year}-individual-${sub.taxpayerIdentificationNumber}-${sub.nationalProviderIdentifier}.json`, ...carried };
  }
  if (viewer.role === "clinician") throw new AppError("FORBIDDEN", "Clinicians export only their own individual submission.");
  if (params.kind === "group") {
    const [choice, reports] = await Promise.all([
      getReportingChoice(db, scope, { tinId: params.tinId, performanceYear: year }),
      loadReports(db, scope, { tinIds: [params.tinId], performanceYear: year }),
    ]);
    if (reports.length === 0) throw badInput("Nothing to export: no report for this TIN in the year.", [{ path: "reports", message: `no ${year} report` }]);
    const chosen = choice?.performanceStart && choice.performanceEnd ? { start: choice.performanceStart, end: choice.performanceEnd } : null;
    const aggregation = aggregateReports(reports, chosen);
    const uncovered = await uncoveredSecurityRiskAnalyses(db, scope, { tinIds: [params.tinId], performanceYear: year, included: aggregation.included });
    if (uncovered.length > 0) throw badInput("The group submission cannot be exported yet: the security risk analysis does not cover every CEHRT product in use.", uncovered);
    const sub = refuseUnlessReady("group submission", aggregation, aggregation.result?.submission ?? null);
    const carried = await carryCategorySets(db, scope, sub, aggregation.included, "group");
    return { fileName: `qpp-${year}-group-${sub.taxpayerIdentificationNumber}.json`, ...carried };
  }
  const { aggregation } = await virtualGroupAggregation(db, scope, { virtualGroupId: params.virtualGroupId, performanceYear: year });
  // Members that disagree on the period aggregate (over the reports' only period) but must not be exported.
  if (aggregation.problems.length > 0) throw badInput("The virtual group submission cannot be exported yet.", aggregation.problems);
  const sub = refuseUnlessReady("virtual group submission", aggregation, aggregation.result?.submission ?? null);
  const carried = await carryCategorySets(db, scope, sub, aggregation.included, "group");
  return { fileName: `qpp-${year}-virtual-group-${sub.entityId}.json`, ...carried };
}

/**
 * The same submission as `exportSubmission` (same checks, same refusals), as a QRDA III document
 * (lib/formats/qrda3/write.ts). Read back with our own reader before it is offered: a document the
 * reader refuses is never downloaded. What QRDA III cannot carry is listed among the findings.
 */
export async function exportQrda3(db: Db, scope: OrgScope, viewer: DataViewer, params: ExportParams): Promise<{ fileName: string; xml: string; findings: Issue[] }> {
  const exported = await exportSubmission(db, scope, viewer, params);
  const { xml, notCarried } = writeQrda3(exported.submission);
  const fileName = exported.fileName.replace(/\.json$/, ".xml").replace(/^qpp-/, "qrda3-");
  readQrda3(xml, fileName);
  return { fileName, xml, findings: [...exported.findings, ...notCarried] };
}

/**
 * A virtual group's data: every report of every member TIN, the period agreed on the members' choices.
 * Four queries whatever the number of member TINs (group, members, reports + values, choices).
 */
export async function virtualGroupAggregation(db: Db, scope: OrgScope, params: { virtualGroupId: string; performanceYear: number }) {
  const [group] = await db
    .select()
    .from(virtualGroups)
    .where(and(eq(virtualGroups.organizationId, scope.organizationId), eq(virtualGroups.id, params.virtualGroupId), eq(virtualGroups.performanceYear, params.performanceYear)));
  if (!group) throw notFound("virtual group");
  if (!group.cmsId) {
    throw badInput("The virtual group has no CMS id yet.", [{ path: "cmsId", message: "enter the virtual group identifier CMS assigned at election (Virtual groups page)" }]);
  }
  const members = await virtualGroupMembers(db, scope, [group.id]);
  const tinIds = members.map((m) => m.tinId);
  const [reports, choices] = await Promise.all([
    loadReports(db, scope, { tinIds, performanceYear: params.performanceYear }),
    getReportingChoices(db, scope, { tinIds, performanceYear: params.performanceYear }),
  ]);
  const periods = [...new Set(choices.flatMap((c) => (c.performanceStart && c.performanceEnd ? [`${c.performanceStart}..${c.performanceEnd}`] : [])))];
  const chosen = periods.length === 1 ? { start: periods[0]!.split("..")[0]!, end: periods[0]!.split("..")[1]! } : null;
  const cmsId = group.cmsId;
  const aggregation = aggregateReports(reports, chosen, (s) => {
    const { taxpayerIdentificationNumber: _tin, nationalProviderIdentifier: _npi, ...rest } = s;
    return { ...rest, entityType: "virtualGroup", entityId: cmsId };
  });
  if (periods.length > 1) aggregation.problems.unshift({ path: "performancePeriod", message: `member TINs chose different periods (${periods.join(", ")}); a virtual group reports one` });
  aggregation.problems.push(...(await uncoveredSecurityRiskAnalyses(db, scope, { tinIds, performanceYear: params.performanceYear, included: aggregation.included })));
  // The election rules, re-checked at export: the roster may have changed since the TINs were added.
  if (members.length < VIRTUAL_GROUP_MIN_TINS) {
    aggregation.problems.unshift({ path: "memberTins", message: `the virtual group has ${members.length} member TIN(s); CMS requires ${VIRTUAL_GROUP_MIN_TINS} or more` });
  }
  const statuses = await tinStatuses(db, scope, tinIds, params.performanceYear);
  for (const member of members) {
    const count = statuses.get(member.tinId)?.eligibleClinicianCount ?? 0;
    if (count > VIRTUAL_GROUP_MAX_TIN_CLINICIANS) {
      aggregation.problems.unshift({
        path: `memberTins.${formatTin(member.tin)}`,
        message: `TIN ${formatTin(member.tin)} (${member.name}) has ${count} eligible clinicians in ${params.performanceYear}; a virtual group member TIN may have at most ${VIRTUAL_GROUP_MAX_TIN_CLINICIANS}`,
      });
    }
  }
  return { group, members, aggregation };
}
