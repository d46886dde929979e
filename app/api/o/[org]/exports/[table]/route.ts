/**
 * GET /api/o/<org>/exports/<table>.csv?year=YYYY[&tin=<id>]: a table the user sees, as CSV (streamed,
 * formulas neutralised). The procedures behind each table check the caller's role and organization;
 * the first page is read before answering, so a refusal is a plain 403/404, not a broken download.
 */
import { csvStream, type CsvCell } from "@/lib/csv/stream";
import { serverApi } from "@/server/caller";
import { AUDIT_EXPORT } from "@/server/exports/audit";
import { TABLE_EXPORTS, type TableExport } from "@/server/exports/tables";
import { fileResponse, refusalResponse, reportYear } from "@/server/reports/respond";

export const dynamic = "force-dynamic";

const EXPORTS: Record<string, TableExport> = { ...TABLE_EXPORTS, audit: AUDIT_EXPORT };

export async function GET(request: Request, { params }: { params: Promise<{ org: string; table: string }> }) {
  const { org, table } = await params;
  const spec = EXPORTS[table.replace(/\.csv$/, "")];
  if (!spec || !Object.hasOwn(EXPORTS, table.replace(/\.csv$/, ""))) return new Response("Not found", { status: 404 });
  const year = reportYear(request);
  if (!year.ok) return year.response;
  const search = new URL(request.url).searchParams;
  const exportParams = { organization: org, performanceYear: year.year, tinId: search.get("tin") ?? undefined, search };
  try {
    const api = await serverApi();
    const iterator = spec.pages(api, exportParams)[Symbol.asyncIterator]();
    const first = await iterator.next();
    async function* rest(): AsyncGenerator<CsvCell[][]> {
      if (!first.done) yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    }
    return fileResponse(csvStream(spec.header, rest()), "text/csv; charset=utf-8", spec.fileName(exportParams));
  } catch (error) {
    return refusalResponse(error);
  }
}
