/**
 * The TIN dashboard: the group score and its breakdown, per-measure rate, band, points and the exact
 * numerator that reaches the next band, each CEHRT vendor's share of each measure (lineage), clinicians
 * with individual scores and reweighting status (paginated), the reweighting panel (100% rule, blockers,
 * what would change it), and individual vs group. Everything is read from `lib/mips` results computed
 * by the CEHRT and roster services (`tinDashboardScores`, `tinStatuses`): the TIN's reports and values in two
 * queries, its roster and hardships in two more.
 */
import { isMipsEligibleType, isPerformanceYear, nextBandNumerator, type SubmissionScoreReport } from "@/lib/mips";
import type { ReportingMode } from "@/db/schema";
import type { GroupAggregation } from "../cehrt/aggregation";
import type { DataViewer } from "../cehrt/access";
import { tinDashboardScores } from "../cehrt/scores";
import { tinStatuses, virtualGroupOfTin, type ClinicianUnderTinStatus } from "../roster/status";
import type { OrgScope } from "../scope";
import type { Db } from "@/db/client";
import { unblockAdvice } from "./reweighting-advice";
import { groupSummary, summarizeScore, type ScoreSummary } from "./summary";

export interface MeasureRow {
  measureId: string;
  title: string;
  /** null for a scored yes/no measure (2019+), whose answer is `value`. */
  numerator: number | null;
  denominator: number | null;
  value: boolean | null;
  rate: string;
  /** 2017-2018 band (0-10); null from 2019. */
  band: number | null;
  points: number;
  maxPoints: number;
  excluded: boolean;
  /** The smallest numerator (same denominator) that earns more points (a higher band in 2017-2018); null at the top, without points, or for yes/no. */
  nextBandNumerator: number | null;
  /** nextBandNumerator - numerator. */
  moreNeeded: number | null;
}

export interface VendorShare {
  measureId: string;
  vendor: string;
  numerator: number;
  denominator: number;
}

export interface ClinicianRow {
  clinicianId: string;
  npi: string;
  name: string;
  clinicianType: string;
  mipsEligibleType: boolean;
  qualifiesForReweighting: boolean;
  reweightingExplanation: string[];
  hardship: ClinicianUnderTinStatus["hardship"];
  blocksGroupReweighting: boolean;
  individual: ScoreSummary;
}

export function measureRows(score: SubmissionScoreReport | null): MeasureRow[] {
  return (score?.measures ?? []).map((m) => {
    const counts = m.numerator !== null && m.denominator !== null ? { numerator: m.numerator, denominator: m.denominator } : null;
    // 2019+: the engine gives the numerator of the next point; 2017-2018: the next band.
    const next = m.excluded || m.maxPoints === 0 || !counts ? null : m.band === null ? (m.nextBandNumerator ?? null) : nextBandNumerator(counts.numerator, counts.denominator);
    return {
      measureId: m.measureId,
      title: m.title,
      numerator: m.numerator,
      denominator: m.denominator,
      value: m.value ?? null,
      rate: m.rate,
      band: m.band,
      points: m.points,
      maxPoints: m.maxPoints,
      excluded: m.excluded ?? false,
      nextBandNumerator: next,
      moreNeeded: next === null || !counts ? null : next - counts.numerator,
    };
  });
}

/** Each vendor's (CEHRT product's) summed numerator and denominator per proportion measure, from the lineage. */
export function vendorShares(aggregation: GroupAggregation | null): VendorShare[] {
  const out = new Map<string, VendorShare>();
  for (const m of aggregation?.measures ?? []) {
    for (const c of m.contributions) {
      if (typeof c.value !== "object") continue;
      const vendor = c.product ?? "no CEHRT product";
      const key = `${m.measureId}|${vendor}`;
      const row = out.get(key) ?? { measureId: m.measureId, vendor, numerator: 0, denominator: 0 };
      row.numerator += c.value.numerator;
      row.denominator += c.value.denominator;
      out.set(key, row);
    }
  }
  return [...out.values()];
}

export interface TinDashboardParams {
  tinId: string;
  performanceYear: number;
  /** YYYY-MM-DD, for the days left in the advice. */
  today: string;
  clinicianPage: number;
  clinicianPageSize: number;
}

export async function tinDashboard(db: Db, scope: OrgScope, viewer: DataViewer, params: TinDashboardParams) {
  const year = params.performanceYear;
  const scores = await tinDashboardScores(db, scope, viewer, { tinId: params.tinId, performanceYear: year });
  const [statuses, virtualGroup] = await Promise.all([tinStatuses(db, scope, [params.tinId], year), virtualGroupOfTin(db, scope, params.tinId, year)]);
  const status = statuses.get(params.tinId)!;
  const { aggregation: group, includedReports, excludedReports } = scores.group!;
  const summary = groupSummary(group, status.group.reweighted);
  const blockingIds = new Set(status.blocking.map((b) => b.clinicianId));
  const individualsById = new Map(scores.individuals.map((i) => [i.clinicianId, i]));

  const clinicians: ClinicianRow[] = status.clinicians.map((c) => {
    const ind = individualsById.get(c.clinicianId);
    const eligible = isMipsEligibleType(c.clinicianType, isPerformanceYear(year) ? year : 2018);
    let individual: ScoreSummary;
    if (ind) {
      individual = summarizeScore(ind.score, ind.submission, ind.problems.map((p) => p.message));
    } else {
      individual = summarizeScore(null, null, []);
      if (c.reweighting.qualifies) individual.status = "reweighted";
    }
    return {
      clinicianId: c.clinicianId,
      npi: c.npi,
      name: `${c.firstName} ${c.lastName}`,
      clinicianType: c.clinicianType,
      mipsEligibleType: eligible,
      qualifiesForReweighting: c.reweighting.qualifies,
      reweightingExplanation: c.reweighting.explanation,
      hardship: c.hardship,
      blocksGroupReweighting: blockingIds.has(c.clinicianId),
      individual,
    };
  });

  // Individual vs group: under individual reporting each MIPS eligible clinician is scored (or
  // reweighted) on their own; compare the mean PI points of those scored with the group's points.
  const scoredAlone = clinicians.filter((c) => c.mipsEligibleType && c.individual.status !== "reweighted");
  const individualPoints = scoredAlone.map((c) => c.individual.finalScorePoints ?? 0);
  const meanIndividualPoints = individualPoints.length ? Math.round((individualPoints.reduce((a, b) => a + b, 0) / individualPoints.length) * 100) / 100 : null;
  const groupPoints = summary.status === "reweighted" ? null : (summary.finalScorePoints ?? 0);
  let verdict: string;
  if (summary.status === "reweighted") verdict = "As a group the TIN is reweighted (PI weighs 0%, its weight moves to Quality).";
  else if (meanIndividualPoints === null) verdict = `Every MIPS eligible clinician would be reweighted reporting individually; as a group the TIN earns ${groupPoints} PI points.`;
  else if (groupPoints! > meanIndividualPoints) verdict = `The TIN does better as a group: ${groupPoints} PI points against ${meanIndividualPoints} on average individually.`;
  else if (groupPoints! < meanIndividualPoints) verdict = `The TIN does better reporting individually: ${meanIndividualPoints} PI points on average against ${groupPoints} as a group.`;
  else verdict = `Group and individual reporting earn the same: ${groupPoints} PI points.`;

  const from = (params.clinicianPage - 1) * params.clinicianPageSize;
  return {
    tin: scores.tin,
    performanceYear: year,
    reportingMode: (scores.choice?.mode ?? null) as ReportingMode | null,
    virtualGroup,
    period: group.period,
    periodNote: group.periodNote,
    excludedReports,
    includedReports,
    group: summary,
    explanation: group.score?.explanation ?? [],
    bonuses: group.score?.bonuses ?? [],
    messages: group.score?.messages ?? [],
    measureSet: group.score?.measureSet ?? null,
    measures: measureRows(group.score),
    yesNoMeasures: group.score?.yesNoMeasures ?? [],
    vendorShares: vendorShares(group),
    smallPractice: status.smallPractice,
    reweighting: {
      groupQualifies: status.group.reweighted,
      reweighted: summary.status === "reweighted",
      reasons: status.group.reasons,
      dataCancels: status.group.reweighted && summary.status !== "reweighted",
      blockers: status.blocking.map((b) => {
        const c = status.clinicians.find((x) => x.clinicianId === b.clinicianId)!;
        return { clinicianId: b.clinicianId, npi: b.npi, name: b.name, why: b.why, hardship: c.hardship, advice: unblockAdvice(c, year, params.today) };
      }),
    },
    individualVsGroup: { groupPoints, meanIndividualPoints, scoredIndividually: scoredAlone.length, verdict },
    clinicians: {
      rows: clinicians.slice(from, from + params.clinicianPageSize),
      total: clinicians.length,
      page: params.clinicianPage,
      pageSize: params.clinicianPageSize,
    },
  };
}

export type TinDashboard = Awaited<ReturnType<typeof tinDashboard>>;
