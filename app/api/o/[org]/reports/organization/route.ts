/** GET /api/o/<org>/reports/organization?year=YYYY: the organization summary PDF (admins and executives). */
import { renderOrganizationSummary } from "@/components/reports/organization-summary";
import { serverApi } from "@/server/caller";
import { loadOrganizationSummary } from "@/server/reports/organization-summary";
import { fileSlug, pdfResponse, refusalResponse, reportYear } from "@/server/reports/respond";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const year = reportYear(request);
  if (!year.ok) return year.response;
  try {
    const data = await loadOrganizationSummary(await serverApi(), { organization: org, performanceYear: year.year, now: new Date() });
    return pdfResponse(await renderOrganizationSummary(data), `pi-summary-${fileSlug(data.organization)}-${year.year}.pdf`);
  } catch (error) {
    return refusalResponse(error);
  }
}
