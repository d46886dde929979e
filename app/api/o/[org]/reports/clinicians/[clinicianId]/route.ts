/**
 * GET /api/o/<org>/reports/clinicians/<clinicianId | me>?year=YYYY: a clinician's PI statement PDF.
 * Clinicians get only their own ("me" or their own id; another id is 403); admins and executives any.
 */
import { renderClinicianStatement } from "@/components/reports/organization-summary";
import { serverApi } from "@/server/caller";
import { loadClinicianStatement } from "@/server/reports/organization-summary";
import { fileSlug, pdfResponse, refusalResponse, reportYear } from "@/server/reports/respond";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ org: string; clinicianId: string }> }) {
  const { org, clinicianId } = await params;
  const year = reportYear(request);
  if (!year.ok) return year.response;
  try {
    const data = await loadClinicianStatement(await serverApi(), { organization: org, clinicianId: clinicianId === "me" ? null : clinicianId, performanceYear: year.year, now: new Date() });
    return pdfResponse(await renderClinicianStatement(data), `pi-statement-${fileSlug(data.dashboard.clinician.name)}-${year.year}.pdf`);
  } catch (error) {
    return refusalResponse(error);
  }
}
