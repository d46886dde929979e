/**
 * The TIN scorecard's figures, read through the same procedures the TIN dashboard uses (so the same
 * checks apply: admins and executives): the group score and breakdown, each measure's rate, points and
 * next band, vendors, reweighting with its blockers, the year's deadlines, the data sources (file names
 * and checksums) and the final-score estimate (entered categories or the worst-to-best range).
 */
import { finalScoreRange } from "@/lib/mips/final-score-range";
import { isPerformanceYear, type PerformanceYear } from "@/lib/mips/years";
import { yearCalendar } from "@/lib/mips/year-calendar";
import type { createCaller } from "../routers/_app";

export type AppCaller = ReturnType<typeof createCaller>;

export async function loadTinScorecard(api: AppCaller, params: { organization: string; tinId: string; performanceYear: PerformanceYear; now: Date }) {
  const today = params.now.toISOString().slice(0, 10);
  const [org, dashboard, aggregation, saved] = await Promise.all([
    api.organizations.get({ organization: params.organization }),
    api.dashboards.tin({ organization: params.organization, tinId: params.tinId, performanceYear: params.performanceYear, today, clinicianPage: 1, clinicianPageSize: 100 }),
    api.tinReporting.aggregation({ organization: params.organization, tinId: params.tinId, performanceYear: params.performanceYear }),
    api.estimates.finalScoreInputs({ organization: params.organization, tinId: params.tinId, performanceYear: params.performanceYear }),
  ]);
  const g = dashboard.group;
  const pi = g.status === "reweighted" ? ("reweighted" as const) : (g.piScore ?? 0);
  const range = isPerformanceYear(params.performanceYear)
    ? finalScoreRange({ performanceYear: params.performanceYear, pi, entered: saved?.scores ?? { quality: null, improvementActivities: null, cost: null }, smallPractice: dashboard.smallPractice })
    : null;
  const sources = aggregation.aggregation.included.map((r) => ({
    fileName: r.fileName ?? `entered in the portal (${r.sourceKind})`,
    checksum: r.checksum,
    product: r.productName ? `${r.vendor ?? ""} ${r.productName}`.trim() : null,
    npi: r.npi,
    period: `${r.performanceStart} to ${r.performanceEnd}`,
  }));
  return {
    organization: org.organization.name,
    generatedAt: params.now,
    dashboard,
    sources,
    deadlines: yearCalendar(params.performanceYear, today),
    estimate: range ? { range, saved } : null,
  };
}

export type TinScorecardData = Awaited<ReturnType<typeof loadTinScorecard>>;
