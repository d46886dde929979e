/**
 * The clinician view: one clinician's reports, their individual score under each TIN with the
 * explanation, what raises it (the exact numerator of the next band per measure), and their reweighting
 * status. A clinician sees only their own; admins and executives any clinician of the organization.
 * Queries: the clinician, their memberships and hardships (two), their reports and values (two), the
 * reporting choices of their TINs (one).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinicians, tinReportingChoices } from "@/db/schema";
import { AppError, badInput } from "@/lib/errors";
import { formatTin, isMipsEligibleType, isPerformanceYear } from "@/lib/mips";
import { type DataViewer, notFound, ownClinicianId } from "../cehrt/access";
import { loadReports, type StoredReport } from "../cehrt/load";
import { individualAggregation } from "../cehrt/scores";
import { clinicianStatuses } from "../roster/status";
import type { OrgScope } from "../scope";
import { summarizeScore } from "./summary";
import { measureRows } from "./tin";

export async function clinicianDashboard(db: Db, scope: OrgScope, viewer: DataViewer, params: { clinicianId?: string | null | undefined; performanceYear: number }) {
  const own = await ownClinicianId(db, scope, viewer);
  if (own && params.clinicianId && params.clinicianId !== own) throw new AppError("FORBIDDEN", "Clinicians see only their own dashboard.");
  const clinicianId = own ?? params.clinicianId;
  if (!clinicianId) throw badInput("Choose a clinician.", [{ path: "clinicianId", message: "required for admins and executives" }]);
  const [clinician] = await db
    .select({ id: clinicians.id, npi: clinicians.npi, firstName: clinicians.firstName, lastName: clinicians.lastName, clinicianType: clinicians.clinicianType })
    .from(clinicians)
    .where(and(eq(clinicians.organizationId, scope.organizationId), eq(clinicians.id, clinicianId)));
  if (!clinician) throw notFound("clinician");
  const year = params.performanceYear;
  const [memberships, reports] = await Promise.all([
    clinicianStatuses(db, scope, { clinicianIds: [clinician.id] }, year),
    loadReports(db, scope, { clinicianIds: [clinician.id], performanceYear: year }),
  ]);
  const tinIds = [...new Set([...memberships.map((m) => m.tinId), ...reports.map((r) => r.tinId)])];
  const choices = tinIds.length
    ? await db
        .select()
        .from(tinReportingChoices)
        .where(and(eq(tinReportingChoices.organizationId, scope.organizationId), eq(tinReportingChoices.performanceYear, year), inArray(tinReportingChoices.tinId, tinIds)))
    : [];
  const byTin = new Map<string, StoredReport[]>();
  for (const r of reports) byTin.set(r.tinId, [...(byTin.get(r.tinId) ?? []), r]);

  const underTins = tinIds.map((tinId) => {
    const m = memberships.find((x) => x.tinId === tinId) ?? null;
    const own = byTin.get(tinId) ?? [];
    const choice = choices.find((c) => c.tinId === tinId);
    const chosen = choice?.performanceStart && choice.performanceEnd ? { start: choice.performanceStart, end: choice.performanceEnd } : null;
    const scored = own.length ? individualAggregation(own, chosen) : null;
    const agg = scored?.aggregation ?? null;
    const problems = agg ? [...agg.problems, ...agg.scoreProblems].map((p) => p.message) : [];
    const summary = summarizeScore(agg?.score ?? null, scored?.submission ?? null, problems);
    const qualifies = m?.reweighting.qualifies ?? false;
    if (!agg && qualifies) summary.status = "reweighted";
    const measures = measureRows(agg?.score ?? null);
    return {
      tinId,
      tinDisplay: formatTin(m?.tin ?? own[0]!.tin),
      tinName: m?.tinName ?? own[0]!.tinName,
      reportingMode: choice?.mode ?? null,
      period: agg?.period ?? null,
      excludedReports: agg?.excluded.length ?? 0,
      score: summary,
      explanation: agg?.score?.explanation ?? [],
      bonuses: agg?.score?.bonuses ?? [],
      measures,
      raises: measures
        .filter((x) => x.moreNeeded !== null)
        .map((x) => ({ measureId: x.measureId, title: x.title, numerator: x.numerator, denominator: x.denominator, nextBandNumerator: x.nextBandNumerator!, moreNeeded: x.moreNeeded!, band: x.band })),
      reweighting: {
        qualifies,
        reweighted: summary.status === "reweighted",
        dataCancels: qualifies && agg !== null,
        explanation: m?.reweighting.explanation ?? ["not on this TIN's roster in the year"],
        hardship: m?.hardship ?? null,
        /** An eligible type without a reason keeps the TIN's group PI in its score (100% rule). */
        blocksGroup: m !== null && isMipsEligibleType(m.clinicianType, isPerformanceYear(year) ? year : 2018) && !qualifies,
      },
    };
  });

  return {
    clinician: { ...clinician, name: `${clinician.firstName} ${clinician.lastName}` },
    isOwn: own !== null,
    performanceYear: year,
    tins: underTins,
    reports: reports.map((r) => ({
      id: r.id,
      tinDisplay: formatTin(r.tin),
      product: r.productName ? `${r.vendor} ${r.productName}` : null,
      performanceStart: r.performanceStart,
      performanceEnd: r.performanceEnd,
      sourceKind: r.sourceKind,
      fileName: r.fileName,
      values: r.values,
    })),
  };
}
