import type { Metadata } from "next";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { pageYear } from "@/server/page-year";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { ReportEntryForm } from "@/components/cehrt/report-entry-form";
import { PageHeader } from "@/components/ui/page-header";
import { getCatalog } from "@/lib/mips";

export const metadata: Metadata = { title: "Enter a report" };

export default async function NewReportPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ year?: string }> }) {
  const { org } = await params;
  const year = pageYear((await searchParams).year);
  const { organization, role } = await getOrgContext(org);
  if (role === "executive") return <ForbiddenNotice needed="admin or clinician" role={role} />;
  const api = await serverApi();
  const options = await forPage(api.measureReports.entryOptions({ organization: organization.id, performanceYear: year }));
  const measures = getCatalog(year).measures.map((m) => ({
    measureId: m.measureId,
    title: m.title,
    metricType: m.metricType,
    kind: m.kind,
    isRequired: m.isRequired,
    measureSets: [...m.measureSets],
    exclusionMeasureId: m.exclusionMeasureId,
  }));
  return (
    <>
      <PageHeader
        title={`Enter a ${year} report`}
        description="One CEHRT product's data for one NPI (or the whole TIN) and one performance period. Counts are whole numbers; a numerator never exceeds its denominator; a claimed exclusion goes with 0/0."
      />
      <ReportEntryForm organization={organization.id} performanceYear={year} options={options} measures={measures} />
    </>
  );
}
