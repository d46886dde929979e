/**
 * GET /api/o/<org>/reports/tins/<tinId>?year=YYYY: the TIN scorecard as a PDF (admins and executives;
 * the checks are the procedures' own, through serverApi with this request's session).
 */
import { renderTinScorecard } from "@/components/reports/tin-scorecard";
import { serverApi } from "@/server/caller";
import { fileSlug, pdfResponse, refusalResponse, reportYear } from "@/server/reports/respond";
import { loadTinScorecard } from "@/server/reports/tin-scorecard";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ org: string; tinId: string }> }) {
  const { org, tinId } = await params;
  const year = reportYear(request);
  if (!year.ok) return year.response;
  try {
    const api = await serverApi();
    const data = await loadTinScorecard(api, { organization: org, tinId, performanceYear: year.year, now: new Date() });
    return pdfResponse(await renderTinScorecard(data), `scorecard-${fileSlug(data.dashboard.tin.name)}-${data.dashboard.tin.tin}-${year.year}.pdf`);
  } catch (error) {
    return refusalResponse(error);
  }
}
