/**
 * Download of a security risk analysis evidence file. The checks are tRPC's own (`serverApi()` calls
 * `cehrtProducts.evidenceFile` with this request's session): signed in, member of the organization,
 * admin or executive. Unknown ids and other tenants' files answer 404 alike. The type sent is the one
 * sniffed from the file's bytes at upload, never the uploader's claim; `nosniff` and `attachment` keep
 * the browser from rendering it in the portal's origin.
 */
import { TRPCError } from "@trpc/server";
import { attachmentDisposition } from "@/lib/http/content-disposition";
import { serverApi } from "@/server/caller";

export const dynamic = "force-dynamic";

const STATUS: Partial<Record<TRPCError["code"], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 404 };

export async function GET(_request: Request, { params }: { params: Promise<{ org: string; evidenceId: string }> }) {
  const { org, evidenceId } = await params;
  try {
    const api = await serverApi();
    const file = await api.cehrtProducts.evidenceFile({ organization: org, evidenceId });
    return new Response(file.content.slice().buffer, {
      headers: {
        "Content-Type": file.mediaType,
        "Content-Length": String(file.content.byteLength),
        "Content-Disposition": attachmentDisposition(file.fileName),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError) {
      const status = STATUS[error.code];
      if (status) return new Response(status === 404 ? "Not found" : error.message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
    }
    throw error;
  }
}
