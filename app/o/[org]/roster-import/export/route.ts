/** GET /o/<org>/roster-import/export: the roster as CSV (admins and executives; formulas neutralised). */
import { TRPCError } from "@trpc/server";
import { serverApi } from "@/server/caller";

const STATUS: Partial<Record<TRPCError["code"], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

export async function GET(_request: Request, { params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  try {
    const api = await serverApi();
    const { csv } = await api.rosterImport.export({ organization: org });
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="roster-${org.replace(/[^a-z0-9-]/gi, "")}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError && STATUS[error.code]) return new Response(error.message, { status: STATUS[error.code] });
    throw error;
  }
}
