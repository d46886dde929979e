/**
 * GET /o/<org>/roster-import/export[?year=YYYY]: the roster as CSV (admins and executives; formulas
 * neutralised): every year (it imports back unchanged), or one supported year; another year is a 404 saying why.
 */
import { TRPCError } from "@trpc/server";
import { serverApi } from "@/server/caller";
import { parseYearParam } from "@/lib/performance-year";

const STATUS: Partial<Record<TRPCError["code"], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

export async function GET(request: Request, { params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const yearText = new URL(request.url).searchParams.get("year");
  const year = yearText === null ? null : parseYearParam(yearText);
  if (year && !year.ok) return new Response(year.message, { status: 404 });
  try {
    const api = await serverApi();
    const { csv } = await api.rosterImport.export({ organization: org, performanceYear: year?.year });
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="roster-${org.replace(/[^a-z0-9-]/gi, "")}${year ? `-${year.year}` : ""}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError && STATUS[error.code]) return new Response(error.message, { status: STATUS[error.code] });
    throw error;
  }
}
