/** The organization summary's figures: every TIN of the year, one line each, and the totals (the overview procedure: admins and executives). */
import type { PerformanceYear } from "@/lib/mips/years";
import type { AppCaller } from "./tin-scorecard";

export async function loadOrganizationSummary(api: AppCaller, params: { organization: string; performanceYear: PerformanceYear; now: Date }) {
  const [org, overview] = await Promise.all([api.organizations.get({ organization: params.organization }), api.dashboards.overview({ organization: params.organization, performanceYear: params.performanceYear })]);
  return { organization: org.organization.name, generatedAt: params.now, overview };
}

export type OrganizationSummaryData = Awaited<ReturnType<typeof loadOrganizationSummary>>;

/** A clinician's own statement: their numbers and score under each TIN (clinicians: only their own). */
export async function loadClinicianStatement(api: AppCaller, params: { organization: string; clinicianId: string | null; performanceYear: PerformanceYear; now: Date }) {
  const [org, dashboard] = await Promise.all([
    api.organizations.get({ organization: params.organization }),
    api.dashboards.clinician({ organization: params.organization, clinicianId: params.clinicianId, performanceYear: params.performanceYear }),
  ]);
  return { organization: org.organization.name, generatedAt: params.now, dashboard };
}

export type ClinicianStatementData = Awaited<ReturnType<typeof loadClinicianStatement>>;
